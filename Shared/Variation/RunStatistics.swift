/// Anhøj's run-chart statistics for one phase.
public struct RunStatistics: Sendable, Hashable {
    /// Points off the centre line (points on it neither count nor break a run).
    public let usefulObservations: Int
    public let longestRun: Int
    /// round(log2(n) + 3): a longer run is a signal.
    public let longestRunLimit: Int
    public let crossings: Int
    /// The 5th percentile of Binomial(n − 1, 0.5): fewer crossings are a signal.
    public let crossingsLimit: Int
    /// Fewer useful points than the rule set needs: no run signal is reported.
    public let isTooFewPoints: Bool

    public var hasUnusuallyLongRun: Bool { !isTooFewPoints && longestRun > longestRunLimit }
    public var hasUnusuallyFewCrossings: Bool { !isTooFewPoints && crossings < crossingsLimit }
}
