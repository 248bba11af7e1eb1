import Foundation
import Logging
import ServiceRuntime
import Storage

/// Looks for next steps past their due date (stub until assessments land).
struct OverdueNextSteps: Sendable {
    let store: FollowUpStore
    let events: FollowUpEvents

    func job(database: Database, every interval: Duration, logger: Logger, now: @escaping @Sendable () -> Date) -> ScheduledJob {
        ScheduledJob("next_step_overdue", every: interval, database: database, logger: logger, now: now) { _ in 0 }
    }
}
