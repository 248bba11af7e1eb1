import Domain
import Foundation
import Logging
import Messaging
import PostgresNIO
import Storage

/// The catalog's tables on one connection: SQL in, domain values out. The handlers decide,
/// validate and build events; the store only reads and writes rows, inside whatever transaction
/// the connection is in (a `Database.transaction`, or none for reads).
///
/// Two things the store keeps as bytes it does not read: a revision in progress and a frozen
/// published version are stored as the contract messages they were (`KnowledgeSupportDraft`,
/// `KnowledgeSupport`), which the handlers encode and decode.
struct CatalogStore: Sendable {
    let connection: PostgresConnection
    /// The service's schema (validated by `Database`).
    let schema: String
    let logger: Logger

    /// `schema.table`, for the query text.
    func table(_ name: String) -> String { "\(schema).\(name)" }

    @discardableResult
    func query(_ query: PostgresQuery) async throws -> PostgresRowSequence {
        try await connection.query(query, logger: logger)
    }

    /// The single number `sql` selects (0 when it selects no row).
    func count(_ sql: PostgresQuery) async throws -> Int {
        for try await n in try await query(sql).decode(Int.self) { return n }
        return 0
    }

    /// Today in Sweden, by the database's clock.
    func today() async throws -> CivilDate {
        CivilDate(daysSinceEpoch: try await count("SELECT (now() AT TIME ZONE 'Europe/Stockholm')::date - DATE '1970-01-01'"))
    }
}

extension Instant {
    /// A `timestamptz` as PostgresNIO decodes it; exact to the microsecond the column holds.
    init(_ date: Date) {
        self.init(microsecondsSinceEpoch: Int64((date.timeIntervalSince1970 * 1_000_000).rounded()))
    }
}

extension CivilDate {
    /// The days-since-epoch a query selects as `date - DATE '1970-01-01'`.
    init?(days: Int?) {
        guard let days else { return nil }
        self.init(daysSinceEpoch: days)
    }
}

extension StorageError {
    /// A value the database holds that this build cannot read (a newer catalog's, or a broken row).
    static func unreadable(_ what: String, _ value: String) -> StorageError {
        StorageError(.handlerFailed, "the catalog holds \(what) '\(value)' that this build does not know")
    }
}
