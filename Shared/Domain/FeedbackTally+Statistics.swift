extension FeedbackTally {
    /// Whether no item has been counted.
    public var isEmpty: Bool { totalCount == 0 }

    /// HELPFULNESS answers, yes and no.
    public var helpfulCount: Int { helpfulYesCount + helpfulNoCount }

    /// yes / (yes + no), 0–1; nil when there are no HELPFULNESS answers.
    public var helpfulShare: Double? {
        helpfulCount == 0 ? nil : Double(helpfulYesCount) / Double(helpfulCount)
    }

    /// RATING answers counted in the distribution.
    public var ratingCount: Int { ratingCounts.reduce(0, +) }

    /// The mean rating, 1–5; nil when there are no ratings.
    public var ratingMean: Double? {
        guard ratingCount > 0 else { return nil }
        let sum = ratingCounts.enumerated().reduce(0) { $0 + ($1.offset + 1) * $1.element }
        return Double(sum) / Double(ratingCount)
    }

    /// Items answered with text: experiences and improvement suggestions.
    public var textCount: Int { experienceCount + improvementSuggestionCount }
}
