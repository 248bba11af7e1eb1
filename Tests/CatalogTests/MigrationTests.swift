import Catalog
import Foundation
import KLTesting
import PostgresNIO
import Storage
import Testing

@Suite("Catalog: upgrading the schema")
struct MigrationTests {
    /// A reply stored before the upgrade is still the reply a retried request gets after it.
    @Test func storedRepliesMoveToTheKernelsTable() async throws {
        try await withScratchSchema { client, schema in
            let all = Migration.kernel + (try CatalogDefinition.migrations())
            _ = try await Migrator(schema: schema, migrations: all.filter { $0.version < 107 }).migrate(client, logger: LocalStack.logger)
            try await client.query(
                """
                INSERT INTO \(unescaped: schema).rpc_replies (message_id, method, response, created_at)
                VALUES ('m-1', 'CreateDraft', '\\x0102'::bytea, now() - interval '1 day')
                """, logger: LocalStack.logger)
            let applied = try await Migrator(schema: schema, migrations: all).migrate(client, logger: LocalStack.logger)
            #expect(applied == ["0107_stored_replies"])
            let rows = try await client.query(
                """
                SELECT method, response, created_at < now() - interval '23 hours' FROM \(unescaped: schema).stored_replies WHERE message_id = 'm-1'
                """, logger: LocalStack.logger
            ).decode((String, ByteBuffer, Bool).self).collect()
            #expect(rows.count == 1 && rows[0].0 == "CreateDraft" && Array(buffer: rows[0].1) == [1, 2] && rows[0].2, "its age kept, for pruning")
            let old = try await client.query("SELECT to_regclass(\("\(schema).rpc_replies"))::text", logger: LocalStack.logger)
                .decode(String?.self).collect()
            #expect(old == [nil], "the old table is gone")
        }
    }
}
