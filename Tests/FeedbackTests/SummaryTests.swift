import Contracts
import Domain
import Foundation
import KLTesting
import Messaging
import PostgresNIO
import SwiftProtobuf
import Testing

@testable import Feedback

@Suite("Summaries per support and period: once when the period closes, again with a new revision on late feedback")
struct SummaryTests {
    @Test func aClosedPeriodIsSummarisedOnceAndRevisedByLateFeedback() async throws {
        // The service's own closer looks once at start-up and then not for an hour: the test
        // runs the closers itself, as replicas would, so it knows which feedback each one saw.
        var settings = FeedbackConfiguration.forTests()
        settings.summaryInterval = .seconds(3600)
        try await withFeedback(settings: settings) { f in
            let slug = "summering-\(UUID().uuidString.prefix(8).lowercased())"
            let id = try await f.knownSupport(slug: slug)
            // A Wednesday noon some 40 days back: its ISO week and its month have closed (grace 0 in tests).
            let instant = Int64(Date().timeIntervalSince1970) - 40 * 86_400
            let week = StockholmTime.period(containing: instant, granularity: .isoWeek)
            let wednesday = Int64(week.start.adding(days: 2).daysSinceEpoch) * 86_400 + 11 * 3600
            let at = Google_Protobuf_Timestamp(seconds: wednesday)
            var sent: [String] = []
            for helpful in [true, true, false] {
                sent.append(
                    try await f.submit(
                        .valid(slug: slug) {
                            $0.helpful = helpful
                            $0.occurredAt = at
                        }))
            }
            sent.append(
                try await f.submit(
                    .valid(slug: slug) {
                        $0.kind = .rating
                        $0.rating = 4
                        $0.occurredAt = at
                        $0.respondentRole = .professional
                    }))
            for messageID in sent { try await f.waitRecorded(messageID) }

            // Three closers (replicas) racing: one summary, revision 1.
            let closers = try (0..<3).map { _ in PeriodSummaries(store: try f.store) }
            let emitted = try await withThrowingTaskGroup(of: Int.self) { group in
                for closer in closers { group.addTask { try await closer.close() } }
                return try await group.reduce(0, +)
            }
            #expect(emitted == 2, "the week and its month, once each")
            let weekly: @Sendable (Summary) -> Bool = { $0.knowledgeSupportID == id && $0.period.period == week }
            let first = try await f.events.first("feedback.summary.v1", Summary.self, where: weekly)
            #expect(first.revision == 1)
            #expect(first.closed)
            #expect(first.totalCount == 4 && first.helpfulYesCount == 2 && first.helpfulNoCount == 1)
            #expect(abs(first.helpfulShare - 2.0 / 3.0) < 1e-9)
            #expect(first.ratingCounts == [0, 0, 0, 1, 0] && first.ratingMean == 4)
            #expect(first.respondentRoleCounts.patientCount == 3 && first.respondentRoleCounts.professionalCount == 1)

            #expect(try await closers[0].close() == 0, "nothing new")
            // Late feedback for the closed week: revision 2 with the new counts.
            let late = try await f.submit(
                .valid(slug: slug) {
                    $0.helpful = true
                    $0.occurredAt = at
                })
            try await f.waitRecorded(late)
            #expect(try await closers[1].close() == 2)
            let second = try await f.events.first("feedback.summary.v1", Summary.self) { weekly($0) && $0.revision == 2 }
            #expect(second.totalCount == 5 && second.helpfulYesCount == 3)
            for closer in closers { _ = try await closer.close() }
            #expect(f.events.all("feedback.summary.v1", Summary.self, where: weekly).map(\.revision).sorted() == [1, 2])
            #expect(try await f.count("SELECT count(*) FROM \(unescaped: f.service).summary_emissions WHERE period = \(week.description)") == 2)

            // The RPC reads the same numbers, with empty weeks around it.
            let response = try await f.call(
                "GetFeedbackSummaries",
                Kunskapsloop_Feedback_V1_GetFeedbackSummariesRequest.with {
                    $0.knowledgeSupportID = id
                    $0.periods.first = Kunskapsloop_Common_V1_Period(week.previous)
                    $0.periods.last = Kunskapsloop_Common_V1_Period(week.next)
                }, returning: Kunskapsloop_Feedback_V1_GetFeedbackSummariesResponse.self)
            #expect(response.summaries.map(\.totalCount) == [0, 5, 0])
            #expect(response.summaries.map(\.revision) == [0, 2, 0])
            #expect(response.summaries[1].closed)
        }
    }

    @Test func anOpenPeriodIsNotSummarisedYet() async throws {
        var settings = FeedbackConfiguration.forTests()
        settings.periodGrace = .seconds(86_400 * 40)
        try await withFeedback(settings: settings) { f in
            let slug = "oppen-\(UUID().uuidString.prefix(8).lowercased())"
            let id = try await f.knownSupport(slug: slug)
            let messageID = try await f.submit(.valid(slug: slug))
            try await f.waitRecorded(messageID)
            #expect(try await PeriodSummaries(store: try f.store).close() == 0)
            #expect(f.events.all("feedback.summary.v1", Summary.self) { $0.knowledgeSupportID == id }.isEmpty)
        }
    }

    /// Feedback naming an organisation counts for it as well as for all: follow-up reads a unit's
    /// patients' answers as that unit's result.
    @Test func feedbackNamingAnOrganisationIsSummarisedForItToo() async throws {
        var settings = FeedbackConfiguration.forTests()
        settings.summaryInterval = .seconds(3600)
        try await withFeedback(settings: settings) { f in
            let slug = "enhet-\(UUID().uuidString.prefix(8).lowercased())"
            let id = try await f.knownSupport(slug: slug)
            let unit = "SE-\(f.service)-U1"
            try await f.knownOrganisation(unit, name: "Hjärtmottagningen")
            let instant = Int64(Date().timeIntervalSince1970) - 40 * 86_400
            let week = StockholmTime.period(containing: instant, granularity: .isoWeek)
            let at = Google_Protobuf_Timestamp(seconds: Int64(week.start.adding(days: 2).daysSinceEpoch) * 86_400 + 11 * 3600)
            var sent: [String] = []
            for helpful in [true, false, false] {
                sent.append(
                    try await f.submit(
                        .valid(slug: slug) {
                            $0.helpful = helpful
                            $0.occurredAt = at
                            $0.organisationID = unit
                        }))
            }
            sent.append(
                try await f.submit(
                    .valid(slug: slug) {
                        $0.helpful = true
                        $0.occurredAt = at
                    }))
            for messageID in sent { try await f.waitRecorded(messageID) }
            #expect(try await PeriodSummaries(store: try f.store).close() == 4, "week and month, for all and for the unit")
            let forUnit = try await f.events.first("feedback.summary.v1", Summary.self) {
                $0.knowledgeSupportID == id && $0.period.period == week && $0.organisation.id == unit
            }
            #expect(forUnit.organisation.name == "Hjärtmottagningen")
            #expect(forUnit.totalCount == 3 && forUnit.helpfulYesCount == 1 && forUnit.helpfulNoCount == 2)
            let forAll = try await f.events.first("feedback.summary.v1", Summary.self) {
                $0.knowledgeSupportID == id && $0.period.period == week && !$0.hasOrganisation
            }
            #expect(forAll.totalCount == 4 && forAll.helpfulYesCount == 2)
        }
    }
}
