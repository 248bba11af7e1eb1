import Foundation
import Logging
import PostgresNIO
import Storage

/// Wakes the dispatcher when deliveries are created: a connection of the pool listens on
/// `<schema>_deliveries` (a trigger notifies at commit). Polling stays as the floor, so a lost
/// listening connection only slows the dispatcher down until it is back.
final class DispatcherWakeup: Sendable {
    private let wakeup = Wakeup()

    func signal() { wakeup.signal() }

    /// Returns on a signal (one that came meanwhile counts) or after `timeout`.
    func wait(timeout: Duration) async { await wakeup.wait(timeout: timeout) }

    /// Listens until cancelled on a connection of its own (closed on every way out, which also
    /// ends a wait on it), reconnecting after a second when it goes.
    func listen(_ configuration: DatabaseConfiguration, schema: String, logger: Logger) async {
        let channel = "\(schema)_deliveries"
        while !Task.isCancelled {
            do {
                let connection = try await PostgresConnection.connect(configuration: configuration.connectionConfiguration(), id: 2, logger: logger)
                defer { connection.close().whenComplete { _ in } }
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        try await connection.listen(on: channel) { notifications in
                            self.signal()
                            for try await _ in notifications { self.signal() }
                        }
                    }
                    // A closed connection does not always end the notification stream.
                    group.addTask {
                        try await connection.closeFuture.get()
                        throw StorageError(.connectionLost, "the listening connection closed")
                    }
                    // Closing ends the other child, whichever ended first (or cancellation).
                    defer {
                        group.cancelAll()
                        connection.close().whenComplete { _ in }
                    }
                    try await group.next()
                }
            } catch {
                if Task.isCancelled { return }
                logger.debug("the dispatcher's listening connection ended; polling meanwhile", metadata: ["error": "\(error)"])
            }
            signal()
            try? await Task.sleep(for: .seconds(1))
        }
    }
}
