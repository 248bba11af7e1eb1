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
    let outbox: Outbox
    let logger: Logger
    /// Put in front of every event's routing key: empty in service, `<schema>.` in tests, so a
    /// test catalog's events never reach the real services' queues.
    let eventPrefix: String

    public init(client: PostgresClient, schema: String, logger: Logger, eventPrefix: String = "") throws(StorageError) {
        self.client = client
        self.schema = schema
        self.eventPrefix = eventPrefix
        self.outbox = try Outbox(schema: schema)
        self.logger = logger
    }

    /// `schema.table`, for the query text (the schema name was validated by `Outbox`).
    func table(_ name: String) -> String { "\(schema).\(name)" }

    /// Runs `body` in a transaction on one connection; the events it collects are written to the
    /// outbox before commit (unless `rollbackOnly` was set). Any error rolls everything back and is rethrown as it was.
    func transaction<T: Sendable>(_ body: (CatalogTransaction) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await connection.query("BEGIN", logger: logger)
            do {
                let tx = CatalogTransaction(store: self, connection: connection)
                let result = try await body(tx)
                if tx.rollbackOnly {
                    try await connection.query("ROLLBACK", logger: logger)
                    return result
                }
                try await outbox.append(tx.events, on: connection, logger: logger)
                try await connection.query("COMMIT", logger: logger)
                return result
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    /// A read outside any transaction.
    func read<T: Sendable>(_ body: (CatalogTransaction) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await body(CatalogTransaction(store: self, connection: connection))
        }
    }
}

/// One connection inside a transaction, and the events to write with it. Its mutable state
/// sits behind a mutex, so it is Sendable without promises.
final class CatalogTransaction: Sendable {
    let store: CatalogStore
    let connection: PostgresConnection
    private let state = Mutex(State())

    private struct State {
        var events: [OutboxEvent] = []
        var rollbackOnly = false
    }

    init(store: CatalogStore, connection: PostgresConnection) {
        self.store = store
        self.connection = connection
    }

    /// The events emitted so far, in order.
    var events: [OutboxEvent] { state.withLock { $0.events } }

    /// Set to end the transaction with ROLLBACK and no events (dry runs, failed atomic imports).
    var rollbackOnly: Bool {
        get { state.withLock { $0.rollbackOnly } }
        set { state.withLock { $0.rollbackOnly = newValue } }
    }

    var logger: Logger { store.logger }
    func table(_ name: String) -> String { store.table(name) }

    func emit(_ event: OutboxEvent) {
        let prefixed = store.eventPrefix.isEmpty ? event : OutboxEvent(
            routingKey: store.eventPrefix + event.routingKey, type: event.type, body: event.body, exchange: event.exchange,
            messageID: event.messageID, traceparent: event.traceparent, correlationID: event.correlationID)
        state.withLock { $0.events.append(prefixed) }
    }

    @discardableResult
    func query(_ query: PostgresQuery) async throws -> PostgresRowSequence {
        try await connection.query(query, logger: store.logger)
    }

    /// Runs `body` under a savepoint: on error only its work is undone (and its events dropped).
    func savepoint<T>(_ body: () async throws -> T) async throws -> T {
        let mark = events.count
        try await query("SAVEPOINT row_change")
        do {
            let result = try await body()
            try await query("RELEASE SAVEPOINT row_change")
            return result
        } catch {
            try await query("ROLLBACK TO SAVEPOINT row_change")
            state.withLock { $0.events.removeSubrange(mark...) }
            throw error
        }
    }
}
