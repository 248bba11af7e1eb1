import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import Storage

/// Rejects submissions whose knowledge support is still unknown when their deadline passes
/// (`UNKNOWN_KNOWLEDGE_SUPPORT`, with a dead-letter copy). Each row is taken under a row lock and
/// deleted in the transaction that writes its events, so a racing replica or the projection
/// placing it cannot make a second outcome.
struct PendingSweeper: Service {
    let intake: FeedbackIntake
    let interval: Duration

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let swept = try await sweep()
                    if swept > 0 { intake.store.logger.info("waiting submissions past their deadline handled", metadata: ["count": "\(swept)"]) }
                } catch is CancellationError {
                    return
                } catch {
                    intake.store.logger.warning("sweeping waiting submissions failed; trying again next round", metadata: ["error": "\(error)"])
                }
                // Shutdown cancels the sleep: that is the normal way out, not an error.
                do { try await Task.sleep(for: interval) } catch { return }
            }
        }
    }

    /// One look; returns how many waiting submissions past their deadline it handled. First it
    /// places those whose support has become known: a submission kept waiting by an intake that
    /// committed just after the catalog event's transaction looked for waiting rows would
    /// otherwise wait out its whole deadline.
    @discardableResult
    func sweep() async throws -> Int {
        // One batch per round: a row that stays waiting is not taken again in a loop.
        _ = try await intake.store.transaction { connection in
            let known = try await intake.store.lockWaiting(intake.store.resolvableCondition, on: connection)
            return (known.count, try await intake.retryWaiting(known, expire: false, on: connection))
        }
        var handled = 0
        while true {
            let count = try await intake.store.transaction { connection in
                let due = try await intake.store.lockWaiting("deadline <= now()", on: connection)
                return (due.count, try await intake.retryWaiting(due, expire: true, on: connection))
            }
            handled += count
            if count < 200 { return handled }
        }
    }
}
