/// The kind of chart a series of results is read on.
///
/// Raw values are stable identifiers for storage and messages (qicharts2 spells Laney's charts
/// `pp` and `up`, and so do we).
public enum ChartType: String, Sendable, Hashable, Codable, CaseIterable {
    /// Run chart: the median as centre line, Anhøj's run rules, no limits.
    case run
    /// Individuals (XmR) chart: mean and limits from the average moving range.
    case i
    /// Moving-range chart that goes with an individuals chart.
    case mr
    /// Proportions: numerator over denominator, binomial limits.
    case p
    /// Rates: count over exposure, Poisson limits.
    case u
    /// Counts with a constant area of opportunity, Poisson limits.
    case c
    /// Laney's p′: a p chart whose limits are widened by the between-period variation.
    case pPrime = "pp"
    /// Laney's u′: a u chart whose limits are widened by the between-period variation.
    case uPrime = "up"
    /// Rare events: opportunities or days between events, geometric-distribution limits.
    case g

    /// Whether each point needs a denominator (or exposure).
    public var needsDenominator: Bool {
        switch self {
        case .p, .u, .pPrime, .uPrime: true
        case .run, .i, .mr, .c, .g: false
        }
    }

    /// Whether the chart has control limits (all but the run chart).
    public var hasLimits: Bool { self != .run }

    /// Whether values are proportions in [0, 1], shown as per cent.
    public var isProportion: Bool { self == .p || self == .pPrime }

    /// Swedish name for pictures and messages.
    public var swedishName: String {
        switch self {
        case .run: "Serietidsdiagram"
        case .i: "I-diagram"
        case .mr: "MR-diagram"
        case .p: "p-diagram"
        case .u: "u-diagram"
        case .c: "c-diagram"
        case .pPrime: "p′-diagram (Laney)"
        case .uPrime: "u′-diagram (Laney)"
        case .g: "g-diagram"
        }
    }
}
