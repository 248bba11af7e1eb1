/// The rule behind a follow-up signal (the variation rules, a missed target, or a comparison
/// outlier among sibling organisations).
public enum SignalRule: String, Sendable, Hashable, CaseIterable {
    case pointBeyondLimit = "point_beyond_limit"
    case shift
    case fewCrossings = "few_crossings"
    case trend
    case twoOfThreeBeyondTwoSigma = "two_of_three"
    case targetMissed = "target_missed"
    case funnelOutlier = "funnel_outlier"
}

/// Where a signal lies relative to the centre line (or the funnel).
public enum SignalSide: String, Sendable, Hashable, CaseIterable {
    case above, below, none
}

/// A signal read against the direction of good: förbättring, försämring, undersök.
public enum SignalDirection: String, Sendable, Hashable, CaseIterable {
    case improvement, deterioration, neither

    /// The direction of a signal on `side`.
    /// - Parameters:
    ///   - directionOfGood: The indicator's.
    ///   - gapCentre: For an equity-gap series, its centre line: the gap is read towards zero,
    ///     so the side nearer zero is an improvement (the gap narrows) and the far side a
    ///     deterioration; neither when the centre is at zero. nil for other series.
    public init(side: SignalSide, directionOfGood: DirectionOfGood, gapCentre: Double? = nil) {
        if let centre = gapCentre {
            guard centre != 0, side != .none else {
                self = .neither
                return
            }
            let towardsZero: SignalSide = centre > 0 ? .below : .above
            self = side == towardsZero ? .improvement : .deterioration
            return
        }
        switch (side, directionOfGood) {
        case (.above, .higher), (.below, .lower): self = .improvement
        case (.above, .lower), (.below, .higher): self = .deterioration
        default: self = .neither
        }
    }

    /// "förbättring", "försämring", "förändring".
    public var swedish: String {
        switch self {
        case .improvement: "förbättring"
        case .deterioration: "försämring"
        case .neither: "förändring"
        }
    }
}

/// How urgent a signal is for a leader; ordered.
public enum Severity: Int, Sendable, Hashable, Comparable, CaseIterable {
    case info = 1
    case warning = 2
    case critical = 3

    /// CRITICAL for a deterioration beyond the limits or outside 99.8 % among siblings; WARNING
    /// for any other deterioration and for NEITHER; INFO for an improvement.
    public init(rule: SignalRule, direction: SignalDirection) {
        switch direction {
        case .improvement: self = .info
        case .neither: self = .warning
        case .deterioration: self = rule == .pointBeyondLimit || rule == .funnelOutlier ? .critical : .warning
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rawValue < b.rawValue }
}

/// Why a signal was closed.
public enum SignalCloseReason: String, Sendable, Hashable, CaseIterable {
    /// A newer point is not part of it; it stays on the chart as history.
    case ended
    /// A re-sent value, a new summary revision or a moved unit changed the series so the rule no
    /// longer finds it.
    case dataRevised = "data_revised"
    /// A phase break or baseline decision (or its withdrawal) removed it.
    case decisionRecorded = "decision_recorded"
    /// The indicator's definition changed, or it was deactivated.
    case definitionChanged = "definition_changed"
}
