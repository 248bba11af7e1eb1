/// One phase of a series: its points, the baseline that fixed its centre and limits, and its runs.
public struct PhaseSummary: Sendable, Hashable {
    /// Why a phase of a control chart has no limits.
    public enum NoLimitsReason: String, Sendable, Hashable, Codable {
        /// The baseline holds no two usable points in consecutive periods, so there is no moving
        /// range to estimate sigma from (i and mr charts) or Laney's σz from (p′ and u′). Drawing
        /// limits at the centre (σ = 0) or on plain p or u limits (σz = 1) would flag every later
        /// point that differs, so the phase has none and raises no limit signal.
        case noMovingRange
    }

    public let index: Int
    /// Indices into ``VariationAnalysis/points``.
    public let pointRange: Range<Int>
    /// The points whose values fixed the centre and limits (all of the phase unless frozen).
    public let baselineRange: Range<Int>
    public let centre: Double
    /// Statistics of runs around the centre line, over every point of the phase.
    public let runs: RunStatistics
    /// Why the phase has no limits although its chart type has them; `nil` when it has them, and
    /// on run charts, which never do.
    public let noLimitsReason: NoLimitsReason?
}
