/// One unit (clinic, hospital, region) in a funnel plot: its numerator and denominator.
public struct FunnelUnit: Sendable, Hashable, Codable {
    /// Shown in the picture and in findings.
    public var name: String
    public var numerator: Double
    public var denominator: Double

    /// Creates a unit.
    /// - Parameters:
    ///   - name: The unit's display name.
    ///   - numerator: Events (for example patients treated in time).
    ///   - denominator: Cases; a unit with 0 is kept but not assessed.
    public init(name: String, numerator: Double, denominator: Double) {
        self.name = name
        self.numerator = numerator
        self.denominator = denominator
    }

    public var proportion: Double? { denominator > 0 ? numerator / denominator : nil }
}
