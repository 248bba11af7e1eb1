import CatalogProjection
import Contracts
import Domain
import Foundation
import SwiftProtobuf
import Variation

/// The contract's `Analysis` of a series snapshot: chart points on the chart's scale, phases,
/// signals, decisions, the reading, the page and the adoption.
enum AnalysisMessage {
    static func make(
        _ s: SeriesSnapshot, indicator: Kunskapsloop_Followup_V1_Indicator, presenter: SignalPresenter, pageURL: String
    )
        -> Kunskapsloop_Followup_V1_Analysis
    {
        let a = s.analysis
        let v = a.variation
        let scale = a.scale
        var message = Kunskapsloop_Followup_V1_Analysis()
        message.indicator = indicator
        message.organisation = Kunskapsloop_Common_V1_OrganisationRef(s.organisation.organisation)
        message.stratum = Kunskapsloop_Followup_V1_SeriesStratum(s.population, label: s.population.label(in: s.stored.indicator))
        message.chartType = a.chartType.followUpContract
        message.ruleSet = ruleSet(a.ruleSet, kind: s.stored.indicator.ruleSet)
        message.points = v.points.enumerated().map { k, p in
            point(
                p, grid: a.grid[k].point, phase: v.phases[p.phase], index: k, plan: a.plan,
                scale: scale, gap: s.population.isGap, meta: s.meta[p.period.ordinal])
        }
        message.phases = v.phases.map { phase(v, $0, plan: a.plan, scale: scale) }
        message.signals = s.signals.sorted { ($0.record.key.onset, $0.record.key.rule.rawValue) < ($1.record.key.onset, $1.record.key.rule.rawValue) }
            .map(presenter.signal)
        message.decisions = s.decisions.filter { $0.applies(to: s.organisation.id) }
            .map { d in Kunskapsloop_Followup_V1_Decision(d, organisation: d.organisationID.map(presenter.organisationRef)) }
        let (status, side) = statusContract(v.status)
        message.status = status
        message.statusSide = side
        if let t = v.targetAssessment {
            message.targetAssessment =
                switch t {
                case .reliablyMet: .reliablyMet
                case .sometimesMet: .sometimesMet
                case .reliablyMissed: .reliablyMissed
                }
        }
        message.readingSv = a.reading
        message.pageURL = pageURL
        if let adoption = s.adoption {
            message.adoption = .with {
                $0.knowledgeSupportID = adoption.knowledgeSupportID
                $0.unitCount = Int32(adoption.units)
                $0.adoptedCount = Int32(adoption.adopted)
                $0.plannedCount = Int32(adoption.planned)
                $0.notApplicableCount = Int32(adoption.notApplicable)
                if let at = adoption.asOf { $0.asOf = .init(date: at) }
            }
        }
        message.revision = s.series.revision
        message.analysedAt = .init(date: s.series.analysedAt)
        return message
    }

    static func point(
        _ p: AnalysedPoint, grid: SeriesPoint?, phase: PhaseSummary, index: Int, plan: PhasePlan, scale: Double, gap: Bool,
        meta: ReportedMeta?
    ) -> Kunskapsloop_Followup_V1_ChartPoint {
        var c = Kunskapsloop_Followup_V1_ChartPoint()
        c.period = Kunskapsloop_Common_V1_Period(p.period)
        if let value = p.value { c.value = value * scale }
        if let grid, !gap {
            c.numerator = grid.numerator
            if let d = grid.denominator { c.denominator = d }
        }
        c.origin =
            switch grid?.origin {
            case .reported?: .reported
            case .aggregated?: .aggregated
            case nil: .notReported
            }
        c.exclusion =
            switch p.exclusion {
            case .zeroDenominator?: .zeroDenominator
            case .missing?: .notReported
            case .noMovingRange?, nil: .unspecified
            }
        if grid?.origin == .aggregated {
            c.contributorCount = Int32(grid?.contributors ?? 0)
            c.expectedContributorCount = Int32(grid?.expectedContributors ?? 0)
            c.partial = grid?.partial ?? false
        }
        c.centre = p.centre * scale
        if let sigma = p.sigma { c.sigma = sigma * scale }
        if let l = p.lowerLimit { c.lowerLimit = l * scale }
        if let u = p.upperLimit { c.upperLimit = u * scale }
        c.phaseIndex = Int32(p.phase)
        c.inBaseline = plan.phases.indices.contains(p.phase) && plan.phases[p.phase].baselineLength != nil && phase.baselineRange.contains(index)
        c.inSignal = p.isSignal
        if let meta, grid?.origin == .reported {
            c.note = meta.note
            c.revision = Int32(meta.revision)
            c.reportedBy = meta.reportedBy
            c.reportedAt = .init(date: meta.reportedAt)
        }
        return c
    }

