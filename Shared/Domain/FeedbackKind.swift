/// What a feedback question asked; each kind takes one shape of answer.
public enum FeedbackKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// "Hjälpte informationen dig?": answered yes or no (`helpful`).
    case helpfulness
    /// A rating 1–5 (`rating`).
    case rating
    /// A free-text account of an experience (`text`).
    case experience
    /// A suggestion for improving the support (`text`).
    case improvementSuggestion = "improvement_suggestion"

    /// The answer shape this kind takes.
    public var answerShape: FeedbackSubmission.Answer.Shape {
        switch self {
        case .helpfulness: .helpful
        case .rating: .rating
        case .experience, .improvementSuggestion: .text
        }
    }

    /// The contract's name without prefix, for messages: `HELPFULNESS`, `IMPROVEMENT_SUGGESTION`.
    public var contractName: String {
        switch self {
        case .helpfulness: "HELPFULNESS"
        case .rating: "RATING"
        case .experience: "EXPERIENCE"
        case .improvementSuggestion: "IMPROVEMENT_SUGGESTION"
        }
    }
}
