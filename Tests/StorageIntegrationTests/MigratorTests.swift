import KLTesting
import PostgresNIO
import Storage
import Testing

@Suite("Migrations on the real database")
struct MigratorTests {
    static let migrations =
        Migration.kernel + [
            Migration(version: 100, name: "create_things", sql: "CREATE TABLE things (id int PRIMARY KEY, name text NOT NULL);"),
            Migration(version: 101, name: "seed_things", sql: "INSERT INTO things VALUES (1, 'ett'); INSERT INTO things VALUES (2, 'två');"),
        ]

    @Test func appliedOnceEvenWhenTwoInstancesStartTogether() async throws {
        try await withScratchSchema { admin, schema in
            let migrator = try Migrator(schema: schema, migrations: Self.migrations)
            // Two separate clients (two "processes") migrate at the same moment.
            let results = try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        try await withPostgresClient { client in try await migrator.migrate(client, logger: LocalStack.logger) }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let all = results.flatMap { $0 }
            #expect(all.sorted() == Migration.kernel.map(\.label) + ["0100_create_things", "0101_seed_things"])
            #expect(Migration.kernel.first?.label == "0001_kernel_inbox_outbox")
            #expect(results.contains([]), "one instance found nothing left to do")
            let rows = try await admin.query("SELECT count(*) FROM \(unescaped: schema).things")
            for try await count in rows.decode(Int.self) { #expect(count == 2) }
            // Running again is a no-op.
            #expect(try await migrator.migrate(admin, logger: LocalStack.logger).isEmpty)
        }
    }

    @Test func aChangedMigrationStopsTheStartAndNamesIt() async throws {
        try await withScratchSchema { admin, schema in
            _ = try await Migrator(schema: schema, migrations: Self.migrations).migrate(admin, logger: LocalStack.logger)
            var changed = Self.migrations
            changed[Migration.kernel.count] = Migration(version: 100, name: "create_things", sql: "CREATE TABLE things (id bigint PRIMARY KEY);")
            await #expect(
                performing: {
                    _ = try await Migrator(schema: schema, migrations: changed).migrate(admin, logger: LocalStack.logger)
                },
                throws: { error in
                    guard let error = error as? StorageError else { return false }
                    return error.code == .checksumMismatch && error.message.contains("0100_create_things")
                })
        }
    }

    @Test func aSchemaNewerThanTheBuildIsRefused() async throws {
        try await withScratchSchema { admin, schema in
            _ = try await Migrator(schema: schema, migrations: Self.migrations).migrate(admin, logger: LocalStack.logger)
            await #expect(
                performing: {
                    _ = try await Migrator(schema: schema, migrations: Array(Self.migrations.prefix(Migration.kernel.count + 1))).migrate(
                        admin, logger: LocalStack.logger)
                }, throws: { ($0 as? StorageError)?.code == .unknownMigration })
        }
    }

    @Test func twoMigrationsWithOneNumberAreRefused() {
        #expect(throws: StorageError.self) {
            try Migrator(schema: "x", migrations: [Migration(version: 100, name: "a", sql: ""), Migration(version: 100, name: "b", sql: "")])
        }
        #expect(throws: StorageError.self) { try Migrator(schema: "Robert'); DROP", migrations: []) }
    }

    @Test func aFailingMigrationLeavesNothingBehind() async throws {
        try await withScratchSchema { admin, schema in
            _ = try await Migrator(schema: schema, migrations: Migration.kernel).migrate(admin, logger: LocalStack.logger)
            let broken =
                Migration.kernel + [
                    Migration(version: 100, name: "half", sql: "CREATE TABLE half (x int); INSERT INTO nowhere VALUES (1);")
                ]
            await #expect(
                performing: {
                    _ = try await Migrator(schema: schema, migrations: broken).migrate(admin, logger: LocalStack.logger)
                }, throws: { ($0 as? StorageError)?.code == .migrationFailed })
            let rows = try await admin.query("SELECT count(*) FROM pg_tables WHERE schemaname = \(schema) AND tablename = 'half'")
            for try await count in rows.decode(Int.self) { #expect(count == 0) }
            let applied = try await admin.query("SELECT version FROM \(unescaped: schema).schema_migrations ORDER BY version")
            var versions: [Int] = []
            for try await v in applied.decode(Int.self) { versions.append(v) }
            #expect(versions == Migration.kernel.map(\.version), "what was applied before stays")
        }
    }

    @Test func pendingMigrationsApplyAllOrNothing() async throws {
        try await withScratchSchema { admin, schema in
            let broken = Self.migrations + [Migration(version: 102, name: "broken", sql: "INSERT INTO nowhere VALUES (1);")]
            await #expect(
                performing: {
                    _ = try await Migrator(schema: schema, migrations: broken).migrate(admin, logger: LocalStack.logger)
                }, throws: { ($0 as? StorageError)?.message.contains("0102_broken") == true })
            let applied = try await admin.query("SELECT count(*) FROM \(unescaped: schema).schema_migrations").decode(Int.self).collect()
            #expect(applied == [0], "one transaction: the kernel and 0100–0101 went back with 0102")
        }
    }
}
