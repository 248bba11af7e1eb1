/// One period's value in a series: reported for the organisation, or summed from the
/// organisations directly below it. A period with neither has no point: a gap, never a zero.
public struct SeriesPoint: Sendable, Hashable {
    public enum Origin: String, Sendable, Hashable {
        /// Reported for the organisation itself (wins over the aggregate).
        case reported
        /// Summed from the organisations directly below it.
        case aggregated
    }

    /// The numerator, count or plain value (for a gap series, the difference on the chart's scale).
    public let numerator: Double
    /// The denominator or exposure; nil for counts, measurements and gaps.
    public let denominator: Double?
    public let origin: Origin
    /// Aggregated: children that contributed a value this period.
    public let contributors: Int
    /// Aggregated: children with a value in any period of the series.
    public let expectedContributors: Int
    /// Aggregated: fewer contributors than expected, or a contributor's own value is partial.
    public let partial: Bool

    public init(numerator: Double, denominator: Double?, origin: Origin, contributors: Int = 0, expectedContributors: Int = 0, partial: Bool = false) {
        self.numerator = numerator
        self.denominator = denominator
        self.origin = origin
        self.contributors = contributors
        self.expectedContributors = expectedContributors
        self.partial = partial
    }

    /// A reported value.
    public static func reported(_ numerator: Double, _ denominator: Double?) -> SeriesPoint {
        SeriesPoint(numerator: numerator, denominator: denominator, origin: .reported)
    }

    /// The value the chart reads (before any display scale): numerator / denominator, or the
    /// plain value; nil for a zero denominator (a reported 0 of 0).
    public var value: Double? {
        guard let denominator else { return numerator }
        return denominator == 0 ? nil : numerator / denominator
    }
}

/// The period grid of a series: every period of its granularity from its first value to the
/// indicator's latest period with a value, each with its point or nil (not reported).
public enum PeriodGrid {
    /// - Parameters:
    ///   - points: The series' points by period ordinal.
    ///   - lastOrdinal: The indicator's latest period with a value anywhere; the grid ends there
    ///     even when this series has no value so late.
    ///   - granularity: The indicator's.
    /// - Returns: Oldest first; empty when the series has no point.
    public static func grid(_ points: [Int: SeriesPoint], through lastOrdinal: Int, granularity: Period.Granularity) -> [(period: Period, point: SeriesPoint?)]
    {
        guard let first = points.keys.min() else { return [] }
        let last = max(lastOrdinal, points.keys.max() ?? first)
        var result: [(Period, SeriesPoint?)] = []
        result.reserveCapacity(last - first + 1)
        var period = Period(ordinal: first, granularity: granularity)
        for ordinal in first...last {
            if ordinal > first { period = granularity == .isoWeek ? Period(ordinal: ordinal, granularity: granularity) : period.next }
            result.append((period, points[ordinal]))
        }
        return result
    }
}
