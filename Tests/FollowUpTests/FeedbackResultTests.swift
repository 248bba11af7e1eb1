import Contracts
import Foundation
import KLTesting
import SwiftProtobuf
import Testing

@testable import FollowUp

@Suite("Feedback as a result: summaries through the broker become the built-in helpfulness indicator")
struct FeedbackResultTests {
    static func summary(
        _ support: String, week: Int, yes: Int32, no: Int32, revision: Int32 = 1, organisation: String? = nil
    ) -> Kunskapsloop_Feedback_V1_FeedbackSummary {
        .with {
            $0.knowledgeSupportID = support
            $0.period = .with {
                $0.granularity = .isoWeek
                $0.year = 2024
                $0.index = Int32(week)
            }
            if let organisation { $0.organisation.id = organisation }
            $0.helpfulYesCount = yes
            $0.helpfulNoCount = no
            $0.totalCount = yes + no
            $0.revision = revision
            $0.closed = true
        }
    }

    @Test("the indicator is made on the first summary; a drop is a signal; a new revision replaces the value and removes it")
    func helpfulness() async throws {
        try await withFollowUp { f in
            try await f.smallTree()
            let support = UUID().uuidString.lowercased()
            try await f.publishEvent(
                Kunskapsloop_Catalog_V1_KnowledgeSupportPublished.with {
                    $0.knowledgeSupport.id = support
                    $0.knowledgeSupport.slug = "hjartsvikt"
                    $0.knowledgeSupport.title = "Hjärtsvikt – vårdförlopp"
                    $0.knowledgeSupport.version = 1
                    $0.knowledgeSupport.status = .published
                    $0.knowledgeSupport.kind = .carePathway
                    $0.knowledgeSupport.level = .national
                    $0.knowledgeSupport.updatedAt = .init(date: Date())
                }, routingKey: "catalog.knowledge_support.published.v1")
            for week in 1...12 {
                try await f.publishEvent(
                    Self.summary(support, week: week, yes: Int32(78 + week % 4), no: Int32(22 - week % 4)),
                    routingKey: "feedback.summary.v1", appID: "feedback-service")
            }
            try await f.publishEvent(
                Self.summary(support, week: 5, yes: 8, no: 2, organisation: "u11"), routingKey: "feedback.summary.v1", appID: "feedback-service")
            let drop = Self.summary(support, week: 13, yes: 20, no: 80)
            try await f.publishEvent(drop, routingKey: "feedback.summary.v1", appID: "feedback-service")
            let raised = try await f.events.first(FollowUpEvents.signalRaised, Raised.self) { $0.signal.rule == .pointBeyondLimit }
            let code = "feedback-helpful-week.\(support)"
            #expect(raised.signal.indicator.code == code && raised.signal.organisation.id == "SE")
            #expect(raised.signal.direction == .deterioration && raised.signal.severity == .critical)
            #expect(raised.knowledgeSupportID == support && raised.knowledgeSupportTitle == "Hjärtsvikt – vårdförlopp")
            let indicator = try await f.call(
                "GetIndicator", Kunskapsloop_Followup_V1_GetIndicatorRequest.with { $0.code = code },
                returning: Kunskapsloop_Followup_V1_GetIndicatorResponse.self
            ).indicator
            #expect(indicator.builtIn && indicator.valueType == .proportion && indicator.chartType == .p && indicator.directionOfGood == .higher)
            #expect(indicator.source.feedbackMetric == .helpfulnessShare && indicator.name == "Andel som fick hjälp av informationen")
            #expect(indicator.knowledgeSupportTitle == "Hjärtsvikt – vårdförlopp" && indicator.granularity == .isoWeek)
            let national = try await f.analysis(code, "SE")
            #expect(national.points.count == 13 && national.points[12].numerator == 20 && national.points[12].denominator == 100)
            #expect(national.points[0].reportedBy == "feedback")
            // The organisation's own summary is its own value; aggregates above it sum it.
            #expect(try await f.analysis(code, "u11").points.count == 9)
            #expect(try await f.analysis(code, "R1").points.first?.origin == .aggregated)

            // A later revision of week 13 replaces it; an older one arriving late changes nothing.
            try await f.publishEvent(
                Self.summary(support, week: 13, yes: 80, no: 20, revision: 3), routingKey: "feedback.summary.v1", appID: "feedback-service")
            try await f.publishEvent(Self.summary(support, week: 13, yes: 1, no: 99, revision: 2), routingKey: "feedback.summary.v1", appID: "feedback-service")
            let closed = try await f.events.first(FollowUpEvents.signalClosed, Closed.self) { $0.signal.id == raised.signal.id }
            #expect(closed.signal.closeReason == .dataRevised)
            try await eventually("the queue drained") { try await managementCount("\(f.service).events") == 0 }
            let revised = try await f.analysis(code, "SE").points[12]
            #expect(revised.numerator == 80 && revised.revision == 2)
            // Reported values of built-in indicators are refused.
            let refused = try await f.report([ratio(code, "u11", 2024, 1, 1, 2)])
            #expect(refused.problems.first?.reason == .builtInIndicator)
        }
    }
}
