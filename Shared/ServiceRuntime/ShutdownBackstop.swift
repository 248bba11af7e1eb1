import Foundation
import Logging
import ServiceLifecycle

/// Ends the process when a graceful shutdown has not finished well after its timeout: the
/// service group cancels what still runs at the timeout, and this is for whatever does not
/// answer cancellation (a call blocked in C). Committed work is safe; unacked deliveries go back
/// to the broker's queues when the connections drop.
struct ShutdownBackstop: Service {
    let timeout: Duration
    let logger: Logger

    /// Returns once graceful shutdown has begun (last in the group, so first to hear of it),
    /// leaving a thread to watch the rest.
    func run() async throws {
        do { try await gracefulShutdown() } catch { return }  // cancelled: nothing to watch
        let (timeout, logger) = (timeout, logger)
        let thread = Thread {
            Thread.sleep(forTimeInterval: Double(timeout.components.seconds) + 5)
            logger.critical("shutdown did not finish within \(timeout) and 5 s more; exiting with work left unacked")
            exit(1)
        }
        thread.name = "shutdown-backstop"
        thread.start()
    }
}
