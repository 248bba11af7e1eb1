import Foundation
import Logging
import PostgresNIO
import Storage

/// The notification service's tables in its schema: SQL in, domain values out. Every change runs
/// in one transaction with the events it causes (outbox).
struct NotificationStore: Sendable {
    let database: Database
    /// Put in front of every event's routing key: empty in service, `<schema>.` in tests.
    let eventPrefix: String

    var schema: String { database.schema }
    var logger: Logger { database.logger }

    /// `schema.table`, for query text (the schema name was validated by `Database`).
    func table(_ name: String) -> String { database.table(name) }

    func transaction<T: Sendable>(_ body: @escaping @Sendable (Transaction) async throws -> T) async throws -> T {
        try await database.transaction(body)
    }

    /// A read outside any transaction, through the same type.
    func read<T: Sendable>(_ body: @escaping @Sendable (Transaction) async throws -> T) async throws -> T {
        let logger = logger
        return try await database.read { connection in try await body(Transaction.outside(connection, logger: logger)) }
    }

    /// Queues `event` with the store's routing prefix.
    func emit(_ event: OutboxEvent, on tx: Transaction) {
        guard !eventPrefix.isEmpty else { return tx.emit(event) }
        tx.emit(
            OutboxEvent(
                routingKey: eventPrefix + event.routingKey, type: event.type, body: event.body, exchange: event.exchange,
                messageID: event.messageID, traceparent: event.traceparent, correlationID: event.correlationID))
    }
}

extension PostgresRandomAccessRow {
    /// The column's value, decoded; a NULL or a wrong type is an error naming the column.
    func value<T: PostgresDecodable>(_ column: String, _ type: T.Type = T.self) throws -> T {
        try self[column].decode(T.self, context: .default)
    }
}
