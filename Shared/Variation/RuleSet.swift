/// A declared, versioned set of rules for telling signals from noise.
///
/// An analysis records the rule set that produced it, so a stored result can always be explained.
/// Two presets exist: ``anhoj`` (run charts and control charts, qicharts2's default) and
/// ``makingDataCount`` (NHS England's "Making Data Count" for control charts).
public struct RuleSet: Sendable, Hashable, Codable {
    /// How a shift (a long run on one side of the centre line) is detected.
    public enum ShiftRule: Sendable, Hashable, Codable {
        /// Anhøj: longest run > round(log2(n) + 3); points on the centre line are skipped.
        case anhoj
        /// A run of this many points or more; a point on the centre line ends the run (MDC).
        case runOf(Int)
    }

    public var name: String
    public var version: String
    /// A point beyond a control limit is a signal (control charts only).
    public var pointBeyondLimits: Bool
    public var shift: ShiftRule
    /// Anhøj's rule of unusually few crossings of the centre line.
    public var fewCrossings: Bool
    /// Points in a row all increasing or all decreasing; `nil` turns the trend rule off.
    public var trendLength: Int?
    /// Two out of three points beyond 2 sigma on the same side (control charts only).
    public var twoOfThreeBeyondTwoSigma: Bool
    /// Consecutive periods missing the target that make a signal.
    public var targetMissLength: Int
    /// Useful points (off the centre line) a phase needs before run rules are applied.
    ///
    /// Anhøj's rules need no minimum in their published form (qicharts2 applies them to any
    /// number of points), but the published tables of their limits start at 10 useful
    /// observations, and below that the rules can hardly fire. ``anhoj`` keeps 10 so that a short
    /// series is not read as evidence of stability: its phase is ``RunStatistics/isTooFewPoints``,
    /// and with no limit crossed the status is ``VariationStatus/tooFewPoints`` and the chart says
    /// it is too early to read the runs. ``makingDataCount`` has no minimum (1).
    public var minimumUsefulPoints: Int

    /// Creates a rule set.
    /// - Parameters:
    ///   - name: Shown with every analysis.
    ///   - version: Changes whenever a rule or a length changes.
    ///   - pointBeyondLimits: Defaults to `true`.
    ///   - shift: Defaults to ``ShiftRule/anhoj``.
    ///   - fewCrossings: Defaults to `true`.
    ///   - trendLength: Defaults to `nil` (no trend rule).
    ///   - twoOfThreeBeyondTwoSigma: Defaults to `false`.
    ///   - targetMissLength: Defaults to 3.
    ///   - minimumUsefulPoints: Defaults to 10.
    public init(
        name: String, version: String, pointBeyondLimits: Bool = true, shift: ShiftRule = .anhoj,
        fewCrossings: Bool = true, trendLength: Int? = nil, twoOfThreeBeyondTwoSigma: Bool = false,
        targetMissLength: Int = 3, minimumUsefulPoints: Int = 10
    ) {
        self.name = name
        self.version = version
        self.pointBeyondLimits = pointBeyondLimits
        self.shift = shift
        self.fewCrossings = fewCrossings
        self.trendLength = trendLength
        self.twoOfThreeBeyondTwoSigma = twoOfThreeBeyondTwoSigma
        self.targetMissLength = targetMissLength
        self.minimumUsefulPoints = minimumUsefulPoints
    }

    /// Anhøj's rules (Anhøj & Olesen 2014; Anhøj & Wentzel-Larsen 2018): unusually long runs and
    /// unusually few crossings, plus points beyond the limits on control charts.
    public static let anhoj = RuleSet(name: "Anhøj", version: "2018.1")

    /// NHS England "Making Data Count" with its spreadsheet's lengths: shift 7, trend 6.
    public static let makingDataCount = RuleSet.makingDataCount()

    /// "Making Data Count" with chosen lengths (some R ports use a trend of 7).
    /// - Parameters:
    ///   - shiftLength: Points on one side of the mean; defaults to 7.
    ///   - trendLength: Points all increasing or all decreasing; defaults to 6.
    public static func makingDataCount(shiftLength: Int = 7, trendLength: Int = 6) -> RuleSet {
        let tuned = shiftLength != 7 || trendLength != 6
        return RuleSet(
            name: "NHS Making Data Count", version: tuned ? "2019.1-s\(shiftLength)t\(trendLength)" : "2019.1",
            shift: .runOf(shiftLength), fewCrossings: false, trendLength: trendLength,
            twoOfThreeBeyondTwoSigma: true, minimumUsefulPoints: 1
        )
    }
}
