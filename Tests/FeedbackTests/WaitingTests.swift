import Contracts
import Foundation
import KLTesting
import Messaging
import PostgresNIO
import SwiftProtobuf
import Testing

@testable import Feedback

@Suite("Unknown knowledge supports: waiting for the catalog's event, rejection after the deadline; the projection")
struct WaitingTests {
    @Test func feedbackForASupportNotYetKnownIsStoredWhenItsEventArrives() async throws {
        try await withFeedback(settings: .forTests(retrySeconds: 600)) { f in
            let slug = "sent-early-\(UUID().uuidString.prefix(8).lowercased())"
            let bySlug = try await f.submit(
                .valid(slug: slug) {
                    $0.kind = .experience
                    $0.text = "Mejla mig: a@b.se"
                })
            let byURL = try await f.submit(.valid(slug: slug) { $0.knowledgeSupportURL = "https://example.se/\(slug)/" })
            try await eventually("both waiting") { try await f.count("SELECT count(*) FROM \(unescaped: f.service).pending_submissions") == 2 }
            #expect(try await f.count("SELECT count(*) FROM \(unescaped: f.service).items") == 0)
            // Waiting submissions are kept redacted, like everything else.
            #expect(
                try await f.count(
                    "SELECT count(*) FROM \(unescaped: f.service).pending_submissions WHERE position(convert_to('a@b.se', 'UTF8') IN submission) > 0") == 0)

            let id = try await f.publishSupport(slug: slug, url: "HTTPS://EXAMPLE.SE/\(slug)")
            let first = try await f.recordedItem(bySlug)
            try await f.waitRecorded(byURL)
            #expect(first.knowledgeSupportID == id)
            #expect(first.text == "Mejla mig: [e-post]")
            #expect(first.redactionCount == 1)
            #expect(try await f.count("SELECT count(*) FROM \(unescaped: f.service).pending_submissions") == 0)
            #expect(f.events.all("feedback.rejected.v1", Rejected.self).isEmpty)
            #expect(try await f.deadLettered() == 0)
        }
    }

    @Test func aSupportStillUnknownAfterTheDeadlineIsRejectedOnceWithADeadLetterCopy() async throws {
        try await withFeedback(settings: .forTests(retrySeconds: 1)) { f in
            let messageID = try await f.submit(.valid(slug: "finns-inte-\(UUID().uuidString.prefix(8))"), appID: "portal")
            let event = try await f.events.first("feedback.rejected.v1", Rejected.self) { $0.originalMessageID == messageID }
            #expect(event.reason == .unknownKnowledgeSupport)
            #expect(event.field == "knowledge_support_slug")
            #expect(event.sourceAppID == "portal")
            try await eventually("the dead-letter copy") { try await f.deadLettered() == 1 }
            #expect(try await f.count("SELECT count(*) FROM \(unescaped: f.service).pending_submissions") == 0)
            // A second sweeper (another replica) finds nothing left to do.
            #expect(try await f.intake.sweep(now: Date()) == 0)
            #expect(
                f.events.all("feedback.rejected.v1", Rejected.self) { $0.originalMessageID == messageID }.count == 1,
                "\(f.events.deliveries("feedback.rejected.v1").map { "\($0.properties.messageID ?? "-") redelivered=\($0.redelivered)" })")
            #expect(try await f.deadLettered() == 1)
        }
    }

    @Test func aCopySentAgainAfterTheDeadlinesRejectionIsRejectedAgainWithoutASecondEvent() async throws {
        try await withFeedback(settings: .forTests(retrySeconds: 1)) { f in
            let slug = "sent-too-early-\(UUID().uuidString.prefix(8).lowercased())"
            let submission = Submitted.valid(slug: slug)
            let messageID = try await f.submit(submission)
            _ = try await f.events.first("feedback.rejected.v1", Rejected.self) { $0.originalMessageID == messageID }
            try await eventually("the dead-letter copy") { try await f.deadLettered() == 1 }
            // The support becomes known; the sender resends the same message: its message_id had
            // its one effect (the rejection), so this copy only goes to the dead-letter queue too.
            _ = try await f.publishSupport(slug: slug)
            _ = try await f.submit(submission, messageID: messageID)
            try await eventually("the second dead-letter copy") { try await f.deadLettered() == 2 }
            let marker = try await f.submit(.valid(slug: slug))
            try await f.waitRecorded(marker)
            #expect(try await f.count("SELECT count(*) FROM \(unescaped: f.service).items WHERE message_id = \(messageID)") == 0)
            // One rejection event: one outbox row, whatever copies of it the broker delivered.
            let events = f.events.deliveries("feedback.rejected.v1").filter { (try? Rejected(serializedBytes: $0.body))?.originalMessageID == messageID }
            #expect(
                Set(events.compactMap(\.properties.messageID)).count == 1,
                "\(events.map { "\($0.properties.messageID ?? "-") redelivered=\($0.redelivered) \((try? Rejected(serializedBytes: $0.body)).map { "\($0.reason) at \($0.rejectedAt)" } ?? "")" })"
            )
        }
    }

    @Test func theProjectionKeepsTheNewestStateWhateverTheOrder() async throws {
        try await withFeedback { f in
            let id = UUID().uuidString.lowercased()
            let now = Date()
            try await f.publishSupport(id: id, slug: "ny-slug", version: 2, updatedAt: now, title: "Version 2")
            try await eventually("version 2") { try await f.count("SELECT version FROM \(unescaped: f.service).catalog_supports WHERE id = \(id)") == 2 }
            // An older event arriving late changes nothing.
            try await f.publishSupport(id: id, slug: "gammal-slug", version: 1, updatedAt: now.addingTimeInterval(-60), title: "Version 1")
            let marker = try await f.publishSupport(slug: "markor-\(id.prefix(8))")
            try await eventually("the marker") { try await f.count("SELECT count(*) FROM \(unescaped: f.service).catalog_supports WHERE id = \(marker)") == 1 }
            #expect(
                try await f.count("SELECT count(*) FROM \(unescaped: f.service).catalog_supports WHERE id = \(id) AND version = 2 AND slug = 'ny-slug'") == 1)
            // Retirement keeps the version and changes the status.
            try await f.publishCatalog(
                Kunskapsloop_Catalog_V1_KnowledgeSupportRetired.with {
                    $0.knowledgeSupport.id = id
                    $0.knowledgeSupport.slug = "ny-slug"
                    $0.knowledgeSupport.version = 2
                    $0.knowledgeSupport.status = .retired
                    $0.knowledgeSupport.kind = .patientKnowledgeSupport
                    $0.knowledgeSupport.level = .national
                    $0.knowledgeSupport.ownerOrganisation.id = "SE"
                    $0.knowledgeSupport.updatedAt = Google_Protobuf_Timestamp(date: now.addingTimeInterval(60))
                }, routingKey: "catalog.knowledge_support.retired.v1")
            try await eventually("retired") {
                try await f.count("SELECT count(*) FROM \(unescaped: f.service).catalog_supports WHERE id = \(id) AND status = 'retired'") == 1
            }
        }
    }
}
