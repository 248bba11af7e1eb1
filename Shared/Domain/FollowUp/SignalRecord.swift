/// A signal's identity: indicator × organisation × population × rule × onset period.
public struct SignalKey: Sendable, Hashable, CustomStringConvertible {
    public let indicatorCode: String
    public let organisationID: String
    /// ``SeriesPopulation/key``.
    public let population: String
    public let rule: SignalRule
    public let onset: Period

    public init(indicatorCode: String, organisationID: String, population: String, rule: SignalRule, onset: Period) {
        self.indicatorCode = indicatorCode
        self.organisationID = organisationID
        self.population = population
        self.rule = rule
        self.onset = onset
    }

    public var description: String { "\(indicatorCode)/\(organisationID)/\(population)/\(rule.rawValue)/\(onset)" }
}

/// A signal as an analysis finds it now.
public struct SignalObservation: Sendable, Hashable {
    public let key: SignalKey
    public let side: SignalSide
    public let direction: SignalDirection
    public let severity: Severity
    public let phase: Int
    /// Every period of it, in order.
    public let periods: [Period]
    /// Whether it lasts: its rule still flags the series' latest point with a value as part of it
    /// (few crossings: its phase is the last; a comparison: its period is the latest compared).
    public let isCurrent: Bool
    /// Comparison outliers: the parent compared under.
    public let comparisonParentID: String?

    public init(
        key: SignalKey, side: SignalSide, direction: SignalDirection, severity: Severity, phase: Int, periods: [Period],
        isCurrent: Bool, comparisonParentID: String? = nil
    ) {
        self.key = key
        self.side = side
        self.direction = direction
        self.severity = severity
        self.phase = phase
        self.periods = periods
        self.isCurrent = isCurrent
        self.comparisonParentID = comparisonParentID
    }
}

/// One entry of a signal's history.
public struct SignalChange: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// First found; raised event published.
        case raised
        /// It lasts and changed (no event).
        case updated
        /// Closed; closed event published.
        case closed
        /// Found again after being closed; raised event published again.
        case reopened
    }

    public let kind: Kind
    /// Seconds since 1970.
    public let at: Double
    public let lastPeriod: Period
    public let closeReason: SignalCloseReason?
    /// `batch:<id>`, `rpc:<actor>`, `feedback:<message id>`, `catalog:<message id>`,
    /// `decision:<id>`, `indicator:<actor>` or `schedule`.
    public let cause: String

    public init(kind: Kind, at: Double, lastPeriod: Period, closeReason: SignalCloseReason? = nil, cause: String) {
        self.kind = kind
        self.at = at
        self.lastPeriod = lastPeriod
        self.closeReason = closeReason
        self.cause = cause
    }
}

/// A signal as stored: identity, what it looks like now, whether it lasts, and its history.
public struct SignalRecord: Sendable, Hashable, Identifiable {
    public enum Status: String, Sendable, Hashable {
        case open, closed
    }

    public let id: String
    public let key: SignalKey
    public var side: SignalSide
    public var direction: SignalDirection
    public var severity: Severity
    public var phase: Int
    public var periods: [Period]
    public var status: Status
    public var closeReason: SignalCloseReason?
    public var comparisonParentID: String?
    /// Seconds since 1970.
    public var raisedAt: Double
    public var updatedAt: Double
    public var closedAt: Double?
    public var history: [SignalChange]

    public init(
        id: String, key: SignalKey, side: SignalSide, direction: SignalDirection, severity: Severity, phase: Int, periods: [Period],
        status: Status, closeReason: SignalCloseReason? = nil, comparisonParentID: String? = nil, raisedAt: Double,
        updatedAt: Double, closedAt: Double? = nil, history: [SignalChange]
    ) {
        self.id = id
        self.key = key
        self.side = side
        self.direction = direction
        self.severity = severity
        self.phase = phase
        self.periods = periods
        self.status = status
        self.closeReason = closeReason
        self.comparisonParentID = comparisonParentID
        self.raisedAt = raisedAt
        self.updatedAt = updatedAt
        self.closedAt = closedAt
        self.history = history
    }

    public var lastPeriod: Period { periods.last ?? key.onset }
}
