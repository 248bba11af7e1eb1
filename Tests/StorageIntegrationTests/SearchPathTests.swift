import Foundation
import KLTesting
import PostgresNIO
import Storage
import Testing

/// A service's connections start in its schema, which its prepared statements rely on, and a
/// start-up in the wrong schema stops with a line that says so.
@Suite("Connections start in the service's schema")
struct SearchPathTests {
    @Test func aConfiguredSchemaIsWhereBareNamesResolve() async throws {
        try await withScratchSchema { client, schema in
            try await client.query("CREATE TABLE \(unescaped: schema).marker (value text)", logger: LocalStack.logger)
            try await client.query("INSERT INTO marker VALUES ('here')", logger: LocalStack.logger)
            let rows = try await client.query("SELECT value FROM \(unescaped: schema).marker", logger: LocalStack.logger)
            #expect(try await rows.decode(String.self).collect() == ["here"])
            try await SearchPath.require(schema, on: client, logger: LocalStack.logger)
        }
    }

    @Test func aConnectionStartedElsewhereIsRefusedNamingBothSchemas() async throws {
        try await withPostgresClient { client in
            let error = await #expect(throws: StorageError.self) {
                try await SearchPath.require("catalog_missing", on: client, logger: LocalStack.logger)
            }
            #expect(error?.code == .invalidConfiguration)
            #expect(error?.message.contains("'public'") == true)
            #expect(error?.message.contains("'catalog_missing'") == true)
        }
    }
}
