public import Domain

/// One point of an analysis: its value, the centre line and limits of its phase, and whether it
/// is part of a signal.
public struct AnalysedPoint: Sendable, Hashable {
    /// Why a point is shown but left out of every computation.
    public enum Exclusion: String, Sendable, Hashable, Codable {
        /// The denominator (or exposure) is zero, so there is no value.
        case zeroDenominator
        /// The period has no report (``Observation/missing(_:)``): drawn as a gap.
        case missing
        /// On a moving-range chart, a point with no usable point in the period before it (the
        /// first of a phase, or the first after a gap).
        case noMovingRange
    }

    public let period: Period
    /// The charted value (proportion, rate, moving range …); `nil` when excluded.
    public let value: Double?
    /// The numerator, count or plain value; `nil` for a missing period.
    public let numerator: Double?
    public let denominator: Double?
    /// Centre line of the point's phase (the median on a run chart).
    public let centre: Double
    /// One sigma at this point; `nil` on run charts and for excluded points.
    public let sigma: Double?
    /// Lower 3-sigma limit, clipped to what the measure allows; `nil` on run charts.
    public let lowerLimit: Double?
    /// Upper 3-sigma limit, clipped to what the measure allows; `nil` on run charts.
    public let upperLimit: Double?
    /// Index into ``VariationAnalysis/phases``.
    public let phase: Int
    public let exclusion: Exclusion?
    /// Whether a variation signal names this point (target misses are listed in
    /// ``VariationAnalysis/signals`` but do not mark points, so marks always mean special cause).
    public internal(set) var isSignal: Bool

    /// Whether the point took part in the computations.
    public var isIncluded: Bool { exclusion == nil }
}
