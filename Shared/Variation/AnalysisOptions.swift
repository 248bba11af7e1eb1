public import Domain

/// What to analyse a series as: chart type, rules, direction of good, target and phases.
public struct AnalysisOptions: Sendable, Hashable {
    public var chartType: ChartType
    public var ruleSet: RuleSet
    public var directionOfGood: DirectionOfGood
    /// The level the measure should reach; met at or above it (higher is better) or at or below
    /// it (lower is better).
    public var target: Double?
    /// When set, the first N usable points of each phase fix its centre and limits (frozen baseline).
    public var baselineLength: Int?
    /// Periods that start a new phase; centre and limits are recomputed from each on.
    public var phaseBreaks: [Period]
    /// Frozen baselines phase by phase, overriding ``baselineLength``: entry k is the baseline of
    /// phase k (`nil`: every point of that phase counts); phases beyond the list take
    /// ``baselineLength``. For series whose baseline decisions differ between phases.
    public var phaseBaselineLengths: [Int?] = []

    /// Creates options.
    /// - Parameters:
    ///   - chartType: The chart to read the series on.
    ///   - ruleSet: Defaults to ``RuleSet/anhoj``.
    ///   - directionOfGood: Defaults to ``DirectionOfGood/neither``.
    ///   - target: Defaults to `nil`.
    ///   - baselineLength: Defaults to `nil` (every point of a phase counts).
    ///   - phaseBreaks: Defaults to none (one phase).
    public init(
        chartType: ChartType, ruleSet: RuleSet = .anhoj, directionOfGood: DirectionOfGood = .neither,
        target: Double? = nil, baselineLength: Int? = nil, phaseBreaks: [Period] = []
    ) {
        self.chartType = chartType
        self.ruleSet = ruleSet
        self.directionOfGood = directionOfGood
        self.target = target
        self.baselineLength = baselineLength
        self.phaseBreaks = phaseBreaks
    }
}
