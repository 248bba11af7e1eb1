import KLTesting
import PostgresNIO
import Storage
import Testing

/// Each service role can create and read in its own schema and is refused in another's.
@Suite("Database isolation per service role")
struct SchemaIsolationTests {
    static let services = ["catalog", "feedback", "followup", "notification"]

    @Test("a role creates, writes and reads in its own schema", arguments: services)
    func ownSchema(service: String) async throws {
        try await withPostgresClient(user: service) { client in
            let table = LocalStack.uniqueName("iso")
            try await client.query("CREATE TABLE \(unescaped: service).\(unescaped: table) (x int)")
            try await client.query("INSERT INTO \(unescaped: table) VALUES (\(42))")  // search_path finds its schema
            let rows = try await client.query("SELECT x FROM \(unescaped: service).\(unescaped: table)")
            var values: [Int] = []
            for try await x in rows.decode(Int.self) { values.append(x) }
            #expect(values == [42])
            try await client.query("DROP TABLE \(unescaped: service).\(unescaped: table)")
        }
    }

    @Test("a role is refused in every other service's schema", arguments: services)
    func othersRefused(service: String) async throws {
        try await withPostgresClient(user: service) { client in
            for other in Self.services where other != service {
                await #expect(
                    performing: {
                        try await client.query("CREATE TABLE \(unescaped: other).intruder (x int)")
                    },
                    throws: { error in
                        (error as? PSQLError)?.serverInfo?[.sqlState] == "42501"  // insufficient_privilege
                    })
                await #expect(
                    performing: {
                        try await client.query("SELECT count(*) FROM \(unescaped: other).schema_migrations")
                    },
                    throws: { error in
                        // Without USAGE on the schema, even naming its tables is refused.
                        (error as? PSQLError)?.serverInfo?[.sqlState] == "42501"
                    })
            }
        }
    }

    @Test("a role cannot create schemas or write to public", arguments: services)
    func noNewSchemasNoPublic(service: String) async throws {
        try await withPostgresClient(user: service) { client in
            await #expect(throws: PSQLError.self) { try await client.query("CREATE SCHEMA \(unescaped: service)_extra") }
            await #expect(throws: PSQLError.self) { try await client.query("CREATE TABLE public.intruder (x int)") }
            // …but can use the pg_trgm functions installed in public (catalog search needs them).
            let rows = try await client.query("SELECT similarity('reumatisk', 'reumatiska')::float8")
            for try await s in rows.decode(Double.self) { #expect(s > 0.5) }
        }
    }

    @Test("a role cannot connect to the other databases of the server", arguments: services)
    func otherDatabasesRefused(service: String) async throws {
        for database in ["postgres", "template1"] {
            var configuration = try DatabaseConfiguration(url: LocalStack.databaseURL(user: service))
            configuration.database = database
            do {
                let connection = try await PostgresConnection.connect(
                    configuration: configuration.connectionConfiguration(), id: 1, logger: LocalStack.logger)
                try? await connection.close()
                Issue.record("\(service) could connect to \(database)")
            } catch {
                #expect((error as? PSQLError)?.serverInfo?[.sqlState] == "42501", "\(service) connecting to \(database): \(error)")
            }
        }
    }
}
