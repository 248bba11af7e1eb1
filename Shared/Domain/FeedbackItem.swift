/// A stored piece of feedback: a submission that passed validation, redacted, placed on its
/// knowledge support and on its week and month (Stockholm time).
public struct FeedbackItem: Sendable, Hashable, Identifiable {
    public let id: String
    /// The idempotency key it was stored under: the message's `message_id` (or the RPC's key).
    public let key: String
    public let knowledgeSupportID: String
    public let knowledgeSupportVersion: Int
    public let respondentRole: RespondentRole
    public let kind: FeedbackKind
    public let answer: FeedbackSubmission.Answer
    /// Redacted.
    public let comment: String
    /// How many personal details redaction replaced in the text and the comment.
    public let redactionCount: Int
    public let organisationID: String?
    /// Seconds since the epoch.
    public let occurredAt: Int64
    /// Seconds since the epoch (fractions kept).
    public let recordedAt: Double
    public let sourceSystem: String
    /// The sending system's AMQP `app_id` (`rpc` for a SubmitFeedback request).
    public let sourceAppID: String
    public let week: Period
    public let month: Period

    public init(
        id: String, key: String, knowledgeSupportID: String, knowledgeSupportVersion: Int, respondentRole: RespondentRole,
        kind: FeedbackKind, answer: FeedbackSubmission.Answer, comment: String, redactionCount: Int, organisationID: String?,
        occurredAt: Int64, recordedAt: Double, sourceSystem: String, sourceAppID: String, week: Period, month: Period
    ) {
        self.id = id
        self.key = key
        self.knowledgeSupportID = knowledgeSupportID
        self.knowledgeSupportVersion = knowledgeSupportVersion
        self.respondentRole = respondentRole
        self.kind = kind
        self.answer = answer
        self.comment = comment
        self.redactionCount = redactionCount
        self.organisationID = organisationID
        self.occurredAt = occurredAt
        self.recordedAt = recordedAt
        self.sourceSystem = sourceSystem
        self.sourceAppID = sourceAppID
        self.week = week
        self.month = month
    }

    /// A redacted submission placed on a support version, dated by `occurredAt` (or the time it
    /// was recorded, when the submission has none).
    public init(
        id: String, key: String, submission: FeedbackSubmission, redactionCount: Int, knowledgeSupportID: String,
        knowledgeSupportVersion: Int, sourceAppID: String, recordedAt: Double
    ) {
        let occurredAt = submission.occurredAt ?? Int64(recordedAt)
        self.init(
            id: id, key: key, knowledgeSupportID: knowledgeSupportID, knowledgeSupportVersion: knowledgeSupportVersion,
            respondentRole: submission.respondentRole, kind: submission.kind ?? .helpfulness,
            answer: submission.answer ?? .helpful(false), comment: submission.comment, redactionCount: redactionCount,
            organisationID: submission.organisationID, occurredAt: occurredAt, recordedAt: recordedAt,
            sourceSystem: submission.sourceSystem, sourceAppID: sourceAppID,
            week: StockholmTime.period(containing: occurredAt, granularity: .isoWeek),
            month: StockholmTime.period(containing: occurredAt, granularity: .month))
    }
}
