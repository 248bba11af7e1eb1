/// Who gave a piece of feedback.
public enum RespondentRole: String, Sendable, Hashable, Codable, CaseIterable {
    /// A patient.
    case patient
    /// A relative or next of kin (närstående).
    case relative
    /// A healthcare professional.
    case professional
    /// The source cannot tell (an anonymous web page); also what an unspecified role reads as.
    case unknown
}
