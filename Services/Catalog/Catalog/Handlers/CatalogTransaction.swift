import Foundation
import Logging
import Storage

/// One transaction of the catalog as its handlers see it: the store on the transaction's
/// connection, and the transaction's events, which carry the catalog's event prefix. Storage's
/// `Transaction` does the work: the events are written to the outbox with the change.
struct CatalogTransaction: Sendable {
    let transaction: Transaction
    let store: CatalogStore
    let eventPrefix: String

    init(_ transaction: Transaction, schema: String, eventPrefix: String) {
        self.transaction = transaction
        self.store = CatalogStore(connection: transaction.connection, schema: schema, logger: transaction.logger)
        self.eventPrefix = eventPrefix
    }

    var logger: Logger { transaction.logger }

    /// Set to end the transaction with ROLLBACK and no events (dry runs, failed atomic imports).
    var rollbackOnly: Bool {
        get { transaction.rollbackOnly }
        nonmutating set { transaction.rollbackOnly = newValue }
    }

    /// Queues `event` for the outbox, its routing key behind the event prefix.
    func emit(_ event: OutboxEvent) {
        transaction.emit(
            eventPrefix.isEmpty
                ? event
                : OutboxEvent(
                    routingKey: eventPrefix + event.routingKey, type: event.type, body: event.body, exchange: event.exchange,
                    messageID: event.messageID, traceparent: event.traceparent, correlationID: event.correlationID))
    }

    /// Runs `body` under a savepoint: on error only its work is undone (and its events dropped).
    func savepoint<T>(_ body: () async throws -> T) async throws -> T {
        try await transaction.savepoint(body)
    }
}