    static func phase(_ v: VariationAnalysis, _ p: PhaseSummary, plan: PhasePlan, scale: Double) -> Kunskapsloop_Followup_V1_Phase {
        var m = Kunskapsloop_Followup_V1_Phase()
        m.index = Int32(p.index)
        m.firstPeriod = Kunskapsloop_Common_V1_Period(v.points[p.pointRange.lowerBound].period)
        m.lastPeriod = Kunskapsloop_Common_V1_Period(v.points[p.pointRange.upperBound - 1].period)
        m.centre = p.centre * scale
        if !p.baselineRange.isEmpty {
            m.baselineFirstPeriod = Kunskapsloop_Common_V1_Period(v.points[p.baselineRange.lowerBound].period)
            m.baselineLastPeriod = Kunskapsloop_Common_V1_Period(v.points[p.baselineRange.upperBound - 1].period)
        }
        let planned = plan.phases.indices.contains(p.index) ? plan.phases[p.index] : nil
        m.baselineFrozen = planned?.baselineLength != nil
        m.runChartStatistics = .with {
            $0.usefulObservations = Int32(p.runs.usefulObservations)
            $0.longestRun = Int32(p.runs.longestRun)
            $0.longestRunLimit = Int32(p.runs.longestRunLimit)
            $0.crossings = Int32(p.runs.crossings)
            $0.crossingsLimit = Int32(p.runs.crossingsLimit)
            $0.tooFewPoints = p.runs.isTooFewPoints
        }
        if p.noLimitsReason == .noMovingRange { m.noLimitsReason = .noMovingRange }
        m.phaseBreakDecisionID = planned?.breakDecision?.id ?? ""
        m.baselineDecisionID = planned?.baselineDecision?.id ?? ""
        m.label = planned?.breakDecision?.displayLabel ?? ""
        return m
    }

    static func ruleSet(_ r: RuleSet, kind: Indicator.RuleSetKind) -> Kunskapsloop_Followup_V1_RuleSet {
        .with {
            $0.kind = kind.contract
            $0.name = r.name
            $0.version = r.version
            $0.pointBeyondLimits = r.pointBeyondLimits
            if case .runOf(let k) = r.shift { $0.shiftLength = Int32(k) }
            $0.fewCrossings = r.fewCrossings
            $0.trendLength = Int32(r.trendLength ?? 0)
            $0.twoOfThreeBeyondTwoSigma = r.twoOfThreeBeyondTwoSigma
            $0.targetMissLength = Int32(r.targetMissLength)
            $0.minimumUsefulPoints = Int32(r.minimumUsefulPoints)
        }
    }

    static func statusContract(_ s: VariationStatus) -> (Kunskapsloop_Followup_V1_VariationStatus, Kunskapsloop_Followup_V1_SignalSide) {
        switch s {
        case .commonCause: (.commonCause, .unspecified)
        case .improvement(let side): (.improvement, SeriesAnalysis.side(side).contract)
        case .concern(let side): (.concern, SeriesAnalysis.side(side).contract)
        case .neither(let side): (.neither, SeriesAnalysis.side(side).contract)
        case .tooFewPoints: (.tooFewPoints, .unspecified)
        }
    }
}
