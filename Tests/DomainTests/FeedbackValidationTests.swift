import Domain
import Testing

@Suite("Validation of submitted feedback")
struct FeedbackValidationTests {
    static let now: Int64 = 1_773_532_800  // 2026-03-15 00:00 UTC

    static func submission(
        support: FeedbackSubmission.KnowledgeSupportReference? = .slug("hjartsvikt-vardforlopp"),
        role: RespondentRole? = .patient, kind: FeedbackKind? = .rating, answer: FeedbackSubmission.Answer? = .rating(4),
        comment: String = "", organisation: String? = nil, occurredAt: Int64? = now - 60, source: String = "1177-web"
    ) -> FeedbackSubmission {
        FeedbackSubmission(
            knowledgeSupport: support, respondentRole: role, kind: kind, answer: answer, comment: comment,
            organisationID: organisation, occurredAt: occurredAt, sourceSystem: source)
    }

    static func rejection(_ submission: FeedbackSubmission) -> FeedbackRejection? {
        do {
            try submission.validate(now: now)
            return nil
        } catch { return error }
    }

    @Test(
        "each kind with its answer is accepted",
        arguments: [
            (FeedbackKind.helpfulness, FeedbackSubmission.Answer.helpful(true)), (.helpfulness, .helpful(false)),
            (.rating, .rating(1)), (.rating, .rating(5)), (.experience, .text("Tydligt och bra.")),
            (.improvementSuggestion, .text("Lägg till öppettider.")),
        ])
    func accepted(kind: FeedbackKind, answer: FeedbackSubmission.Answer) {
        #expect(Self.rejection(Self.submission(kind: kind, answer: answer)) == nil)
    }

