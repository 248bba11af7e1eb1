import Contracts
import Domain
import Foundation
import KLTesting
import Messaging
import PostgresNIO
import ServiceRuntime
import Storage
import SwiftProtobuf
import Testing

@testable import Feedback

@Suite("Intake from other systems: validation, rejection with reason and dead-letter copy, redaction, idempotency")
struct IntakeTests {
    static func slug() -> String { "stod-\(UUID().uuidString.prefix(8).lowercased())" }

    static let textWithControlCharacters = "Fler bilder\toch färre ord,\r\nsnälla \\ tack \\N"
    /// 2026-03-02 08:30:15 UTC.
    static let mondayMorning: Int64 = 1_772_440_215

    @Test func everyKindIsStoredRedactedAndRecorded() async throws {
        try await withFeedback { f in
            let slug = Self.slug()
            let id = try await f.knownSupport(slug: slug, url: "https://Vard.Example.SE/hjarta/")
            try await f.knownOrganisation("SE-\(f.service)", name: "Enhet Test")
            let ids = [
                try await f.submit(
                    .valid(slug: slug) {
                        $0.helpful = false
                        $0.organisationID = "SE-\(f.service)"
                    }),
                try await f.submit(
                    .valid(slug: slug) {
                        $0.kind = .rating
                        $0.rating = 4
                        $0.knowledgeSupportURL = "HTTPS://vard.example.se/hjarta"
                        $0.occurredAt = Google_Protobuf_Timestamp(seconds: Self.mondayMorning)
                    }),
                try await f.submit(
                    .valid(slug: slug) {
                        $0.kind = .experience
                        $0.text = "Ring mig på 070-123 45 67 eller mejla anna.svensson@example.se, pnr 19811218-9876."
                        $0.knowledgeSupportID = id.uppercased()
                    }),
                try await f.submit(
                    .valid(slug: slug) {
                        $0.kind = .improvementSuggestion
                        $0.text = Self.textWithControlCharacters
                        $0.comment = "Min pappa 451105+1234 ringde +46 8 123 456 78"
                        $0.respondentRole = .relative
                    }),
            ]
            for messageID in ids {
                let recorded = try await f.recordedItem(messageID)
                #expect(recorded.knowledgeSupportID == id)
            }
            let experience = try await f.recordedItem(ids[2])
            #expect(experience.text == "Ring mig på [telefon] eller mejla [e-post], pnr [personnummer].")
            #expect(experience.redactionCount == 3)
            let suggestion = try await f.recordedItem(ids[3])
            #expect(suggestion.comment == "Min pappa [personnummer] ringde [telefon]")
            #expect(suggestion.redactionCount == 2)
            // Tabs, line breaks and backslashes survive the way in (COPY's text format escapes them).
            #expect(suggestion.text == Self.textWithControlCharacters)
            let rating = try await f.recordedItem(ids[1])
            #expect(rating.occurredAt == Google_Protobuf_Timestamp(seconds: Self.mondayMorning))
            #expect(abs(rating.recordedAt.date.timeIntervalSinceNow) < 120)
            let helpful = try await f.recordedItem(ids[0])
            #expect(helpful.organisation.name == "Enhet Test")
            #expect(helpful.week.granularity == .isoWeek && helpful.month.granularity == .month)

            // What is stored is the redacted text; nothing identifying is anywhere in the table.
            #expect(try await f.count("SELECT count(*) FROM \(unescaped: f.service).items") == 4)
            #expect(
                try await f.count(
                    """
                    SELECT count(*) FROM \(unescaped: f.service).items
                    WHERE answer_text ~ '[0-9]{6}' OR comment ~ '[0-9]{6}' OR answer_text LIKE '%@%' OR comment LIKE '%070%'
                    """) == 0)
            #expect(try await f.count("SELECT sum(redaction_count)::int FROM \(unescaped: f.service).items") == 5)
            #expect(
                try await f.count(
                    "SELECT sum(total)::int FROM \(unescaped: f.service).tallies WHERE knowledge_support_id = \(id) AND organisation_id = '' AND period LIKE '%W%'"
                ) == 4)
            #expect(try await f.deadLettered() == 0)
        }
    }

    /// One refused message per rule: the reason, the field, both languages, the sender's ids.
    struct Refusal: Sendable, CustomStringConvertible {
        let name: String
        let reason: Kunskapsloop_Feedback_V1_RejectionReason
        let field: String
        let tweak: @Sendable (inout Submitted) -> Void
        var description: String { name }
    }

    static let refusals: [Refusal] = [
        Refusal(name: "no support reference", reason: .missingField, field: "knowledge_support") { $0.knowledgeSupport = nil },
        Refusal(name: "blank slug", reason: .missingField, field: "knowledge_support_slug") { $0.knowledgeSupportSlug = "  " },
        Refusal(name: "no kind", reason: .missingField, field: "kind") { $0.kind = .unspecified },
        Refusal(name: "no answer", reason: .missingField, field: "answer") { $0.answer = nil },
        Refusal(name: "rating for helpfulness", reason: .kindAnswerMismatch, field: "kind") { $0.rating = 3 },
        Refusal(name: "text for rating", reason: .kindAnswerMismatch, field: "kind") {
            $0.kind = .rating
            $0.text = "bra"
        },
        Refusal(name: "rating 0", reason: .ratingOutOfRange, field: "rating") {
            $0.kind = .rating
            $0.rating = 0
        },
        Refusal(name: "rating 6", reason: .ratingOutOfRange, field: "rating") {
            $0.kind = .rating
            $0.rating = 6
        },
        Refusal(name: "blank text", reason: .missingField, field: "text") {
            $0.kind = .experience
            $0.text = " "
        },
        Refusal(name: "text of 4001", reason: .commentTooLong, field: "text") {
            $0.kind = .experience
            $0.text = String(repeating: "å", count: 4001)
        },
        Refusal(name: "comment of 2001", reason: .commentTooLong, field: "comment") { $0.comment = String(repeating: "x", count: 2001) },
        Refusal(name: "an hour ahead", reason: .occurredInFuture, field: "occurred_at") {
            $0.occurredAt = Google_Protobuf_Timestamp(date: Date().addingTimeInterval(3600))
        },
        // Year 1 would not fit PostgreSQL's timestamps: refused with a reason, not retried as poison.
        Refusal(name: "year 1", reason: .occurredTooLongAgo, field: "occurred_at") {
            $0.occurredAt = Google_Protobuf_Timestamp(seconds: -62_135_596_800)
        },
        Refusal(name: "no occurred_at", reason: .missingField, field: "occurred_at") { $0.clearOccurredAt() },
        Refusal(name: "no source system", reason: .missingField, field: "source_system") { $0.sourceSystem = "" },
        Refusal(name: "unknown organisation", reason: .unknownOrganisation, field: "organisation_id") { $0.organisationID = "SE-nowhere" },
        // Valid UTF-8 that no database text takes: refused at the door, naming the field.
        Refusal(name: "NUL in the comment", reason: .invalidUtf8, field: "comment") { $0.comment = "bra\u{0}sida" },
        Refusal(name: "NUL in the text", reason: .invalidUtf8, field: "text") {
            $0.kind = .experience
            $0.text = "nul\u{0}"
        },
        Refusal(name: "NUL in the slug", reason: .invalidUtf8, field: "knowledge_support_slug") { $0.knowledgeSupportSlug = "hjart\u{0}svikt" },
    ]

    @Test func everyRuleRefusesWithItsReasonAnEventAndADeadLetterCopy() async throws {
        try await withFeedback { f in
            let slug = Self.slug()
            try await f.knownSupport(slug: slug)
            // The limits themselves pass: 4000 characters of text, 2000 of comment, 5 minutes ahead, ratings 1 and 5.
            let accepted = [
                try await f.submit(
                    .valid(slug: slug) {
                        $0.kind = .experience
                        $0.text = String(repeating: "å", count: 4000)
                    }),
                try await f.submit(.valid(slug: slug) { $0.comment = String(repeating: "x", count: 2000) }),
                try await f.submit(.valid(slug: slug) { $0.occurredAt = Google_Protobuf_Timestamp(date: Date().addingTimeInterval(240)) }),
                try await f.submit(
                    .valid(slug: slug) {
                        $0.kind = .rating
                        $0.rating = 1
                    }),
                try await f.submit(
                    .valid(slug: slug) {
                        $0.kind = .rating
                        $0.rating = 5
                    }),
            ]
            var sent: [(String, Refusal)] = []
            for refusal in Self.refusals {
                sent.append((try await f.submit(.valid(slug: slug, refusal.tweak), appID: "sender-\(sent.count)"), refusal))
            }
            for (messageID, refusal) in sent {
                let event = try await f.events.first("feedback.rejected.v1", Rejected.self) { $0.originalMessageID == messageID }
                #expect(event.reason == refusal.reason, "\(refusal)")
                #expect(event.field == refusal.field, "\(refusal)")
                #expect(!event.messageEn.isEmpty && !event.messageSv.isEmpty && event.messageEn != event.messageSv, "\(refusal)")
                #expect(event.sourceAppID.hasPrefix("sender-"), "\(refusal)")
                #expect(event.originalType == Submitted.protoMessageName, "\(refusal)")
                #expect(event.hasRejectedAt, "\(refusal)")
            }
            for messageID in accepted {
                try await f.waitRecorded(messageID)
            }
            try await eventually("a dead-letter copy of each refusal") { try await f.deadLettered() == Self.refusals.count }
            #expect(try await f.count("SELECT count(*) FROM \(unescaped: f.service).items") == accepted.count)
            #expect(f.events.all("feedback.rejected.v1", Rejected.self).count == Self.refusals.count, "one event per refusal")
        }
    }

    @Test func wrongTypeUndecodableBytesAndInvalidUTF8AreRefusedAndTheServiceGoesOn() async throws {
        try await withFeedback { f in
            let slug = Self.slug()
            try await f.knownSupport(slug: slug)
            let good = try Submitted.valid(slug: slug).serializedBytes() as [UInt8]
            let wrongType = try await f.submit(.valid(slug: slug), type: "kunskapsloop.followup.v1.MeasurementsSubmitted")
            let wrongContent = try await f.submit(.valid(slug: slug), contentType: "application/json")
            let garbage = UUID().uuidString.lowercased()
            try await f.publish([0xff, 0xff, 0xff, 0x0f, 0x08], messageID: garbage)
            // The comment (field 9) with a lone continuation byte, appended to a valid message.
            let badUTF8 = UUID().uuidString.lowercased()
            try await f.publish(good + [0x4a, 0x03, 0x61, 0x80, 0x62], messageID: badUTF8)
            let after = try await f.submit(.valid(slug: slug))

            let expected: [(String, Kunskapsloop_Feedback_V1_RejectionReason, String)] = [
                (wrongType, .wrongMessageType, ""), (wrongContent, .wrongMessageType, ""), (garbage, .undecodable, ""), (badUTF8, .invalidUtf8, "comment"),
            ]
            for (messageID, reason, field) in expected {
                let event = try await f.events.first("feedback.rejected.v1", Rejected.self) { $0.originalMessageID == messageID }
                #expect(event.reason == reason)
                #expect(event.field == field)
            }
            #expect(
                try await f.events.first("feedback.rejected.v1", Rejected.self) { $0.originalMessageID == wrongType }.originalType
                    == "kunskapsloop.followup.v1.MeasurementsSubmitted")
            try await f.waitRecorded(after)
            try await eventually("four dead-letter copies") { try await f.deadLettered() == 4 }
        }
    }

    /// PostgreSQL text cannot hold NUL. A NUL in app_id or a header (which no sender has a use
    /// for) reads as U+FFFD, like any other byte that is not text, so the message is stored or
    /// refused as it deserves. A message_id that is not text is refused, saying so: altered, it
    /// would collide with another message's id ("a\0b" read as "a\u{FFFD}b"), which would then be
    /// dropped as a duplicate.
    @Test func aMessageIDThatIsNotTextIsRefusedAndCollidesWithNothing() async throws {
        try await withFeedback { f in
            let slug = Self.slug()
            try await f.knownSupport(slug: slug)
            let suffix = UUID().uuidString.lowercased()
            let nulID = "nul\u{0}-\(suffix)"
            let lookalike = "nul\u{FFFD}-\(suffix)"
            try await f.submit(.valid(slug: slug), messageID: nulID)
            var properties = MessageProperties(
                contentType: "application/x-protobuf", type: Submitted.protoMessageName,
                messageID: lookalike, appID: "web\u{0}sida")
            properties.traceparent = "00-\u{0}"
            try await f.broker.publish(
                try Submitted.valid(slug: slug).serializedBytes(), exchange: "kl.inbound", routingKey: f.intakeRoutingKey,
                properties: properties)
            let wrongType = try await f.submit(.valid(slug: slug), type: "kunskapsloop\u{0}.x")

            let refused = try await f.events.first("feedback.rejected.v1", Rejected.self) { $0.field == "message_id" && $0.originalMessageID == lookalike }
            #expect(refused.reason == .invalidUtf8)
            #expect(refused.messageEn.contains("NUL"))
            try await f.waitRecorded(lookalike)
            #expect(
                try await f.count("SELECT count(*) FROM \(unescaped: f.service).items WHERE message_id = \(lookalike)") == 1,
                "the look-alike id is stored, not taken for a duplicate")
            #expect(try await f.count("SELECT count(*) FROM \(unescaped: f.service).items WHERE source_app_id = \("web\u{FFFD}sida")") == 1)
            let wrongTypeRefused = try await f.events.first("feedback.rejected.v1", Rejected.self) { $0.originalMessageID == wrongType }
            #expect(wrongTypeRefused.reason == .wrongMessageType)
            try await eventually("two dead-letter copies, the refused ones") { try await f.deadLettered() == 2 }
        }
    }

    @Test func aCopyOfAStoredMessageInALaterBatchIsSkippedAndTheOthersInItStored() async throws {
        try await withFeedback { f in
            let slug = Self.slug()
            try await f.knownSupport(slug: slug)
            let intake = try f.intake
            let submission = FeedbackSubmission(Submitted.valid(slug: slug))
            func take(_ keys: [String]) async throws -> [IntakeOutcome] {
                let messages = keys.map { key in
                    IntakeMessage(
                        envelope: InboundEnvelope(key: key, messageID: key, appID: "test-web", type: Submitted.protoMessageName, traceparent: nil),
                        submission: .success(submission))
                }
                return try await intake.store.database.transaction { tx in
                    try await intake.take(messages, mode: .broker, now: Date(), on: tx.connection).outcomes
                }
            }
            let (first, second) = (UUID().uuidString.lowercased(), UUID().uuidString.lowercased())
            _ = try await take([first])
            // The batch's plain insert fails on the stored key; the batch goes in again skipping it.
            let outcomes = try await take([second, first])
            guard case .stored = outcomes[0], case .duplicate = outcomes[1] else {
                Issue.record("outcomes: \(outcomes)")
                return
            }
            #expect(try await f.count("SELECT count(*) FROM \(unescaped: f.service).items WHERE message_id IN (\(first), \(second))") == 2)
            #expect(try await f.count("SELECT total FROM \(unescaped: f.service).tallies WHERE organisation_id = '' AND period LIKE '%W%'") == 2)
        }
    }

    @Test func theSameMessageIDIsStoredOnce() async throws {
        try await withFeedback { f in
            let slug = Self.slug()
            try await f.knownSupport(slug: slug)
            let messageID = UUID().uuidString.lowercased()
            for _ in 0..<3 { try await f.submit(.valid(slug: slug), messageID: messageID) }
            let marker = try await f.submit(.valid(slug: slug))
            try await f.waitRecorded(marker)
            try await eventually("the copies settled") { try await managementCount(f.inbound) == 0 }
            #expect(try await f.count("SELECT count(*) FROM \(unescaped: f.service).items WHERE message_id = \(messageID)") == 1)
            #expect(f.recordedCount(messageID) == 1)
            #expect(try await f.count("SELECT total FROM \(unescaped: f.service).tallies WHERE organisation_id = '' AND period LIKE '%W%'") == 2)
        }
    }
}
