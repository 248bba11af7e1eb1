import CatalogProjection
import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import ServiceRuntime
import Storage
import SwiftProtobuf

/// Announces next steps past their due date: `followup.next_step.overdue.v1` once per step and
/// due date, from the day after the due date (Europe/Stockholm). Each announcement is written
/// with a mark on its row in one transaction, and rows are taken with SKIP LOCKED, so replicas
/// and repeated ticks never announce a step twice.
struct OverdueNextSteps: Sendable {
    let store: FollowUpStore
    let events: FollowUpEvents

    func job(database: Database, every interval: Duration, logger: Logger, now: @escaping @Sendable () -> Date) -> ScheduledJob {
        ScheduledJob("next_step_overdue", every: interval, database: database, logger: logger, now: now) { at in
            try await database.transaction { tx in try await announce(at: at, on: tx) }
        }
    }

    /// Announces what is overdue at `at`; returns how many.
    func announce(at now: Date, on tx: Transaction) async throws -> Int {
        let today = StockholmTime.date(at: Int64(now.timeIntervalSince1970))
        let steps = try await store.overdueSteps(today: today, limit: 500, on: tx.connection)
        guard !steps.isEmpty else { return 0 }
        let assessments = try await store.assessments(Array(Set(steps.map(\.assessmentID))), on: tx.connection)
        let byID = Dictionary(assessments.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let organisations = try await store.catalog.organisations(Set(assessments.map(\.organisationID)), on: tx.connection)
        var count = 0
        for step in steps {
            guard let a = byID[step.assessmentID], let s = a.statements.first(where: { $0.id == step.statementID }),
                let next = s.nextStep, let days = next.daysOverdue(on: today)
            else { continue }
            let organisation = organisations[a.organisationID]
            var marked = s
            marked.overdueNotifiedAt = now
            let event = Kunskapsloop_Followup_V1_NextStepOverdue.with {
                $0.assessmentID = a.id
                $0.assessmentTitle = a.title
                $0.organisation =
                    organisation.map { Kunskapsloop_Common_V1_OrganisationRef($0.organisation) } ?? Kunskapsloop_Common_V1_OrganisationRef(id: a.organisationID)
                $0.organisationAncestorIds = organisation?.ancestorIDs ?? []
                $0.statementID = s.id
                $0.statementText = s.text
                $0.nextStep = AssessmentMessage.nextStep(next, marked)
                $0.daysOverdue = Int32(days)
                $0.assessmentURL = events.assessmentURL(a.id)
                $0.occurredAt = .init(date: now)
            }
            tx.emit(events.event(event, FollowUpEvents.nextStepOverdue))
            try await store.markNotified(step, at: now, on: tx.connection)
            count += 1
        }
        return count
    }
}
