import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// Wakes a loop when rows commit: a connection of its own that LISTENs on a channel a trigger
/// notifies at commit (the outbox relay on `<schema>_outbox`, notification's dispatcher on
/// `<schema>_deliveries`). When the connection is lost it says so once, reconnects with backoff
/// and wakes the loop, which meanwhile polls.
public final class ChannelListener: Sendable {
    let configuration: DatabaseConfiguration
    let channel: String
    let logger: Logger
    public let wakeup: Wakeup
    public let outage: Outage
    /// The listening session's backend pid while it is connected: the relay's lease names it,
    /// so that standbys see at once when the holder's process is gone.
    let backendPID = Mutex<Int32?>(nil)

    /// `part` names the listener in its outage lines; `wakeup` is signalled on every notification.
    public init(configuration: DatabaseConfiguration, channel: String, part: String, wakeup: Wakeup = Wakeup(), logger: Logger) {
        self.configuration = configuration
        self.channel = channel
        self.logger = logger
        self.wakeup = wakeup
        outage = Outage(part: "\(part) (\(channel))")
    }

    /// Listens until cancelled.
    public func run() async {
        var backoff = Duration.milliseconds(500)
        while !Task.isCancelled {
            do {
                let connection = try await PostgresConnection.connect(
                    configuration: configuration.connectionConfiguration(), id: 1, logger: logger)
                // Closed on every path (postgres-nio asserts a connection is closed before it goes).
                defer {
                    backendPID.withLock { $0 = nil }
                    connection.close().whenComplete { _ in }
                }
                let pid = try await connection.query("SELECT pg_backend_pid()", logger: logger).decode(Int32.self).collect().first
                backendPID.withLock { $0 = pid }
                try await listen(on: connection)
            } catch {
                if Task.isCancelled { return }
                outage.failed("listening connection lost (\(OutboxRelay.describe(error)))", logger: logger)
            }
            wakeup.signal()  // whatever committed meanwhile
            try? await Task.sleep(for: backoff)
            backoff = min(backoff * 2, .seconds(5))
        }
    }

    /// Returns when the connection closes (throwing) or the task is cancelled.
    private func listen(on connection: PostgresConnection) async throws {
        let (channel, wakeup, outage, logger) = (channel, wakeup, outage, logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await connection.listen(on: channel) { notifications in
                    outage.ended(logger: logger)
                    wakeup.signal()  // rows committed before this listen began
                    for try await _ in notifications { wakeup.signal() }
                }
            }
            // The notification stream is not always ended when the connection closes.
            group.addTask {
                try await connection.closeFuture.get()
                throw StorageError(.connectionLost, "the listening connection closed")
            }
            // Closing ends the other child, whichever ended first.
            defer {
                group.cancelAll()
                connection.close().whenComplete { _ in }
            }
            try await group.next()
        }
    }
}
