import Crypto
import Foundation

/// One ordered SQL migration of a service's schema, shipped as `NNNN_name.sql`.
public struct Migration: Sendable, Hashable {
    public let version: Int
    public let name: String
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// SHA-256 of the SQL text, hex: recorded when applied, compared on every start.
    public var checksum: String {
        SHA256.hash(data: Data(sql.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// `0001_create_schema`.
    public var label: String { String(format: "%04d_%@", version, name) }

    /// Reads every `NNNN_name.sql` in `directory`, ordered by number.
    /// - Throws: `StorageError.invalidMigration` for a misnamed file or a duplicate number.
    public static func load(from directory: URL) throws(StorageError) -> [Migration] {
        let files: [URL]
        do {
            files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "sql" }
        } catch {
            throw StorageError(.invalidMigration, "cannot list migrations in \(directory.path): \(error)")
        }
        var migrations: [Migration] = []
        for file in files {
            let base = file.deletingPathExtension().lastPathComponent
            let parts = base.split(separator: "_", maxSplits: 1)
            guard parts.count == 2, parts[0].count == 4, let version = Int(parts[0]), version > 0 else {
                throw StorageError(.invalidMigration, "migration file \(file.lastPathComponent) is not named NNNN_name.sql")
            }
            guard let sql = try? String(contentsOf: file, encoding: .utf8) else {
                throw StorageError(.invalidMigration, "cannot read migration \(file.lastPathComponent)")
            }
            migrations.append(Migration(version: version, name: String(parts[1]), sql: sql))
        }
        migrations.sort { $0.version < $1.version }
        for (a, b) in zip(migrations, migrations.dropFirst()) where a.version == b.version {
            throw StorageError(.invalidMigration, "two migrations are numbered \(a.version): \(a.label) and \(b.label)")
        }
        return migrations
    }
}
