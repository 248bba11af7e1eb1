import Foundation
import PostgresNIO
import Synchronization

/// Keeps work on a database connection from waiting forever for a connection that is gone.
///
/// postgres-nio 1.33.2 never answers a statement written to a connection that has just closed:
/// the database restarted between two statements of a transaction, or before its `ROLLBACK`,
/// and the caller waited forever, holding its messages, with nothing logged. So work on a
/// connection runs in a task of its own, and one sweeper looks at the watched connections four
/// times a second: once a connection has been closed for `grace`, its callers get
/// `StorageError(.connectionLost)` and the stuck tasks are left behind. They hold nothing the
/// pool still counts (a closed connection leaves the pool), only their own memory.
enum ConnectionWatch {
    /// How long a closed connection's work may still finish by itself.
    static let grace: Duration = .seconds(1)

    private struct Watched {
        let connection: PostgresConnection
        let fail: @Sendable (StorageError) -> Void
        var closedSince: ContinuousClock.Instant?
    }

    private struct State {
        var watched: [UInt64: Watched] = [:]
        var nextID: UInt64 = 0
        var sweeping = false
    }

    private static let state = Mutex(State())

    /// Runs `body` and returns its result, unless `connection` closes and `body` has not
    /// finished `grace` later: then throws `StorageError(.connectionLost)`. Cancelling the caller
    /// cancels `body`.
    static func run<T: Sendable>(
        on connection: PostgresConnection, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let outcome = Outcome<T>()
        let id = register(connection) { outcome.resume(.failure($0)) }
        defer { unregister(id) }
        // A task of its own, so that the caller can stop waiting for it; it inherits the
        // caller's task-locals (logger metadata, graceful shutdown) but not its cancellation.
        let work = Task { outcome.resume(await Result(catching: { try await body() })) }
        return try await withTaskCancellationHandler {
            try await outcome.value()
        } onCancel: {
            work.cancel()
        }
    }

    private static func register(_ connection: PostgresConnection, fail: @escaping @Sendable (StorageError) -> Void) -> UInt64 {
        let (id, startSweeper) = state.withLock { s -> (UInt64, Bool) in
            s.nextID += 1
            s.watched[s.nextID] = Watched(connection: connection, fail: fail)
            defer { s.sweeping = true }
            return (s.nextID, !s.sweeping)
        }
        if startSweeper { Task.detached { await sweep() } }
        return id
    }

    private static func unregister(_ id: UInt64) {
        _ = state.withLock { $0.watched.removeValue(forKey: id) }
    }

    /// Runs while anything is watched.
    private static func sweep() async {
        while true {
            try? await Task.sleep(for: .milliseconds(250))
            let now = ContinuousClock.now
            let (expired, done) = state.withLock { s -> ([Watched], Bool) in
                var expired: [Watched] = []
                for (id, entry) in s.watched where entry.connection.isClosed {
                    guard let since = entry.closedSince else {
                        s.watched[id]?.closedSince = now
                        continue
                    }
                    if now - since >= grace {
                        expired.append(entry)
                        s.watched[id] = nil
                    }
                }
                if s.watched.isEmpty { s.sweeping = false }
                return (expired, s.watched.isEmpty)
            }
            for entry in expired {
                entry.fail(StorageError(.connectionLost, "the database connection closed while work on it was unanswered"))
            }
            if done { return }
        }
    }
}

/// The result of watched work: from the work itself or from the sweeper, whichever is first.
private final class Outcome<T: Sendable>: Sendable {
    private struct State {
        var result: Result<T, any Error>?
        var waiter: CheckedContinuation<T, any Error>?
    }

    private let state = Mutex(State())

    func resume(_ result: Result<T, any Error>) {
        let waiter = state.withLock { s -> CheckedContinuation<T, any Error>? in
            guard s.result == nil else { return nil }
            s.result = result
            return s.waiter.take()
        }
        waiter?.resume(with: result)
    }

    func value() async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let ready = state.withLock { s -> Result<T, any Error>? in
                if let result = s.result { return result }
                s.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(with: ready) }
        }
    }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
