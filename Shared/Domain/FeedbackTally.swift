/// The counts behind a `FeedbackSummary`: feedback on one knowledge support in one period (an ISO
/// week or a month of occurred_at in Stockholm, see `StockholmTime.period(containing:granularity:)`),
/// for all organisations or one.
///
/// Tallies grow one item at a time (`add`) and combine (`merge`): the merge of tallies over any
/// split of the items equals the tally of all of them. Shares and means are derived, never stored,
/// so merged tallies stay exact.
public struct FeedbackTally: Sendable, Hashable, Codable {
    /// Items by respondent role (`RespondentRoleCounts`).
    public struct RoleCounts: Sendable, Hashable, Codable {
        public var patient = 0
        public var relative = 0
        public var professional = 0
        public var unknown = 0

        public init(patient: Int = 0, relative: Int = 0, professional: Int = 0, unknown: Int = 0) {
            self.patient = patient
            self.relative = relative
            self.professional = professional
            self.unknown = unknown
        }

        public subscript(role: RespondentRole) -> Int {
            get {
                switch role {
                case .patient: patient
                case .relative: relative
                case .professional: professional
                case .unknown: unknown
                }
            }
            set {
                switch role {
                case .patient: patient = newValue
                case .relative: relative = newValue
                case .professional: professional = newValue
                case .unknown: unknown = newValue
                }
            }
        }
    }

    public let knowledgeSupportID: String
    public let period: Period
    /// The organisation the tally is scoped to; nil for all feedback on the support.
    public let organisationID: String?
    /// All items, every kind.
    public private(set) var totalCount = 0
    /// HELPFULNESS answers "yes".
    public private(set) var helpfulYesCount = 0
    /// HELPFULNESS answers "no".
    public private(set) var helpfulNoCount = 0
    /// Ratings 1…5: always five entries, index 0 = rating 1.
    public private(set) var ratingCounts = [0, 0, 0, 0, 0]
    /// EXPERIENCE items.
    public private(set) var experienceCount = 0
    /// IMPROVEMENT_SUGGESTION items.
    public private(set) var improvementSuggestionCount = 0
    public private(set) var respondentRoleCounts = RoleCounts()

    /// An empty tally.
    ///
    /// - Parameters:
    ///   - knowledgeSupportID: The support.
    ///   - period: The ISO week or month.
    ///   - organisationID: The organisation, or nil (default) for all.
    public init(knowledgeSupportID: String, period: Period, organisationID: String? = nil) {
        self.knowledgeSupportID = knowledgeSupportID
        self.period = period
        self.organisationID = organisationID
    }

    /// Counts one item of validated feedback.
    ///
    /// A text answer counts as an improvement suggestion when the kind says so and as an experience
    /// otherwise. A rating outside 1–5 (which validation refuses) counts in `totalCount` only.
    public mutating func add(kind: FeedbackKind, answer: FeedbackSubmission.Answer, respondentRole: RespondentRole) {
        totalCount += 1
        respondentRoleCounts[respondentRole] += 1
        switch answer {
        case .helpful(true): helpfulYesCount += 1
        case .helpful(false): helpfulNoCount += 1
        case .rating(let rating):
            if FeedbackSubmission.Limits.ratings.contains(rating) { ratingCounts[rating - 1] += 1 }
        case .text:
            if kind == .improvementSuggestion { improvementSuggestionCount += 1 } else { experienceCount += 1 }
        }
    }

    /// Adds another tally's counts to this one; both must be for the same support, period and
    /// organisation (a programming error otherwise).
    public mutating func merge(_ other: FeedbackTally) {
        precondition(
            knowledgeSupportID == other.knowledgeSupportID && period == other.period && organisationID == other.organisationID,
            "merging tallies of different supports, periods or organisations")
        totalCount += other.totalCount
        helpfulYesCount += other.helpfulYesCount
        helpfulNoCount += other.helpfulNoCount
        for index in ratingCounts.indices { ratingCounts[index] += other.ratingCounts[index] }
        experienceCount += other.experienceCount
        improvementSuggestionCount += other.improvementSuggestionCount
        for role in RespondentRole.allCases { respondentRoleCounts[role] += other.respondentRoleCounts[role] }
    }

    /// This tally merged with another (see `merge(_:)`).
    public func merging(_ other: FeedbackTally) -> FeedbackTally {
        var result = self
        result.merge(other)
        return result
    }
}

extension FeedbackTally {
    enum CodingKeys: String, CodingKey {
        case knowledgeSupportID, period, organisationID, totalCount, helpfulYesCount, helpfulNoCount
        case ratingCounts, experienceCount, improvementSuggestionCount, respondentRoleCounts
    }

    /// Decodes what `encode(to:)` wrote, refusing a rating distribution without exactly five
    /// entries or with negative counts.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        knowledgeSupportID = try container.decode(String.self, forKey: .knowledgeSupportID)
        period = try container.decode(Period.self, forKey: .period)
        organisationID = try container.decodeIfPresent(String.self, forKey: .organisationID)
        totalCount = try container.decode(Int.self, forKey: .totalCount)
        helpfulYesCount = try container.decode(Int.self, forKey: .helpfulYesCount)
        helpfulNoCount = try container.decode(Int.self, forKey: .helpfulNoCount)
        ratingCounts = try container.decode([Int].self, forKey: .ratingCounts)
        experienceCount = try container.decode(Int.self, forKey: .experienceCount)
        improvementSuggestionCount = try container.decode(Int.self, forKey: .improvementSuggestionCount)
        respondentRoleCounts = try container.decode(RoleCounts.self, forKey: .respondentRoleCounts)
        guard ratingCounts.count == 5, ratingCounts.allSatisfy({ $0 >= 0 }) else {
            throw DecodingError.dataCorruptedError(
                forKey: .ratingCounts, in: container,
                debugDescription: "ratingCounts needs five counts, for ratings 1…5")
        }
    }
}

extension FeedbackTally {
    /// A tally with the given counts, as stored (a database row, an earlier summary).
    ///
    /// - Parameters:
    ///   - organisationID: The organisation, or nil (default) for all.
    ///   - ratingCounts: Five counts, for ratings 1…5 (a programming error otherwise).
    public init(
        knowledgeSupportID: String, period: Period, organisationID: String? = nil, totalCount: Int, helpfulYesCount: Int,
        helpfulNoCount: Int, ratingCounts: [Int], experienceCount: Int, improvementSuggestionCount: Int, respondentRoleCounts: RoleCounts
    ) {
        precondition(ratingCounts.count == 5, "ratingCounts needs five counts, for ratings 1…5")
        self.init(knowledgeSupportID: knowledgeSupportID, period: period, organisationID: organisationID)
        self.totalCount = totalCount
        self.helpfulYesCount = helpfulYesCount
        self.helpfulNoCount = helpfulNoCount
        self.ratingCounts = ratingCounts
        self.experienceCount = experienceCount
        self.improvementSuggestionCount = improvementSuggestionCount
        self.respondentRoleCounts = respondentRoleCounts
    }
}
