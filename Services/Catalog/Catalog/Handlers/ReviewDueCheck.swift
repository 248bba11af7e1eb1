import Domain
import Foundation
import Logging
import ServiceRuntime
import Storage

/// Raises `catalog.knowledge_support.review_due.v1` once when a published support comes within
/// the window of its review date and once more when the date has passed: once per support, due
/// date and stage, whatever the restarts or replicas, because each event is written together with
/// a `review_notices` row whose key allows it only once. The service runs it as a `ScheduledJob`;
/// tests call `check(today:)` with a day of their choosing.
public struct ReviewDueCheck: Sendable {
    let catalog: CatalogContext
    let windowDays: Int

    /// - Parameters:
    ///   - database: the catalog's schema.
    ///   - windowDays: days before the date when `approaching` is raised.
    ///   - eventPrefix: put in front of the events' routing keys (tests: `<schema>.`); default none.
    public init(database: Database, windowDays: Int, eventPrefix: String = "") {
        catalog = CatalogContext(database: database, eventPrefix: eventPrefix)
        self.windowDays = windowDays
    }

    /// The scheduled job that looks every `interval`, judging by the date in Sweden at its tick.
    /// - Parameter now: the clock (tests inject their own); default the system's.
    public func job(every interval: Duration, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }) -> ScheduledJob {
        ScheduledJob("review_due", every: interval, database: catalog.database, logger: logger, now: now) { now in
            try await check(today: StockholmTime.date(at: Int64(now.timeIntervalSince1970.rounded(.down))))
        }
    }

    /// One look: raises what is due on `today` and returns how many events it wrote.
    @discardableResult
    public func check(today: CivilDate) async throws -> Int {
        let (windowDays, batch) = (windowDays, 200)
        var raised = 0
        while true {
            let (seen, written) = try await catalog.transaction { tx in
                let candidates = try await tx.store.supportsDueForReview(today: today, windowDays: windowDays, limit: batch)
                var written = 0
                for (id, due) in candidates {
                    guard let stage = KnowledgeSupport.reviewStage(due: due, today: today, windowDays: windowDays) else { continue }
                    // A racing replica that wrote the notice first: no second event.
                    guard try await tx.store.addReviewNotice(id, due: due, stage: stage) else { continue }
                    tx.emit(CatalogEvents.reviewDue(try await tx.support(id), stage: stage, due: due, daysUntilDue: today.days(to: due)))
                    written += 1
                }
                return (candidates.count, written)
            }
            raised += written
            if seen < batch { return raised }
        }
    }
}
