extension FeedbackSubmission {
    /// The submission with its text answer and comment redacted, and the replacements made in both
    /// together (`FeedbackItem.redaction_count` is their total).
    public func redacted() -> (submission: FeedbackSubmission, counts: [Redactor.Category: Int]) {
        var copy = self
        var counts: [Redactor.Category: Int] = [:]
        if case .text(let text) = answer {
            let result = Redactor.redact(text)
            copy.answer = .text(result.text)
            counts.merge(result.counts, uniquingKeysWith: +)
        }
        let comment = Redactor.redact(comment)
        copy.comment = comment.text
        counts.merge(comment.counts, uniquingKeysWith: +)
        return (copy, counts)
    }
}