    @Test func limitsAreInclusive() {
        #expect(
            Self.rejection(
                Self.submission(
                    kind: .experience, answer: .text(String(repeating: "å", count: 4000)),
                    comment: String(repeating: "ö", count: 2000), occurredAt: Self.now + 300)) == nil)
        #expect(Self.submission(occurredAt: Self.now + 600).isValid(now: Self.now, maxClockSkewSeconds: 600))
    }

    @Test(
        "refusals name the reason and the field",
        arguments: [
            (submission(support: nil), FeedbackRejection.Reason.missingField, "knowledge_support"),
            (submission(support: .id("  ")), .missingField, "knowledge_support_id"),
            (submission(support: .url("")), .missingField, "knowledge_support_url"),
            (submission(kind: nil), .missingField, "kind"),
            (submission(answer: nil), .missingField, "answer"),
            (submission(kind: .rating, answer: .helpful(true)), .kindAnswerMismatch, "kind"),
            (submission(kind: .helpfulness, answer: .rating(3)), .kindAnswerMismatch, "kind"),
            (submission(kind: .experience, answer: .helpful(false)), .kindAnswerMismatch, "kind"),
            (submission(kind: .improvementSuggestion, answer: .rating(2)), .kindAnswerMismatch, "kind"),
            (submission(kind: .helpfulness, answer: .text("ja")), .kindAnswerMismatch, "kind"),
            (submission(answer: .rating(0)), .ratingOutOfRange, "rating"),
            (submission(answer: .rating(6)), .ratingOutOfRange, "rating"),
            (submission(answer: .rating(-1)), .ratingOutOfRange, "rating"),
            (submission(kind: .experience, answer: .text(" \n ")), .missingField, "text"),
            (submission(kind: .experience, answer: .text(String(repeating: "x", count: 4001))), .commentTooLong, "text"),
            (submission(comment: String(repeating: "x", count: 2001)), .commentTooLong, "comment"),
            (submission(occurredAt: nil), .missingField, "occurred_at"),
            (submission(occurredAt: now + 301), .occurredInFuture, "occurred_at"),
            (submission(occurredAt: FeedbackSubmission.Limits.earliestOccurredAt - 1), .occurredTooLongAgo, "occurred_at"),
            (submission(occurredAt: -62_135_596_800), .occurredTooLongAgo, "occurred_at"),  // 0001-01-01
            (submission(source: ""), .missingField, "source_system"),
            (submission(source: "  "), .missingField, "source_system"),
        ])
    func refused(submission: FeedbackSubmission, reason: FeedbackRejection.Reason, field: String) {
        let rejection = Self.rejection(submission)
        #expect(rejection?.reason == reason)
        #expect(rejection?.field == field)
    }

    @Test func aSkewOfZeroRefusesAnySecondAhead() {
        #expect(Self.submission(occurredAt: Self.now).isValid(now: Self.now, maxClockSkewSeconds: 0))
        #expect(!Self.submission(occurredAt: Self.now + 1).isValid(now: Self.now, maxClockSkewSeconds: 0))
    }

    @Test func combiningMarksCountTowardsTheLimit() {
        // 1000 letters with three combining marks each: 1000 characters, 4000 scalars (allowed), one more is not.
        let zalgo = String(repeating: "a\u{301}\u{302}\u{303}", count: 1000)
        #expect(Self.rejection(Self.submission(kind: .experience, answer: .text(zalgo))) == nil)
        #expect(Self.rejection(Self.submission(kind: .experience, answer: .text(zalgo + "b")))?.reason == .commentTooLong)
    }

    @Test func anUnspecifiedRoleReadsAsUnknownAndAnEmptyOrganisationAsNone() {
        let submission = Self.submission(role: nil, organisation: "")
        #expect(submission.respondentRole == .unknown)
        #expect(submission.organisationID == nil)
        #expect(Self.submission(organisation: "SE2321000016").organisationID == "SE2321000016")
    }

    @Test(
        "every rejection explains itself in English and in Swedish",
        arguments: [
            FeedbackRejection.missingField("kind"), .missingField("knowledge_support"), .missingField("answer"),
            .missingField("text"), .missingField("occurred_at"), .missingField("source_system"), .missingField("knowledge_support_id"),
            .kindAnswerMismatch(kind: .rating, given: .helpful), .ratingOutOfRange(7),
            .tooLong(field: "comment", length: 2001, maximum: 2000), .tooLong(field: "text", length: 4001, maximum: 4000),
            .occurredInFuture(secondsAhead: 900, maxClockSkewSeconds: 300), .unknownKnowledgeSupport(.slug("okand")),
            .unknownKnowledgeSupport(.id("7c9e")), .unknownKnowledgeSupport(.url("https://www.1177.se/x")),
            .unknownOrganisation("SE999"),
        ])
    func bilingual(rejection: FeedbackRejection) {
        #expect(!rejection.messageEnglish.isEmpty)
        #expect(!rejection.messageSwedish.isEmpty)
        #expect(rejection.messageEnglish != rejection.messageSwedish)
        #expect(rejection.description.hasPrefix(rejection.reason.rawValue))
    }

    @Test func factoryRejectionsCarryReasonAndField() {
        #expect(FeedbackRejection.unknownKnowledgeSupport(.slug("okand")).reason == .unknownKnowledgeSupport)
        #expect(FeedbackRejection.unknownKnowledgeSupport(.slug("okand")).field == "knowledge_support_slug")
        #expect(FeedbackRejection.unknownKnowledgeSupport(.url("https://x.se/a")).field == "knowledge_support_url")
        #expect(FeedbackRejection.unknownOrganisation("SE999").reason == .unknownOrganisation)
        #expect(FeedbackRejection.unknownOrganisation("SE999").field == "organisation_id")
        #expect(FeedbackRejection.ratingOutOfRange(9).messageSwedish == "betyget är 9; det måste vara 1–5")
        #expect(FeedbackRejection.missingField("kind").messageSwedish.contains("måste anges"))
    }

    @Test func longValuesAreCutInMessages() {
        let rejection = FeedbackRejection.unknownOrganisation(String(repeating: "x", count: 5000))
        #expect(rejection.messageEnglish.count < 200)
    }

    @Test func redactingASubmissionCountsTextAndComment() {
        let submission = Self.submission(kind: .experience, answer: .text("Ring 070-123 45 67"), comment: "pnr 850101-1234, anna@exempel.se")
        let (redacted, counts) = submission.redacted()
        #expect(redacted.answer == .text("Ring [telefon]"))
        #expect(redacted.comment == "pnr [personnummer], [e-post]")
        #expect(counts == [.phone: 1, .personalIdentityNumber: 1, .email: 1])
        #expect(Self.rejection(redacted) == nil)
    }
}
