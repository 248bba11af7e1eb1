public import Domain

/// One point of a series: a period and its result, or the fact that it has none.
///
/// The result is a plain value (run, i, c and g charts), or a numerator over a denominator
/// (p and p′: events over cases), or a count over an exposure (u and u′: events over bed days).
///
/// A period without a report (a unit that did not report in March) is a **missing value**:
/// ``missing(_:)``, a `nil` ``numerator``. Every chart type accepts one. It is kept in the analysis
/// as an excluded point (``AnalysedPoint/Exclusion/missing``), drawn as a gap, and takes part in no
/// computation; in particular no moving range is taken across it (i, mr, p′ and u′ charts), as in
/// qicharts2 and the NHS tools: the range between the points either side of a gap is not a range
/// between consecutive periods. A period simply left out of the series is a gap in the same way
/// for moving ranges, but has no place on the chart; pass it as missing to show it.
public struct Observation: Sendable, Hashable, Codable {
    public var period: Period
    /// The value, the numerator or the count; `nil` when the period has no report.
    public var numerator: Double?
    /// The denominator or the exposure; `nil` for plain values (and ignored when missing).
    public var denominator: Double?

    /// Creates a point from a numerator and an optional denominator.
    /// - Parameters:
    ///   - period: The period the result belongs to.
    ///   - numerator: The value, the numerator or the count; `nil` for a period without a report.
    ///   - denominator: The denominator or exposure; defaults to `nil` (a plain value).
    public init(period: Period, numerator: Double?, denominator: Double? = nil) {
        self.period = period
        self.numerator = numerator
        self.denominator = denominator
    }

    /// A plain value (run, i, c and g charts).
    public static func value(_ period: Period, _ value: Double) -> Observation {
        Observation(period: period, numerator: value)
    }

    /// A proportion: `numerator` of `denominator` (p and p′ charts).
    public static func proportion(_ period: Period, numerator: Double, denominator: Double) -> Observation {
        Observation(period: period, numerator: numerator, denominator: denominator)
    }

    /// A rate: `count` events over `exposure` (u and u′ charts).
    public static func rate(_ period: Period, count: Double, exposure: Double) -> Observation {
        Observation(period: period, numerator: count, denominator: exposure)
    }

    /// A period without a report, on any chart type: a gap, not a zero.
    public static func missing(_ period: Period) -> Observation {
        Observation(period: period, numerator: nil)
    }

    /// Whether the period has no report.
    public var isMissing: Bool { numerator == nil }

    /// The value the chart shows: numerator / denominator, or the plain value; `nil` when the
    /// period has no report or the denominator is zero.
    public var value: Double? {
        guard let numerator else { return nil }
        guard let denominator else { return numerator }
        return denominator == 0 ? nil : numerator / denominator
    }
}
