import Logging
import PostgresNIO
import Storage

/// The feedback service's tables in its schema: stored items, tallies per support and period,
/// summaries emitted, submissions waiting for their support. SQL in, domain values out; the
/// handlers decide and build the events. Writes run inside a transaction the caller holds (the
/// consumer's, or one of `database.transaction`).
public struct FeedbackStore: Sendable {
    public let database: Database
    let configuration: FeedbackConfiguration
    var logger: Logger { database.logger }

    public init(database: Database, configuration: FeedbackConfiguration = FeedbackConfiguration()) {
        self.database = database
        self.configuration = configuration
    }

    /// `schema.table`, for the query text (the schema name was validated).
    func table(_ name: String) -> String { database.table(name) }
}
