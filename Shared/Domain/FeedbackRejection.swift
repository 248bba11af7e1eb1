/// Why submitted feedback was refused: the reason, the proto field to blame, and an explanation in
/// English and in Swedish, as `FeedbackRejected` carries them.
///
/// `Reason` is a closed enum, unlike the extensible `Code` structs of other domain errors, because
/// it mirrors the contract's `RejectionReason` one to one: the mapping in Contracts switches over it
/// exhaustively, so a new reason cannot go unmapped.
public struct FeedbackRejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// Mirrors `kunskapsloop.feedback.v1.RejectionReason` (without UNSPECIFIED).
    public enum Reason: String, Sendable, Hashable, CaseIterable {
        /// The body is not a valid protobuf message.
        case undecodable
        /// The AMQP type or content type is not that of FeedbackSubmitted.
        case wrongMessageType = "wrong_message_type"
        /// No knowledge support has the given id, slug or URL.
        case unknownKnowledgeSupport = "unknown_knowledge_support"
        /// The answer's shape does not fit the kind.
        case kindAnswerMismatch = "kind_answer_mismatch"
        /// A rating outside 1–5.
        case ratingOutOfRange = "rating_out_of_range"
        /// The comment or text answer is too long.
        case commentTooLong = "comment_too_long"
        /// A string is not valid UTF-8.
        case invalidUTF8 = "invalid_utf8"
        /// occurred_at is in the future.
        case occurredInFuture = "occurred_in_future"
        /// occurred_at is before 2000-01-01.
        case occurredTooLongAgo = "occurred_too_long_ago"
        /// organisation_id is not an organisation in the catalog.
        case unknownOrganisation = "unknown_organisation"
        /// A required field is missing.
        case missingField = "missing_field"
    }

    public let reason: Reason
    /// The offending proto field (`rating`, `occurred_at`, `knowledge_support`, …); empty when the
    /// message as a whole is at fault.
    public let field: String
    /// The explanation in English.
    public let messageEnglish: String
    /// The explanation in Swedish.
    public let messageSwedish: String

    /// - Parameters:
    ///   - reason: Why.
    ///   - field: The proto field name, or empty.
    ///   - english: The explanation in English.
    ///   - swedish: The same in Swedish.
    public init(_ reason: Reason, field: String, english: String, swedish: String) {
        self.reason = reason
        self.field = field
        self.messageEnglish = english
        self.messageSwedish = swedish
    }

    /// `missing_field (kind): kind is required: …`
    public var description: String {
        field.isEmpty ? "\(reason.rawValue): \(messageEnglish)" : "\(reason.rawValue) (\(field)): \(messageEnglish)"
    }
}

extension FeedbackRejection {
    /// A required field is missing or blank.
    ///
    /// - Parameter field: The proto field name, or the oneof's name (`knowledge_support`, `answer`).
    public static func missingField(_ field: String) -> FeedbackRejection {
        let (english, swedish): (String, String) =
            switch field {
            case "knowledge_support":
                (
                    "a knowledge support is required: set knowledge_support_id, knowledge_support_slug or knowledge_support_url",
                    "ett kunskapsstöd måste anges: sätt knowledge_support_id, knowledge_support_slug eller knowledge_support_url"
                )
            case "kind":
                (
                    "kind is required: HELPFULNESS, RATING, EXPERIENCE or IMPROVEMENT_SUGGESTION",
                    "kind måste anges: HELPFULNESS, RATING, EXPERIENCE eller IMPROVEMENT_SUGGESTION"
                )
            case "answer":
                ("an answer is required: helpful, rating or text", "ett svar måste anges: helpful, rating eller text")
            case "text":
                ("the text answer is empty", "textsvaret är tomt")
            case "occurred_at":
                ("occurred_at is required: when the respondent gave the feedback", "occurred_at måste anges: när svaret lämnades")
            case "source_system":
                (
                    "source_system is required: the sending system's name, e.g. \"1177-web\"",
                    "source_system måste anges: det sändande systemets namn, t.ex. \"1177-web\""
                )
            default:
                ("\(field) is required and must not be empty", "\(field) måste anges och får inte vara tomt")
            }
        return FeedbackRejection(.missingField, field: field, english: english, swedish: swedish)
    }

