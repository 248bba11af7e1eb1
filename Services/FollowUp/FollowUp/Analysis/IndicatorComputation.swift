import CatalogProjection
import Domain
import Logging
import Variation

/// Everything one indicator's values say now: its values at every organisation (reported or
/// aggregated), the analysis of every series, and the comparison outliers of its latest period.
/// Pure apart from logging.
struct IndicatorComputation: Sendable {
    let indicator: Indicator
    /// The indicator's latest period with a value anywhere; nil without values.
    let latestOrdinal: Int?
    /// Values by population key and organisation (aggregated where not reported).
    let values: [String: [String: [Int: SeriesPoint]]]
    /// Every series' analysis, by (organisation, population key).
    let analyses: [SeriesKey: SeriesAnalysis]
    /// Comparison outliers of the latest period.
    let comparisonObservations: [SignalObservation]
    /// The comparison group of each compared organisation: its parent's name and its level (for readings).
    let comparisonGroups: [String: (parentName: String, level: Organisation.Level)]
    /// What of the definition the analyses depend on, for fingerprints.
    let definitionFingerprint: [UInt8]

    struct SeriesKey: Hashable, Sendable {
        let organisationID: String
        let population: String
    }

    init(indicator: Indicator, reported: ReportedValues, decisions: [ChartDecision], directory: OrganisationDirectory, logger: Logger) {
        self.indicator = indicator
        let latest = reported.values.flatMap { $0.values.flatMap(\.keys) }.max()
        latestOrdinal = latest
        var values: [String: [String: [Int: SeriesPoint]]] = [:]
        for (stratum, byOrg) in reported {
            values[stratum] = Aggregation.values(reported: byOrg, tree: directory.tree, aggregates: indicator.valueType.aggregates)
        }
        self.values = values
        definitionFingerprint = Array(
            "\(indicator.valueType.rawValue)|\(indicator.chartType.rawValue)|\(indicator.ruleSet.rawValue)|\(indicator.directionOfGood.rawValue)|\(indicator.target.map { "\($0)" } ?? "-")|\(indicator.rateMultiplier)|\(indicator.strata.map { "\($0.code):\($0.gapReferenceValue ?? "")" })"
                .utf8)

        var analyses: [SeriesKey: SeriesAnalysis] = [:]
        var comparisons: [SignalObservation] = []
        var groups: [String: (String, Organisation.Level)] = [:]
        if let latest, indicator.active {
            for population in indicator.populations {
                let byOrg: [String: [Int: SeriesPoint]]
                switch population {
                case .total: byOrg = values[""] ?? [:]
                case .stratum(let s): byOrg = values[s.description] ?? [:]
                case .gap(let s, let reference):
                    let minuend = values[s.description] ?? [:]
                    let subtrahend = values[Stratum(dimension: s.dimension, value: reference).description] ?? [:]
                    var gaps: [String: [Int: SeriesPoint]] = [:]
                    for (org, points) in minuend {
                        guard let other = subtrahend[org] else { continue }
                        let gap = EquityGap.series(minuend: points, reference: other, scale: indicator.displayScale)
                        if !gap.isEmpty { gaps[org] = gap }
                    }
                    byOrg = gaps
                }
                for (org, points) in byOrg {
                    let grid = PeriodGrid.grid(points, through: latest, granularity: indicator.granularity)
                    do {
                        if let analysis = try SeriesAnalysis(
                            indicator: indicator, organisationID: org, population: population, grid: grid,
                            decisions: decisions)
                        {
                            analyses[SeriesKey(organisationID: org, population: population.key)] = analysis
                        }
                    } catch {
                        logger.error("series \(indicator.code)/\(org)/\(population) could not be analysed: \(error)")
                    }
                }
                // Siblings compared in the latest period (proportions; not for gaps).
                guard indicator.valueType == .proportion, !population.isGap else { continue }
                let period = Period(ordinal: latest, granularity: indicator.granularity)
                for group in SiblingComparison.standardGroups(directory) {
                    let members = group.members.map { SiblingComparison.Member(organisation: $0, point: byOrg[$0.id]?[latest]) }
                    guard members.contains(where: { $0.point != nil }) else { continue }
                    let comparison = SiblingComparison(
                        parent: group.parent, level: group.level, members: members,
                        directionOfGood: indicator.directionOfGood)
                    comparisons += comparison.observations(indicator: indicator, population: population, period: period)
                    for member in group.members { groups[member.id] = (group.parent.organisation.name, group.level) }
                }
            }
        }
        self.analyses = analyses
        comparisonObservations = comparisons
        comparisonGroups = groups
    }
}
