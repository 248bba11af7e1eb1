import Catalog
import Contracts
import Domain
import Foundation
import KLTesting
import RPC
import ServiceRuntime
import SwiftProtobuf
import Testing

@Suite("Catalog: review-due events once per support, due date and stage")
struct ReviewDueTests {
    typealias ReviewDue = Kunskapsloop_Catalog_V1_KnowledgeSupportReviewDue

    @Test func twoRacingSchedulersRaiseEachEventOnce() async throws {
        try await withCatalog { catalog in
            let due = try #require(try await catalog.createPublished(CatalogUnderTest.draft("Sepsis – vårdförlopp")).reviewDueOn.civilDate())
            let soon = try await catalog.createPublished(CatalogUnderTest.draft("Ryggsmärta – vårdförlopp"))
            let laterDraft = try await catalog.create(CatalogUnderTest.draft("Höftartros – vårdförlopp"))
            let later = try await catalog.call(
                "PublishKnowledgeSupport",
                Publish.with {
                    $0.id = laterDraft.id
                    $0.reviewDueOn = Kunskapsloop_Common_V1_Date(due.adding(days: 200))
                }, returning: PublishResponse.self
            ).knowledgeSupport
            let ids: Set<String> = [soon.id, later.id]
            let sepsis = try await catalog.call("GetKnowledgeSupport", GetSupport.with { $0.slug = "sepsis-vardforlopp" }, returning: GetSupportResponse.self)
                .knowledgeSupport.id
            let watched = ids.union([sepsis])

            let a = try catalog.scheduler()
            let b = try catalog.scheduler()
            // Ten days before the date: approaching for the two due then, not for the later one.
            let approaching = due.adding(days: -10)
            async let first = a.check(today: approaching)
            async let second = b.check(today: approaching)
            let raised = try await first + second
            _ = try await a.check(today: approaching)
            _ = try await b.check(today: approaching.adding(days: 1))
            #expect(raised == 2, "two events between the two schedulers, not four")
            try await eventually("two approaching events") {
                catalog.events.all("catalog.knowledge_support.review_due.v1", ReviewDue.self) { watched.contains($0.knowledgeSupport.id) }.count == 2
            }
            // The day after the date: overdue, once.
            let overdue = due.adding(days: 1)
            async let third = a.check(today: overdue)
            async let fourth = b.check(today: overdue)
            #expect(try await third + fourth == 2)
            #expect(try await a.check(today: overdue.adding(days: 5)) == 0)
            try await eventually("two overdue events") {
                catalog.events.all("catalog.knowledge_support.review_due.v1", ReviewDue.self) {
                    watched.contains($0.knowledgeSupport.id) && $0.stage == .overdue
                }.count == 2
            }
            try await catalog.barrier()
            let all = catalog.events.all("catalog.knowledge_support.review_due.v1", ReviewDue.self) { watched.contains($0.knowledgeSupport.id) }
            #expect(all.count == 4)
            #expect(!all.contains { $0.knowledgeSupport.id == later.id }, "the later date is not near")
            let soonOverdue = try #require(all.first { $0.knowledgeSupport.id == soon.id && $0.stage == .overdue })
            #expect(soonOverdue.daysUntilDue == -1 && soonOverdue.reviewDueOn == Kunskapsloop_Common_V1_Date(due))
            #expect(all.first { $0.knowledgeSupport.id == soon.id && $0.stage == .approaching }?.daysUntilDue == 10)
        }
    }

    /// As the service runs it: judged by the job's clock (the date in Sweden), once per tick.
    @Test func theScheduledJobJudgesByItsClockOncePerTick() async throws {
        try await withCatalog { catalog in
            let support = try await catalog.createPublished(CatalogUnderTest.draft("Bensår – vårdförlopp"))
            let due = try #require(try support.reviewDueOn.civilDate())
            // 10:00 UTC, five days before the date: the same day in Stockholm.
            let morning = Date(timeIntervalSince1970: Double(due.adding(days: -5).daysSinceEpoch) * 86_400 + 36_000)
            let job = try catalog.scheduler().job(every: .seconds(3600), logger: LocalStack.logger, now: { morning })
            #expect(try await job.runOnce() == 1, "approaching, five days before")
            #expect(try await job.runOnce() == nil, "this tick is taken")
            let event = try await catalog.events.first("catalog.knowledge_support.review_due.v1", ReviewDue.self) { $0.knowledgeSupport.id == support.id }
            #expect(event.stage == .approaching && event.daysUntilDue == 5)
        }
    }
}
