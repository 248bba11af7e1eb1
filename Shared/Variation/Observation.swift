public import Domain

/// One point of a series: a period and its result.
///
/// The result is a plain value (run, i, c and g charts), or a numerator over a denominator
/// (p and p′: events over cases), or a count over an exposure (u and u′: events over bed days).
public struct Observation: Sendable, Hashable, Codable {
    public var period: Period
    /// The value, the numerator or the count.
    public var numerator: Double
    /// The denominator or the exposure; `nil` for plain values.
    public var denominator: Double?

    /// Creates a point from a numerator and an optional denominator.
    /// - Parameters:
    ///   - period: The period the result belongs to.
    ///   - numerator: The value, the numerator or the count.
    ///   - denominator: The denominator or exposure; defaults to `nil` (a plain value).
    public init(period: Period, numerator: Double, denominator: Double? = nil) {
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

    /// The value the chart shows: numerator / denominator, or the plain value; `nil` when the
    /// denominator is zero.
    public var value: Double? {
        guard let denominator else { return numerator }
        return denominator == 0 ? nil : numerator / denominator
    }
}
