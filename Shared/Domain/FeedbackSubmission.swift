/// Feedback on a knowledge support as another system submitted it (`FeedbackSubmitted`), before
/// validation and redaction.
///
/// Absent proto fields are `nil` here: an unset `knowledge_support` or `answer` oneof, kind
/// `FEEDBACK_KIND_UNSPECIFIED` (or a number this code does not know), an unset `occurred_at`.
/// `validate(now:maxClockSkewSeconds:)` says what is wrong with it.
public struct FeedbackSubmission: Sendable, Hashable {
    /// How the submission names the knowledge support: exactly one of id, slug or URL.
    public enum KnowledgeSupportReference: Sendable, Hashable {
        /// The catalog id (UUID).
        case id(String)
        /// The catalog slug, e.g. "hjartsvikt-vardforlopp".
        case slug(String)
        /// The URL the support is read at.
        case url(String)

        /// The proto field: `knowledge_support_id`, `knowledge_support_slug` or `knowledge_support_url`.
        public var fieldName: String {
            switch self {
            case .id: "knowledge_support_id"
            case .slug: "knowledge_support_slug"
            case .url: "knowledge_support_url"
            }
        }

        /// The id, slug or URL itself.
        public var value: String {
            switch self {
            case .id(let value), .slug(let value), .url(let value): value
            }
        }
    }

    /// The answer, whose shape must fit the kind.
    public enum Answer: Sendable, Hashable {
        /// HELPFULNESS: true = yes, it helped.
        case helpful(Bool)
        /// RATING: 1–5.
        case rating(Int)
        /// EXPERIENCE or IMPROVEMENT_SUGGESTION: free text, redacted before it is stored.
        case text(String)

        /// The shape of an answer, named after its proto field.
        public enum Shape: String, Sendable, Hashable, CaseIterable {
            case helpful
            case rating
            case text
        }

        public var shape: Shape {
            switch self {
            case .helpful: .helpful
            case .rating: .rating
            case .text: .text
            }
        }
    }

    public var knowledgeSupport: KnowledgeSupportReference?
    /// Who answered; an unspecified role reads as `.unknown`.
    public var respondentRole: RespondentRole
    /// What was asked; nil when unspecified.
    public var kind: FeedbackKind?
    public var answer: Answer?
    /// The free-text comment beside the answer; empty when none.
    public var comment: String
    /// The catalog id of the organisation the feedback concerns; nil when the source gave none.
    public var organisationID: String?
    /// When the respondent gave it, in seconds since 1970-01-01 UTC; nil when unset.
    public var occurredAt: Int64?
    /// The sending system's name, e.g. "1177-web".
    public var sourceSystem: String

    /// - Parameters:
    ///   - knowledgeSupport: The support's id, slug or URL; nil when the oneof is unset.
    ///   - respondentRole: Who answered; nil (unspecified) is stored as `.unknown`. Default nil.
    ///   - kind: What was asked; nil when unspecified.
    ///   - answer: The answer; nil when the oneof is unset.
    ///   - comment: The comment; default empty.
    ///   - organisationID: The organisation; nil or empty when none (empty is stored as nil). Default nil.
    ///   - occurredAt: Seconds since the epoch; nil when unset.
    ///   - sourceSystem: The sending system.
    public init(
        knowledgeSupport: KnowledgeSupportReference?, respondentRole: RespondentRole? = nil, kind: FeedbackKind?,
        answer: Answer?, comment: String = "", organisationID: String? = nil, occurredAt: Int64?, sourceSystem: String
    ) {
        self.knowledgeSupport = knowledgeSupport
        self.respondentRole = respondentRole ?? .unknown
        self.kind = kind
        self.answer = answer
        self.comment = comment
        self.organisationID = organisationID?.isEmpty == false ? organisationID : nil
        self.occurredAt = occurredAt
        self.sourceSystem = sourceSystem
    }
}
