import Foundation
import KLTesting
import PostgresNIO
import Storage
import Testing

/// `sslmode` is honoured against the local stack's PostgreSQL (ssl = on, a local CA).
@Suite("PostgreSQL over TLS")
struct DatabaseTLSTests {
    static var ca: String { LocalStack.root.appendingPathComponent(".run/tls/ca.pem").path }

    static func sslInUse(_ url: String) async throws -> Bool {
        let config = try DatabaseConfiguration(url: url)
        let client = PostgresClient(configuration: config.clientConfiguration, backgroundLogger: LocalStack.logger)
        return try await whileRunning(client) {
            for try await ssl in try await client.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").decode(Bool.self) {
                return ssl
            }
            return false
        }
    }

    static func url(_ query: String) -> String {
        "postgres://catalog:catalog@localhost:\(LocalStack.postgresPort)/kunskapsloop?\(query)"
    }

    @Test func sslModesAreHonoured() async throws {
        #expect(try await Self.sslInUse(Self.url("sslmode=disable")) == false)
        #expect(try await Self.sslInUse(Self.url("sslmode=require")) == true)
        #expect(try await Self.sslInUse(Self.url("sslmode=verify-full&sslrootcert=\(Self.ca)")) == true)
    }

    @Test func verifyFullRefusesAServerItCannotVerifyAndAcceptsOneItCan() async throws {
        // One connection rather than the pool, which would keep retrying: the refusal is at once.
        func connect(_ query: String) async throws -> PostgresConnection {
            try await PostgresConnection.connect(
                configuration: DatabaseConfiguration(url: Self.url(query)).connectionConfiguration(), id: 1, logger: LocalStack.logger)
        }
        // The system trust store does not know the local CA.
        await #expect(throws: (any Error).self) { _ = try await connect("sslmode=verify-full") }
        let verified = try await connect("sslmode=verify-full&sslrootcert=\(Self.ca)")
        try await verified.close()
    }
}
