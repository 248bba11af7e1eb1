import Charts
import Domain
import Foundation
import Variation

/// The analysis of one series (indicator × organisation × population) from its period grid:
/// the Variation module's reading, with the phases the decisions make and the signals merged and
/// identified. Pure: the same grid, definition and decisions always give the same analysis.
struct SeriesAnalysis: Sendable {
    let indicator: Indicator
    let organisationID: String
    let population: SeriesPopulation
    /// The period grid, oldest first.
    let grid: [(period: Period, point: SeriesPoint?)]
    let plan: PhasePlan
    let chartType: ChartType
    let ruleSet: RuleSet
    /// Values on the analysis' scale: raw numerator / denominator (rates not yet multiplied);
    /// gap series are already on the chart's scale.
    let variation: VariationAnalysis
    /// Signals found now, merged, with identities, readings and whether they last.
    let observations: [SignalObservation]

    /// Analyses a series; nil when the grid is empty.
    /// - Throws: `VariationError` when the Variation module refuses the series (it should not,
    ///   for checked values).
    init?(
        indicator: Indicator, organisationID: String, population: SeriesPopulation, grid: [(period: Period, point: SeriesPoint?)],
        decisions: [ChartDecision]
    ) throws(VariationError) {
        guard let first = grid.first, let last = grid.last else { return nil }
        self.indicator = indicator
        self.organisationID = organisationID
        self.population = population
        self.grid = grid
        plan = PhasePlan(decisions: decisions, organisationID: organisationID, first: first.period, last: last.period)
        chartType = population.isGap ? (indicator.chartType == .run ? .run : .i) : indicator.chartType
        ruleSet = Self.ruleSet(indicator.ruleSet)
        let series = grid.map { period, point -> Observation in
            guard let point else { return .missing(period) }
            return Observation(period: period, numerator: point.numerator, denominator: point.denominator)
        }
        var options = AnalysisOptions(
            chartType: chartType, ruleSet: ruleSet, directionOfGood: population.isGap ? .neither : indicator.directionOfGood,
            target: population.isGap ? nil : indicator.target.map { $0 / indicator.displayScale },
            phaseBreaks: plan.phases.dropFirst().map(\.start))
        options.phaseBaselineLengths = plan.phases.map(\.baselineLength)
        let variation = try VariationAnalysis.analyze(series, options: options)
        self.variation = variation
        observations = Self.observations(variation, indicator: indicator, organisationID: organisationID, population: population)
    }

    /// The Variation rule set of an indicator's rule set.
    static func ruleSet(_ kind: Indicator.RuleSetKind) -> RuleSet {
        switch kind {
        case .anhoej: .anhoj
        case .nhs: .makingDataCount
        }
    }

    /// Merged findings as identified observations.
    static func observations(_ variation: VariationAnalysis, indicator: Indicator, organisationID: String, population: SeriesPopulation) -> [SignalObservation]
    {
        let included = variation.points.indices.filter { variation.points[$0].isIncluded }
        let findings = variation.signals.map { s in
            SignalFinding(rule: rule(s.rule), side: side(s.side), phase: s.phase, indices: s.pointIndices)
        }
        let lastIncluded = included.last
        let lastPhase = variation.phases.count - 1
        return SignalFinding.merged(findings, included: included).map { f in
            let direction: SignalDirection =
                f.rule == .targetMissed
                ? .deterioration
                : SignalDirection(
                    side: f.side, directionOfGood: indicator.directionOfGood,
                    gapCentre: population.isGap ? variation.phases[f.phase].centre : nil)
            let current = f.rule == .fewCrossings ? f.phase == lastPhase : f.indices.last == lastIncluded
            let periods = f.indices.map { variation.points[$0].period }
            return SignalObservation(
                key: SignalKey(
                    indicatorCode: indicator.code, organisationID: organisationID, population: population.key, rule: f.rule,
                    onset: periods[0]),
                side: f.side, direction: direction, severity: Severity(rule: f.rule, direction: direction), phase: f.phase, periods: periods,
                isCurrent: current)
        }
    }

    static func rule(_ rule: Signal.Rule) -> SignalRule {
        switch rule {
        case .pointBeyondLimit: .pointBeyondLimit
        case .shift: .shift
        case .fewCrossings: .fewCrossings
        case .trend: .trend
        case .twoOfThreeBeyondTwoSigma: .twoOfThreeBeyondTwoSigma
        case .targetMissed: .targetMissed
        }
    }

    static func side(_ side: Signal.Side) -> SignalSide {
        switch side {
        case .above: .above
        case .below: .below
        case .none: .none
        }
    }

    /// The subject of the series' sentences: "Andelen", "Andelen för kvinnor", "Skillnaden kvinnor − män".
    var subject: String {
        let base: String =
            switch indicator.valueType {
            case .proportion: "Andelen"
            case .rate: "Takten"
            case .count: "Antalet"
            case .measurement: "Värdet"
            }
        switch population {
        case .total: return base
        case .stratum: return "\(base) för \(population.label(in: indicator).lowercased())"
        case .gap: return "Skillnaden \(population.label(in: indicator).lowercased())"
        }
    }

    /// How the chart writes values.
    var measure: ChartOptions.Measure {
        if population.isGap { return indicator.valueType == .proportion ? .share : .number }
        switch indicator.valueType {
        case .proportion: return .share
        case .rate: return .rate(multiplier: indicator.displayScale)
        case .count, .measurement: return .number
        }
    }

    /// The one-sentence reading of the whole chart.
    var reading: String { ChartReading.sentence(for: variation, subject: subject) }

    /// The reading of one signal.
    func reading(of observation: SignalObservation) -> String {
        SignalReading.sentence(
            rule: observation.key.rule, side: observation.side, direction: observation.direction, periods: observation.periods,
            subject: subject, chartType: chartType, ongoing: observation.isCurrent)
    }

    /// The analysis' status as stored: name and side.
    var status: (name: String, side: String) {
        switch variation.status {
        case .commonCause: ("common_cause", "none")
        case .improvement(let s): ("improvement", Self.side(s).rawValue)
        case .concern(let s): ("concern", Self.side(s).rawValue)
        case .neither(let s): ("neither", Self.side(s).rawValue)
        case .tooFewPoints: ("too_few_points", "none")
        }
    }

    /// The latest point with a value: its period and its value on the chart's scale.
    var latest: (period: Period, value: Double)? {
        guard let p = variation.points.last(where: { $0.isIncluded }), let v = p.value else { return nil }
        return (p.period, v * scale)
    }

    /// Factor from analysed values to the chart's scale (1 for gap series, already scaled).
    var scale: Double { population.isGap ? 1 : indicator.displayScale }
}
