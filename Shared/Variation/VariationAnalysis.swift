public import Domain

/// The result of analysing a series: points with centre and limits, phases, and signals.
///
/// Build one with ``analyze(_:options:)``.
public struct VariationAnalysis: Sendable, Hashable {
    public let chartType: ChartType
    /// The rule set that produced this analysis.
    public let ruleSet: RuleSet
    public let directionOfGood: DirectionOfGood
    public let target: Double?
    public internal(set) var points: [AnalysedPoint]
    public let phases: [PhaseSummary]
    /// Signals in order of their first point.
    public let signals: [Signal]
    /// `nil` without a target, on run charts, or when neither direction is better.
    public let targetAssessment: TargetAssessment?

    /// The signal that decides the reading: the one in the last phase whose last point is latest
    /// (target misses aside); on a tie one with a side wins over few crossings.
    public var latestSignal: Signal? {
        guard let last = phases.last else { return nil }
        return
            signals
            .filter { $0.phase == last.index && $0.rule != .targetMissed }
            .max { ($0.pointIndices.last ?? 0, $0.side != .none ? 1 : 0) < ($1.pointIndices.last ?? 0, $1.side != .none ? 1 : 0) }
    }

    /// The reading of the last phase: its latest signal decides; without one, too few points for
    /// the runs rules read ``VariationStatus/tooFewPoints`` on every chart type, since a quiet
    /// chart whose runs were not read is not evidence of common-cause variation.
    public var status: VariationStatus {
        guard let recent = latestSignal else {
            return phases.last?.runs.isTooFewPoints ?? true ? .tooFewPoints : .commonCause
        }
        switch recent.direction {
        case .improvement: return .improvement(recent.side)
        case .deterioration: return .concern(recent.side)
        case .neither: return .neither(recent.side)
        }
    }
}
