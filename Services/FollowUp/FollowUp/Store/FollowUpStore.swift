import CatalogProjection
import Foundation
import Logging
import PostgresNIO
import Storage

/// The follow-up service's SQL: indicators, decisions, measurements, series, signals and
/// assessments in its schema, read and written inside the caller's transaction. Domain values
/// in and out; no wire types.
struct FollowUpStore: Sendable {
    let schema: String
    let logger: Logger
    let catalog: CatalogProjection

    init(schema: String, logger: Logger) throws(StorageError) {
        self.schema = schema
        self.logger = logger
        catalog = try CatalogProjection(schema: schema, logger: logger)
    }

    /// `schema.name`, for query text (the schema name was validated).
    func table(_ name: String) -> String { "\(schema).\(name)" }
}

/// A marker for absent doubles in `unnest` arrays (which take no optionals): NaN, read back as
/// NULL with `nullif(x, 'NaN')` (PostgreSQL counts NaN equal to NaN). No stored value is NaN:
/// measurements are checked finite.
enum SQLNaN {
    static func encode(_ value: Double?) -> Double { value ?? .nan }
}

extension PostgresRowSequence {
    /// Every row decoded, in order.
    func all<each Column: PostgresDecodable & Sendable>(_ types: repeat (each Column).Type) async throws -> [(repeat each Column)] {
        var rows: [(repeat each Column)] = []
        for try await row in self.decode((repeat each Column).self) { rows.append(row) }
        return rows
    }
}
