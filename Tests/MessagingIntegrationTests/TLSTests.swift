import Foundation
import KLTesting
import Messaging
import Testing

/// `amqps://` against the local stack's TLS listener (a CA made by scripts/stack.sh).
@Suite("AMQP over TLS")
struct TLSTests {
    static var ca: String { LocalStack.root.appendingPathComponent(".run/tls/ca.pem").path }
    static var port: Int { LocalStack.env("KL_AMQPS_PORT").flatMap(Int.init) ?? 5674 }

    static func run(_ url: String, _ body: @Sendable (AMQPConnection) async throws -> Void) async throws {
        let connection = AMQPConnection(configuration: try AMQPConfiguration(url: url, connectionName: "tls-test"), logger: LocalStack.logger)
        try await whileRunning(connection) { try await body(connection) }
    }

    @Test func aVerifiedTLSConnectionPublishesWithConfirms() async throws {
        try await Self.run("amqps://admin:admin@localhost:\(Self.port)/kunskapsloop?cacertfile=\(Self.ca)") { connection in
            try await connection.publish([1], exchange: "kl.events", routingKey: "tls.test", properties: MessageProperties())
            #expect(connection.status.connected)
        }
    }

    @Test func aCertificateFromAnUnknownCAIsRefused() async throws {
        // Without our CA, the system trust store does not know the broker's certificate.
        try await Self.run("amqps://admin:admin@localhost:\(Self.port)/kunskapsloop") { connection in
            await #expect(
                performing: {
                    try await connection.publish([1], exchange: "kl.events", routingKey: "tls.test", properties: MessageProperties(), timeout: .seconds(2))
                }, throws: { ($0 as? MessagingError)?.code == .timeout })
            #expect(!connection.status.connected)
            #expect(connection.status.lastError?.contains("cannot connect") == true, "\(connection.status.lastError ?? "-")")
        }
    }
}
