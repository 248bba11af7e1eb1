import Foundation
import Logging
import PostgresNIO
import Storage

/// The feedback service's tables in one schema. Writes run in one transaction with the events
/// they cause (outbox); the consumers' handlers get the kernel's transaction instead.
public struct FeedbackStore: Sendable {
    public let schema: String
    let client: PostgresClient
    let database: Database
    let settings: FeedbackSettings
    let logger: Logger

    public init(client: PostgresClient, schema: String, settings: FeedbackSettings = FeedbackSettings(), logger: Logger) throws(StorageError) {
        self.client = client
        self.schema = schema
        self.database = try Database(client: client, schema: schema, logger: logger)
        self.settings = settings
        self.logger = logger
    }

    /// `schema.table`, for the query text (the schema name was validated by `Outbox`).
    func table(_ name: String) -> String { "\(schema).\(name)" }

    /// Runs `body` in a transaction; the events it returns are written to the outbox before commit.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> (T, [OutboxEvent])) async throws -> T {
        try await database.transaction { tx in
            let (result, events) = try await body(tx.connection)
            tx.emit(events)
            return result
        }
    }

    /// A read on one connection, outside any transaction.
    func read<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await database.read(body)
    }
}
