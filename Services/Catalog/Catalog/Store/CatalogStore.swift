import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import RPC
import Storage
import Synchronization
import SwiftProtobuf

/// The catalog's tables in one schema. Every change runs in one transaction together with the
/// events it causes (outbox), so nothing is half-written and no event is lost or invented.
public struct CatalogStore: Sendable {
    public let schema: String
    let client: PostgresClient
    let database: Database
    let logger: Logger
    /// Put in front of every event's routing key: empty in service, `<schema>.` in tests, so a
    /// test catalog's events never reach the real services' queues.
    let eventPrefix: String

    public init(client: PostgresClient, schema: String, logger: Logger, eventPrefix: String = "") throws(StorageError) {
        self.client = client
        self.schema = schema
        self.eventPrefix = eventPrefix
        self.database = try Database(client: client, schema: schema, logger: logger)
        self.logger = logger
    }

    /// `schema.table`, for the query text (the schema name was validated by `Outbox`).
    func table(_ name: String) -> String { "\(schema).\(name)" }

    /// Runs `body` in a transaction; the events it emits are written to the outbox before
    /// commit (unless `rollbackOnly` was set). Any error rolls everything back and is rethrown as it was.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (CatalogTransaction) async throws -> T) async throws -> T {
        try await database.transaction { tx in try await body(CatalogTransaction(store: self, transaction: tx)) }
    }

    /// A read outside any transaction.
    func read<T: Sendable>(_ body: @escaping @Sendable (CatalogTransaction) async throws -> T) async throws -> T {
        try await database.read { connection in
            try await body(CatalogTransaction(store: self, transaction: Transaction.outside(connection, logger: logger)))
        }
    }
}

/// One connection inside a transaction, and the events to write with it; a catalog's events
/// carry its event prefix.
final class CatalogTransaction: Sendable {
    let store: CatalogStore
    let transaction: Transaction

    init(store: CatalogStore, transaction: Transaction) {
        self.store = store
        self.transaction = transaction
    }

    var connection: PostgresConnection { transaction.connection }

    /// The events emitted so far, in order.
    var events: [OutboxEvent] { transaction.events }

    /// Set to end the transaction with ROLLBACK and no events (dry runs, failed atomic imports).
    var rollbackOnly: Bool {
        get { transaction.rollbackOnly }
        set { transaction.rollbackOnly = newValue }
    }

    var logger: Logger { store.logger }
    func table(_ name: String) -> String { store.table(name) }

    func emit(_ event: OutboxEvent) {
        let prefixed = store.eventPrefix.isEmpty ? event : OutboxEvent(
            routingKey: store.eventPrefix + event.routingKey, type: event.type, body: event.body, exchange: event.exchange,
            messageID: event.messageID, traceparent: event.traceparent, correlationID: event.correlationID)
        transaction.emit(prefixed)
    }

    @discardableResult
    func query(_ query: PostgresQuery) async throws -> PostgresRowSequence {
        try await connection.query(query, logger: store.logger)
    }

    /// Runs `body` under a savepoint: on error only its work is undone (and its events dropped).
    func savepoint<T>(_ body: () async throws -> T) async throws -> T {
        try await transaction.savepoint(body)
    }
}
