import Logging
import Messaging
import PostgresNIO

/// Applies a service's migrations to its schema at start-up.
///
/// Runs in one transaction holding a lock on the schema's own `schema_migrations` table, so
/// replicas starting together apply each migration once, and a failure leaves the schema as it
/// was. An applied migration whose file has changed stops the start-up, naming the migration.
public struct Migrator: Sendable {
    public let schema: String
    public let migrations: [Migration]

    /// - Parameters:
    ///   - schema: the service's schema (a plain lower-case identifier).
    ///   - migrations: the kernel's and the service's; refused when two share a version.
    public init(schema: String, migrations: [Migration]) throws(StorageError) {
        try Self.validate(schema: schema)
        let sorted = migrations.sorted { $0.version < $1.version }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.version == b.version {
            throw StorageError(.invalidMigration, "two migrations are numbered \(a.version): \(a.label) and \(b.label)")
        }
        self.schema = schema
        self.migrations = sorted
    }

    /// Applies pending migrations and returns their labels (empty when up to date).
    public func migrate(_ client: PostgresClient, logger: Logger) async throws -> [String] {
        try await client.withConnection { connection in
            try await migrate(on: connection, logger: logger)
        }
    }

    public func migrate(on connection: PostgresConnection, logger: Logger) async throws -> [String] {
        do {
            try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS \(unescaped: schema).schema_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, logger: logger)
        } catch let error as PSQLError where ["23505", "42P07"].contains(error.sqlState ?? "") {
            // A replica starting at the same moment created it first.
        }
        try await connection.query("BEGIN", logger: logger)
        do {
            try await connection.query("SET LOCAL search_path TO \(unescaped: schema), public", logger: logger)
            // One migrator at a time: the mode conflicts with itself. A lock on the service's own
            // table, which other roles cannot take (a database-wide advisory lock, any role could).
            try await connection.query("LOCK TABLE \(unescaped: schema).schema_migrations IN SHARE ROW EXCLUSIVE MODE", logger: logger)
            let applied = try await migrateLocked(connection, logger: logger)
            try await connection.query("COMMIT", logger: logger)
            for label in applied {
                logger.info("applied migration", metadata: [LogKey.schema: "\(schema)", "migration": "\(label)"])
            }
            return applied
        } catch {
            if !connection.isClosed { _ = try? await connection.query("ROLLBACK", logger: logger) }
            throw error
        }
    }

    /// Checks the recorded migrations against the shipped ones, then applies the rest, all in the
    /// caller's transaction: a failure leaves the schema as it was.
    private func migrateLocked(_ connection: PostgresConnection, logger: Logger) async throws -> [String] {
        var recorded: [Int: (name: String, checksum: String)] = [:]
        let rows = try await connection.query("SELECT version, name, checksum FROM \(unescaped: schema).schema_migrations", logger: logger)
        for try await (version, name, checksum) in rows.decode((Int, String, String).self) {
            recorded[version] = (name, checksum)
        }
        let shipped = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        for (version, row) in recorded.sorted(by: { $0.key < $1.key }) {
            guard let migration = shipped[version] else {
                throw StorageError(
                    .unknownMigration,
                    "schema \(schema) has migration \(version) (\(row.name)) that this build does not ship: is an older build starting against a newer schema?")
            }
            guard migration.checksum == row.checksum else {
                throw StorageError(
                    .checksumMismatch,
                    "migration \(migration.label) of schema \(schema) was changed after it was applied (checksum \(row.checksum.prefix(12))… recorded, \(migration.checksum.prefix(12))… shipped): restore the file and add a new migration instead"
                )
            }
        }
        var applied: [String] = []
        for migration in migrations where recorded[migration.version] == nil {
            do {
                // A file holds many statements; postgres-nio runs one per query.
                for statement in SQLScript.statements(migration.sql) {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    """
                    INSERT INTO \(unescaped: schema).schema_migrations (version, name, checksum)
                    VALUES (\(migration.version), \(migration.name), \(migration.checksum))
                    """, logger: logger)
            } catch {
                throw StorageError(
                    .migrationFailed, "migration \(migration.label) of schema \(schema) failed and was rolled back: \(String(reflecting: error))")
            }
            applied.append(migration.label)
        }
        return applied
    }

    /// Schema names go into SQL as identifiers, so only plain lower-case names are accepted.
    static func validate(schema: String) throws(StorageError) {
        guard isPlainIdentifier(schema) else {
            throw StorageError(.invalidConfiguration, "schema name '\(schema)' must match [a-z_][a-z0-9_]*")
        }
    }

    static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || ("a"..."z").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ("a"..."z").contains($0) || ("0"..."9").contains($0) } && name.count <= 63
    }
}
