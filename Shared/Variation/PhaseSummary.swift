/// One phase of a series: its points, the baseline that fixed its centre and limits, and its runs.
public struct PhaseSummary: Sendable, Hashable {
    public let index: Int
    /// Indices into ``VariationAnalysis/points``.
    public let pointRange: Range<Int>
    /// The points whose values fixed the centre and limits (all of the phase unless frozen).
    public let baselineRange: Range<Int>
    public let centre: Double
    /// Statistics of runs around the centre line, over every point of the phase.
    public let runs: RunStatistics
}