    /// The answer's shape does not fit the kind.
    public static func kindAnswerMismatch(kind: FeedbackKind, given: FeedbackSubmission.Answer.Shape) -> FeedbackRejection {
        let expected = kind.answerShape.rawValue
        return FeedbackRejection(
            .kindAnswerMismatch, field: "kind",
            english: "kind \(kind.contractName) takes the answer \(expected), but \(given.rawValue) was given",
            swedish: "kind \(kind.contractName) ska besvaras med \(expected), men \(given.rawValue) angavs")
    }

    /// A rating outside 1–5.
    public static func ratingOutOfRange(_ rating: Int) -> FeedbackRejection {
        FeedbackRejection(
            .ratingOutOfRange, field: "rating",
            english: "rating is \(rating); it must be 1–5", swedish: "betyget är \(rating); det måste vara 1–5")
    }

    /// The comment or text answer is too long (reason `commentTooLong` for both, as the contract says).
    ///
    /// - Parameters:
    ///   - field: `comment` or `text`.
    ///   - length: Its length in characters.
    ///   - maximum: The limit.
    public static func tooLong(field: String, length: Int, maximum: Int) -> FeedbackRejection {
        let (english, swedish) = field == "comment" ? ("the comment", "kommentaren") : ("the \(field) answer", "textsvaret")
        return FeedbackRejection(
            .commentTooLong, field: field,
            english: "\(english) has \(length) characters; at most \(maximum) are allowed",
            swedish: "\(swedish) har \(length) tecken; högst \(maximum) är tillåtna")
    }

    /// occurred_at lies before `FeedbackSubmission.Limits.earliestOccurredAt` (2000-01-01).
    public static func occurredTooLongAgo(_ occurredAt: Int64) -> FeedbackRejection {
        FeedbackRejection(
            .occurredTooLongAgo, field: "occurred_at",
            english: "occurred_at (\(occurredAt) seconds since 1970) is before 2000-01-01; feedback that old is not taken in",
            swedish: "occurred_at (\(occurredAt) sekunder efter 1970) ligger före 2000-01-01; så gammal återkoppling tas inte emot")
    }

    /// occurred_at lies further in the future than the clocks can disagree.
    public static func occurredInFuture(secondsAhead: Int64, maxClockSkewSeconds: Int64) -> FeedbackRejection {
        FeedbackRejection(
            .occurredInFuture, field: "occurred_at",
            english: "occurred_at is \(secondsAhead) seconds in the future; at most \(maxClockSkewSeconds) seconds of clock difference are allowed",
            swedish: "occurred_at ligger \(secondsAhead) sekunder i framtiden; högst \(maxClockSkewSeconds) sekunders klockskillnad tillåts")
    }

    /// No knowledge support has the given id, slug or URL; the field is the one that was set.
    public static func unknownKnowledgeSupport(_ reference: FeedbackSubmission.KnowledgeSupportReference) -> FeedbackRejection {
        let value = quoted(reference.value)
        let (english, swedish): (String, String) =
            switch reference {
            case .id: ("the id \(value)", "id:t \(value)")
            case .slug: ("the slug \(value)", "slugen \(value)")
            case .url: ("the URL \(value)", "URL:en \(value)")
            }
        return FeedbackRejection(
            .unknownKnowledgeSupport, field: reference.fieldName,
            english: "no knowledge support has \(english)", swedish: "inget kunskapsstöd har \(swedish)")
    }

    /// organisation_id names no organisation in the catalog.
    public static func unknownOrganisation(_ organisationID: String) -> FeedbackRejection {
        FeedbackRejection(
            .unknownOrganisation, field: "organisation_id",
            english: "no organisation in the catalog has the id \(quoted(organisationID))",
            swedish: "ingen organisation i katalogen har id:t \(quoted(organisationID))")
    }

    /// A value from the message, in quotes, cut at 100 characters so that a rejection stays short.
    static func quoted(_ value: String, quotes: Bool = true) -> String {
        let cut = value.unicodeScalars.count > 100 ? String(String.UnicodeScalarView(value.unicodeScalars.prefix(100))) + "…" : value
        return quotes ? "\"\(cut)\"" : cut
    }
}
