import Logging
import PostgresNIO
import Synchronization

/// A service's schema on the shared connection pool, and the two ways every part of a service
/// works with it: a read on one connection, or a transaction whose events are written to the
/// outbox with it, so a change and the events it causes commit together or not at all.
///
/// Both run under `ConnectionWatch`: a connection lost mid-work fails the work with
/// `StorageError(.connectionLost)` instead of leaving it waiting forever.
public struct Database: Sendable {
    public let client: PostgresClient
    /// The service's schema (a plain lower-case identifier).
    public let schema: String
    public let logger: Logger
    let outbox: Outbox

    /// - Throws: `StorageError(.invalidConfiguration)` for a schema name that is not a plain identifier.
    public init(client: PostgresClient, schema: String, logger: Logger) throws(StorageError) {
        self.client = client
        self.schema = schema
        self.logger = logger
        outbox = try Outbox(schema: schema)
    }

    /// `schema.name`, for query text (the schema name was validated).
    public func table(_ name: String) -> String { "\(schema).\(name)" }

    /// How long to wait for a connection from the pool before calling the database unavailable
    /// (the pool itself waits up to a minute while it cannot connect). Long enough for a busy
    /// pool to free a connection, or to open one (SCRAM authentication takes a while on a
    /// loaded machine).
    public static let connectionWait: Duration = .seconds(15)

    /// Runs `body` on one connection, outside any transaction.
    /// - Throws: `StorageError(.connectionLost)` when no connection comes within `connectionWait`
    ///   or the connection is lost mid-work; whatever `body` throws.
    public func read<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let client = client
        let gate = LeaseGate()
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await client.withConnection { connection in
                    try gate.enter()
                    return try await ConnectionWatch.run(on: connection) { try await body(connection) }
                }
            }
            group.addTask {
                try await Task.sleep(for: Self.connectionWait)
                try gate.giveUp()
                try await Task.sleep(for: .seconds(86_400 * 365))  // the work runs: wait for it (cancelled then)
                return nil
            }
            defer { group.cancelAll() }
            while let next = try await group.next() {
                if let value = next { return value }
            }
            throw CancellationError()
        }
    }

    /// Runs `body` in one transaction. The events it emits are written to the outbox just before
    /// COMMIT; any error rolls everything back and is rethrown as it was. `rollbackOnly` ends the
    /// transaction with ROLLBACK and no events (dry runs, replies already stored).
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (Transaction) async throws -> T) async throws -> T {
        let outbox = outbox
        let logger = logger
        return try await read { connection in
            try await connection.query("BEGIN", logger: logger)
            do {
                let transaction = Transaction(connection: connection, logger: logger)
                let result = try await body(transaction)
                if transaction.rollbackOnly {
                    try await connection.query("ROLLBACK", logger: logger)
                    return result
                }
                try await outbox.append(transaction.events, on: connection, logger: logger)
                try await connection.query("COMMIT", logger: logger)
                return result
            } catch {
                // A statement written to a closed connection is never answered: skip it then.
                if !connection.isClosed { _ = try? await connection.query("ROLLBACK", logger: logger) }
                throw error
            }
        }
    }
}

/// Decides, once, whether work got its connection in time or the wait was given up: work that
/// gets its connection after the caller gave up does not start.
private final class LeaseGate: Sendable {
    private let state = Mutex<(entered: Bool, gaveUp: Bool)>((false, false))

    func enter() throws {
        let allowed = state.withLock { s -> Bool in
            guard !s.gaveUp else { return false }
            s.entered = true
            return true
        }
        guard allowed else { throw StorageError(.connectionLost, "no database connection within \(Database.connectionWait)") }
    }

    /// Throws when the work has not started: the caller stops waiting.
    func giveUp() throws {
        let gaveUp = state.withLock { s -> Bool in
            guard !s.entered else { return false }
            s.gaveUp = true
            return true
        }
        if gaveUp { throw StorageError(.connectionLost, "no database connection within \(Database.connectionWait)") }
    }
}
