import Logging
import PostgresNIO
import Synchronization

/// One open transaction: its connection, and the events to write to the outbox when it commits.
/// Its mutable state sits behind a mutex, so it is `Sendable` without promises.
public final class Transaction: Sendable {
    public let connection: PostgresConnection
    public let logger: Logger
    private let state = Mutex(State())

    private struct State {
        var events: [OutboxEvent] = []
        var rollbackOnly = false
    }

    init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// A connection outside any transaction, seen through the same type (for code shared by
    /// reads and changes); events emitted on it are never written.
    public static func outside(_ connection: PostgresConnection, logger: Logger) -> Transaction {
        let transaction = Transaction(connection: connection, logger: logger)
        transaction.rollbackOnly = true
        return transaction
    }

    /// The events emitted so far, in order.
    public var events: [OutboxEvent] { state.withLock { $0.events } }

    /// Set to end the transaction with ROLLBACK and no events.
    public var rollbackOnly: Bool {
        get { state.withLock { $0.rollbackOnly } }
        set { state.withLock { $0.rollbackOnly = newValue } }
    }

    /// Queues an event to publish once the transaction commits.
    public func emit(_ event: OutboxEvent) {
        state.withLock { $0.events.append(event) }
    }

    public func emit(_ events: [OutboxEvent]) {
        state.withLock { $0.events += events }
    }

    @discardableResult
    public func query(_ query: PostgresQuery) async throws -> PostgresRowSequence {
        try await connection.query(query, logger: logger)
    }

    /// Runs `body` under a savepoint: on error only its work is undone (and its events dropped),
    /// and the error is rethrown.
    public func savepoint<T>(_ body: () async throws -> T) async throws -> T {
        let mark = events.count
        try await query("SAVEPOINT kl_savepoint")
        do {
            let result = try await body()
            try await query("RELEASE SAVEPOINT kl_savepoint")
            return result
        } catch {
            if !connection.isClosed { try await query("ROLLBACK TO SAVEPOINT kl_savepoint") }
            state.withLock { $0.events.removeSubrange(mark...) }
            throw error
        }
    }
}
