import CRabbitMQ
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// One AMQP connection to RabbitMQ, owned by a dedicated thread.
///
/// librabbitmq is blocking and not thread-safe, so the connection state lives on its own thread and
/// never touches Swift's cooperative pool; the async API hands work to that thread through a
/// mailbox and an `eventfd` wake-up. The thread keeps servicing the socket while idle, so
/// heartbeats are answered and a dead peer is noticed within two heartbeat intervals. When the
/// connection drops it reconnects with backoff and re-declares what was declared through it and
/// re-opens its consumers.
///
/// It is a `Service`: call `run()` (or put it in a `ServiceGroup`) before using it; work submitted
/// earlier waits for the connection until its deadline.
public final class AMQPConnection: Service, Sendable {
    public let configuration: AMQPConfiguration
    let logger: Logger
    let mailbox = Mutex(Mailbox())
    let wakeFD: Int32
    let statusBox = Mutex(Status())

    /// What `/readyz` reports.
    public struct Status: Sendable, Hashable {
        public var connected = false
        /// Set while the broker blocks publishing (`connection.blocked`), with its reason.
        public var blockedReason: String?
        public var lastError: String?
        /// Counts successful connects; 1 after the first.
        public var generation: UInt64 = 0
    }

    /// - Parameters:
    ///   - configuration: where to connect.
    ///   - logger: connection events are logged at `info`, failures at `warning`.
    public init(configuration: AMQPConfiguration, logger: Logger) {
        self.configuration = configuration
        var logger = logger
        logger[metadataKey: LogKey.connection] = .string(configuration.connectionName)
        self.logger = logger
        wakeFD = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        precondition(wakeFD >= 0, "eventfd failed: \(errno)")
    }

    deinit { close(wakeFD) }

    public var status: Status { statusBox.withLock { $0 } }

    /// Runs the connection thread until cancellation or graceful shutdown, then closes the
    /// connection cleanly.
    /// - Throws: `MessagingError` when the first connection is refused for its credentials or
    ///   vhost: a configuration error that retrying cannot mend.
    public func run() async throws {
        let result: Result<Void, MessagingError> = await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    let thread = Thread { [self] in
                        continuation.resume(returning: ConnectionLoop(connection: self).main())
                    }
                    thread.name = "amqp-\(configuration.connectionName)"
                    thread.start()
                }
            } onCancel: {
                self.stop()
            }
        } onGracefulShutdown: {
            self.stop()
        }
        try result.get()
    }

    /// Asks the thread to finish: confirms still due get a moment to arrive, then the connection closes.
    public func stop() {
        mailbox.withLock { $0.stopping = true }
        wake()
    }

    func submit(_ job: Job) {
        let accepted = mailbox.withLock { box -> Bool in
            guard !box.stopping else { return false }
            box.jobs.append(job)
            return true
        }
        guard accepted else {
            job.fail(MessagingError(.shutdown, "the AMQP connection is shutting down"))
            return
        }
        wake()
    }

    func wake() {
        var one: UInt64 = 1
        _ = write(wakeFD, &one, 8)
    }

    /// Runs `body` on the connection thread once connected and returns its result.
    /// - Parameter onlyWrites: `body` sends frames and waits for no reply (see `Job.onlyWrites`).
    func perform<T: Sendable>(
        timeout: Duration, onlyWrites: Bool = false,
        _ body: @escaping @Sendable (ConnectionLoop) throws(MessagingError) -> T
    ) async throws(MessagingError) -> T {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        let result: Result<T, MessagingError> = await withCheckedContinuation { continuation in
            submit(
                Job(
                    deadline: deadline,
                    waitsWhileBlocked: false,
                    onlyWrites: onlyWrites,
                    run: { loop in
                        do throws(MessagingError) {
                            continuation.resume(returning: .success(try body(loop)))
                        } catch {
                            continuation.resume(returning: .failure(error))
                        }
                    },
                    fail: { continuation.resume(returning: .failure($0)) }
                ))
        }
        return try result.get()
    }
}
