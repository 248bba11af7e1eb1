extension FeedbackSubmission {
    /// Limits a submission must keep (`FeedbackSubmitted`'s field comments).
    public enum Limits {
        /// Ratings run 1–5.
        public static let ratings = 1...5
        /// A text answer has at most 4000 characters (Unicode scalars).
        public static let textMaximum = 4000
        /// A comment has at most 2000 characters (Unicode scalars).
        public static let commentMaximum = 2000
        /// How far occurred_at may lie ahead of the receiver's clock: 300 seconds (5 minutes).
        public static let defaultMaxClockSkewSeconds: Int64 = 300
        /// The earliest occurred_at taken in: 2000-01-01T00:00:00Z, in seconds since the epoch.
        public static let earliestOccurredAt: Int64 = 946_684_800
    }

    /// Checks the submission and throws the first problem, naming the proto field.
    ///
    /// Checks, in this order: a knowledge-support reference is set and not blank; kind is set;
    /// an answer is set; the answer's shape fits the kind (HELPFULNESS ↔ helpful, RATING ↔ rating,
    /// EXPERIENCE and IMPROVEMENT_SUGGESTION ↔ text); a rating is 1–5; a text answer is not blank
    /// and has at most 4000 characters; the comment has at most 2000; occurred_at is set, not before
    /// 2000-01-01 and at most `maxClockSkewSeconds` after `now`; source_system is not blank. Lengths count Unicode scalars,
    /// as a C or Java producer can count them too, and so that combining marks cannot hide length.
    /// Whether the support and organisation exist is the caller's question
    /// (`FeedbackRejection.unknownKnowledgeSupport(_:)`, `.unknownOrganisation(_:)`).
    ///
    /// - Parameters:
    ///   - now: The receiver's clock, in seconds since the epoch.
    ///   - maxClockSkewSeconds: How far in the future occurred_at may be; default 300.
    public func validate(now: Int64, maxClockSkewSeconds: Int64 = Limits.defaultMaxClockSkewSeconds) throws(FeedbackRejection) {
        guard let knowledgeSupport else { throw .missingField("knowledge_support") }
        guard !knowledgeSupport.value.trimmingSpaces.isEmpty else { throw .missingField(knowledgeSupport.fieldName) }
        guard let kind else { throw .missingField("kind") }
        guard let answer else { throw .missingField("answer") }
        guard answer.shape == kind.answerShape else { throw .kindAnswerMismatch(kind: kind, given: answer.shape) }
        switch answer {
        case .helpful:
            break
        case .rating(let rating):
            guard Limits.ratings.contains(rating) else { throw .ratingOutOfRange(rating) }
        case .text(let text):
            guard !text.trimmingSpaces.isEmpty else { throw .missingField("text") }
            let length = text.unicodeScalars.count
            guard length <= Limits.textMaximum else { throw .tooLong(field: "text", length: length, maximum: Limits.textMaximum) }
        }
        let commentLength = comment.unicodeScalars.count
        guard commentLength <= Limits.commentMaximum else {
            throw .tooLong(field: "comment", length: commentLength, maximum: Limits.commentMaximum)
        }
        guard let occurredAt else { throw .missingField("occurred_at") }
        // Far-past times would not even fit the database's timestamps: refused, not retried.
        guard occurredAt >= Limits.earliestOccurredAt else { throw .occurredTooLongAgo(occurredAt) }
        guard occurredAt <= now + maxClockSkewSeconds else {
            throw .occurredInFuture(secondsAhead: occurredAt - now, maxClockSkewSeconds: maxClockSkewSeconds)
        }
        guard !sourceSystem.trimmingSpaces.isEmpty else { throw .missingField("source_system") }
    }

    /// Whether the submission passes `validate(now:maxClockSkewSeconds:)`.
    public func isValid(now: Int64, maxClockSkewSeconds: Int64 = Limits.defaultMaxClockSkewSeconds) -> Bool {
        (try? validate(now: now, maxClockSkewSeconds: maxClockSkewSeconds)) != nil
    }
}
