/// A decision that moves an indicator's centre lines or limits: a phase break, a frozen
/// baseline, or the withdrawal of one. Append-only: a wrong decision is withdrawn by another and
/// stays listed. Limits never move silently.
public struct ChartDecision: Sendable, Hashable, Identifiable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// From `period` on, a new phase with its own centre and limits.
        case phaseBreak = "phase_break"
        /// In phases starting at or after `period` (every phase when nil), the first
        /// `baselineLength` reported periods fix centre and limits; 0 ends freezing.
        case baseline
        /// Withdraws `withdrawnDecisionID`.
        case withdrawal
    }

    public let id: String
    public let kind: Kind
    /// The organisation whose series it applies to; nil for every series of the indicator.
    public let organisationID: String?
    public let period: Period?
    public let baselineLength: Int
    public let withdrawnDecisionID: String?
    public let reason: String
    public let label: String
    public let author: String
    /// Seconds since 1970.
    public let decidedAt: Double
    /// Set when a later withdrawal withdrew it.
    public var withdrawnByDecisionID: String?

    public init(
        id: String, kind: Kind, organisationID: String? = nil, period: Period? = nil, baselineLength: Int = 0,
        withdrawnDecisionID: String? = nil, reason: String, label: String = "", author: String, decidedAt: Double,
        withdrawnByDecisionID: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.organisationID = organisationID
        self.period = period
        self.baselineLength = baselineLength
        self.withdrawnDecisionID = withdrawnDecisionID
        self.reason = reason
        self.label = label
        self.author = author
        self.decidedAt = decidedAt
        self.withdrawnByDecisionID = withdrawnByDecisionID
    }

    /// In force and about the series of `organisationID`.
    public func applies(to organisationID: String) -> Bool {
        withdrawnByDecisionID == nil && kind != .withdrawal && (self.organisationID == nil || self.organisationID == organisationID)
    }

    /// The label shown on the chart: its own, or the kind's ("Ny fas", "Baslinje").
    public var displayLabel: String {
        if !label.trimmingSpaces.isEmpty { return label }
        switch kind {
        case .phaseBreak: return "Ny fas"
        case .baseline: return "Baslinje"
        case .withdrawal: return "Återkallat"
        }
    }

    /// Checks a decision about to be recorded against the indicator and the decisions before it.
    /// - Throws: ``IndicatorError`` naming the field (`decision.…`).
    public func validate(indicator: Indicator, existing: [ChartDecision]) throws(IndicatorError) {
        guard !reason.trimmingSpaces.isEmpty else { throw .invalid("decision.reason", "a decision needs a reason") }
        guard reason.count <= 2000 else { throw .invalid("decision.reason", "the reason is longer than 2000 characters") }
        guard label.count <= 60 else { throw .invalid("decision.label", "the label is longer than 60 characters") }
        guard !author.trimmingSpaces.isEmpty else { throw .invalid("actor", "say who decides (actor)") }
        if let period, period.granularity != indicator.granularity {
            throw .invalid("decision.period", "\(period) is not a \(indicator.granularity.rawValue) like the indicator's periods")
        }
        switch kind {
        case .phaseBreak:
            guard let period else { throw .invalid("decision.period", "a phase break needs the first period of the new phase") }
            if existing.contains(where: {
                $0.kind == .phaseBreak && $0.withdrawnByDecisionID == nil && $0.period == period && $0.organisationID == organisationID
            }) {
                throw .invalid("decision.period", "a phase break at \(period) for this scope is already in force")
            }
            guard baselineLength == 0 else { throw .invalid("decision.baseline_length", "baseline_length is for BASELINE decisions") }
        case .baseline:
            guard baselineLength == 0 || baselineLength >= 2 else {
                throw .invalid("decision.baseline_length", "a baseline is at least 2 periods (or 0 to stop freezing)")
            }
            guard baselineLength <= 520 else { throw .invalid("decision.baseline_length", "a baseline of more than 520 periods is not a baseline") }
        case .withdrawal:
            guard let target = withdrawnDecisionID, !target.isEmpty else {
                throw .invalid("decision.withdrawn_decision_id", "say which decision is withdrawn")
            }
            guard let withdrawn = existing.first(where: { $0.id == target }) else {
                throw IndicatorError(.precondition, field: "decision.withdrawn_decision_id", "the indicator has no decision \(target)")
            }
            guard withdrawn.kind != .withdrawal else {
                throw IndicatorError(.precondition, field: "decision.withdrawn_decision_id", "a withdrawal cannot be withdrawn; record the decision again")
            }
            guard withdrawn.withdrawnByDecisionID == nil else {
                throw IndicatorError(.precondition, field: "decision.withdrawn_decision_id", "the decision \(target) is already withdrawn")
            }
        }
    }
}

/// The phases of one series as the decisions in force make them.
public struct PhasePlan: Sendable, Hashable {
    /// One phase: where it starts, the decision that started it, and its frozen baseline.
    public struct Phase: Sendable, Hashable {
        public let start: Period
        /// The PHASE_BREAK that started it; nil for the first phase.
        public let breakDecision: ChartDecision?
        /// Reported periods that fix centre and limits; nil when nothing is frozen.
        public let baselineLength: Int?
        /// The BASELINE decision that froze it.
        public let baselineDecision: ChartDecision?
    }

    public let phases: [Phase]

    /// The phases of a series from `first` to `last` (inclusive) of `organisationID`.
    ///
    /// A phase break outside (first, last] starts no phase of this series. A phase's baseline is
    /// the latest BASELINE decision in force whose period is at or before the phase's start (one
    /// without a period counts from the start of every series); 0 means none.
    public init(decisions: [ChartDecision], organisationID: String, first: Period, last: Period) {
        let inForce = decisions.filter { $0.applies(to: organisationID) }.sorted { $0.decidedAt < $1.decidedAt }
        var breaks: [Period: ChartDecision] = [:]
        for d in inForce where d.kind == .phaseBreak {
            guard let p = d.period, p > first, p <= last else { continue }
            // An organisation's own break wins over an indicator-wide one at the same period.
            if let existing = breaks[p], existing.organisationID != nil, d.organisationID == nil { continue }
            breaks[p] = d
        }
        let starts: [(Period, ChartDecision?)] = [(first, nil)] + breaks.keys.sorted().map { ($0, breaks[$0]) }
        let baselines = inForce.filter { $0.kind == .baseline }
        phases = starts.map { start, decision in
            let applicable = baselines.filter { b in b.period.map { $0 <= start } ?? true }
            // Latest by period (none = earliest), then by time decided.
            let chosen = applicable.max { a, b in
                let pa = a.period?.ordinal ?? Int.min
                let pb = b.period?.ordinal ?? Int.min
                return (pa, a.decidedAt) < (pb, b.decidedAt)
            }
            let length = chosen.map(\.baselineLength).flatMap { $0 > 0 ? $0 : nil }
            return Phase(start: start, breakDecision: decision, baselineLength: length, baselineDecision: length == nil ? nil : chosen)
        }
    }
}
