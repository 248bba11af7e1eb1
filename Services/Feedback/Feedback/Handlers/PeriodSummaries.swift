import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import Storage

/// Emits `feedback.summary.v1` for each support and period (for all organisations, and for each
/// organisation feedback named) once the period has closed (its last
/// day in Stockholm plus the grace), and again with the next revision whenever late feedback has
/// changed a closed period since. Once per revision whatever the restarts or replicas: the tally
/// rows are locked, and each emission is written with a `summary_emissions` row whose key allows
/// it once, in the transaction that writes the event.
public struct PeriodSummaries: Sendable {
    let store: FeedbackStore

    /// One look at `now`: emits what is due and returns how many summaries it wrote.
    @discardableResult
    public func close(now: Date = Date()) async throws -> Int {
        let cutoff = now.addingTimeInterval(-Double(store.configuration.periodGrace.seconds))
        var emitted = 0
        while true {
            let (seen, written) = try await store.database.transaction { tx in
                let due = try await store.dueTallies(closedBefore: cutoff, limit: 200, on: tx.connection)
                let fresh = try await store.recordEmissions(due, on: tx.connection)
                let computedAt = Int64(now.timeIntervalSince1970)
                let events = due.filter { fresh.contains("\($0.tally.knowledgeSupportID)|\($0.tally.organisationID ?? "")|\($0.tally.period)") }.map {
                    FeedbackEvents.summary(
                        Kunskapsloop_Feedback_V1_FeedbackSummary(
                            $0.tally, revision: $0.revision + 1, closed: true,
                            computedAt: computedAt, organisationName: $0.organisationName))
                }
                tx.emit(events)
                return (due.count, events.count)
            }
            emitted += written
            if seen < 200 { return emitted }
        }
    }
}
