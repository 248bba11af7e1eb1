public import Domain

/// Units compared on one proportion at one period, against limits that narrow as the
/// denominator grows.
///
/// Build one with ``analyze(_:period:options:)``.
public struct FunnelPlot: Sendable, Hashable {
    /// Limits at one denominator.
    public struct Limits: Sendable, Hashable {
        public let denominator: Double
        public let lower95: Double
        public let upper95: Double
        public let lower998: Double
        public let upper998: Double
    }

    /// Where a unit lies relative to the limits at its denominator (strictly outside counts).
    public enum Position: String, Sendable, Hashable, Codable {
        case above998, above95, within, below95, below998
        /// Denominator 0: shown in lists, not assessed.
        case notAssessed
    }

    public struct Finding: Sendable, Hashable {
        public let unit: FunnelUnit
        public let proportion: Double?
        public let limits: Limits?
        public let position: Position
        /// Improvement or deterioration from the direction of good; `neither` when within.
        public let direction: Signal.Direction
    }

    public let period: Period?
    /// Σ numerators / Σ denominators over assessed units.
    public let overall: Double
    public let options: FunnelOptions
    /// The over-dispersion factor used (1 unless the normal method with over-dispersion).
    public let phi: Double
    /// One finding per unit, in input order.
    public let findings: [Finding]

    /// Findings outside the 95 % limits.
    public var outliers: [Finding] { findings.filter { $0.position != .within && $0.position != .notAssessed } }
}
