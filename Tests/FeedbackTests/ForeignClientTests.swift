import Contracts
import Domain
import Foundation
import KLTesting
import Messaging
import PostgresNIO
import SwiftProtobuf
import Testing

/// The example publishers a third party would copy — Python (pika + protobuf) and C (librabbitmq
/// + protobuf-c) — run as real processes, as the `integration` user, against the service.
@Suite("Foreign clients: the Python and C publishers, stored and summarised")
struct ForeignClientTests {
    static var clients: URL { LocalStack.root.appendingPathComponent("clients") }

    @Test func feedbackFromPythonAndCIsStoredAndSummarised() async throws {
        let built = try await runProcess("/usr/bin/make", ["-s", "-C", Self.clients.appendingPathComponent("c").path])
        try #require(built.status == 0, "building the C publisher: \(built.stderr)")
        try await withFeedback { f in
            let slug = "utlandsk-\(UUID().uuidString.prefix(8).lowercased())"
            let id = try await f.knownSupport(slug: slug)
            try await f.knownOrganisation("SE-\(f.service)", name: "Vårdcentral Test")
            // 40 days back: a week and a month that have closed, so the summary is emitted.
            let instant = Int64(Date().timeIntervalSince1970) - 40 * 86_400
            // librabbitmq's URL parser takes no query (`?heartbeat=`): the plain URL a third party would use.
            let url = "amqp://integration:integration@\(LocalStack.host):\(LocalStack.amqpPort)/\(LocalStack.vhost)"
            let common = [
                "--amqp-url", url, "--routing-key", f.intakeRoutingKey,
                "--slug", slug, "--occurred-at", "\(instant)", "--organisation", "SE-\(f.service)",
            ]
            let python = try await runProcess(
                "/usr/bin/python3",
                [Self.clients.appendingPathComponent("python/publish_feedback.py").path]
                    + common + ["--kind", "helpfulness", "--helpful", "yes", "--role", "patient", "--count", "7", "--app-id", "python-\(f.service)"])
            #expect(python.status == 0, "python: \(python.stderr)")
            let c = try await runProcess(
                Self.clients.appendingPathComponent("c/build/publish_feedback").path,
                common + [
                    "--kind", "rating", "--rating", "2", "--role", "relative", "--count", "5", "--app-id", "c-\(f.service)",
                    "--comment", "Ring 0701234567",
                ])
            #expect(c.status == 0, "c: \(c.stderr)")

            try await eventually("12 items stored") { try await f.count("SELECT count(*) FROM \(unescaped: f.service).items") == 12 }
            #expect(try await f.count("SELECT count(*) FROM \(unescaped: f.service).items WHERE source_app_id = \("python-\(f.service)")") == 7)
            #expect(try await f.count("SELECT count(*) FROM \(unescaped: f.service).items WHERE comment = 'Ring [telefon]'") == 5)
            let week = StockholmTime.period(containing: instant, granularity: .isoWeek)
            let summary = try await f.events.first("feedback.summary.v1", Summary.self) {
                $0.knowledgeSupportID == id && $0.period.period == week && $0.totalCount == 12
            }
            #expect(summary.helpfulYesCount == 7 && summary.ratingCounts == [0, 5, 0, 0, 0])
            #expect(summary.respondentRoleCounts.patientCount == 7 && summary.respondentRoleCounts.relativeCount == 5)
            // Scoped to the organisation, through the RPC.
            let scoped = try await f.call(
                "GetFeedbackSummaries",
                Kunskapsloop_Feedback_V1_GetFeedbackSummariesRequest.with {
                    $0.knowledgeSupportID = id
                    $0.periods.first = Kunskapsloop_Common_V1_Period(week)
                    $0.periods.last = Kunskapsloop_Common_V1_Period(week)
                    $0.organisationID = "SE-\(f.service)"
                }, returning: Kunskapsloop_Feedback_V1_GetFeedbackSummariesResponse.self)
            #expect(scoped.summaries.first?.totalCount == 12)
            #expect(scoped.summaries.first?.organisation.name == "Vårdcentral Test")
        }
    }
}
