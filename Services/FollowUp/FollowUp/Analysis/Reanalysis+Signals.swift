import Domain
import Foundation
import Messaging
import Storage
import Variation

extension Reanalysis {
    /// Reconciles what the indicator's analyses find with its stored signals; returns the signal
    /// rows to write and the events to publish.
    func reconcile(
        _ computed: IndicatorComputation, previous: [StoredSignal], cause: ReanalysisCause,
        at now: Date
    ) -> (rows: [StoredSignal], announcements: [Announcement]) {
        let indicator = computed.indicator
        let found =
            computed.analyses.keys.sorted { ($0.organisationID, $0.population) < ($1.organisationID, $1.population) }
            .flatMap { computed.analyses[$0]?.observations ?? [] } + computed.comparisonObservations
        let previousByID = Dictionary(previous.map { ($0.record.id, $0) }, uniquingKeysWith: { a, _ in a })
        let latest = computed.latestOrdinal
        let transitions = SignalLifecycle.reconcile(
            previous: previous.map(\.record), found: found, at: now.timeIntervalSince1970, cause: cause.text,
            removal: { record in
                let seriesKey = IndicatorComputation.SeriesKey(organisationID: record.key.organisationID, population: record.key.population)
                switch cause {
                case .decision: return .decisionRecorded
                case .definition: return .definitionChanged
                case .catalog: return .dataRevised
                case .data(_, let earliest):
                    if record.key.rule == .funnelOutlier {
                        return (latest ?? Int.min) > record.key.onset.ordinal ? .ended : .dataRevised
                    }
                    guard computed.analyses[seriesKey] != nil else { return .dataRevised }
                    return (earliest[indicator.code] ?? Int.max) <= record.lastPeriod.ordinal ? .dataRevised : .ended
                }
            },
            newID: { UUID().lowercasedString })
        let observationsByKey = Dictionary(found.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        var rows: [StoredSignal] = []
        var announcements: [Announcement] = []
        let ruleSetVersion = SeriesAnalysis.ruleSet(indicator.ruleSet).version
        for transition in transitions {
            let record = transition.record
            var row =
                previousByID[record.id]
                ?? StoredSignal(
                    record: record, ruleSet: indicator.ruleSet.rawValue, ruleSetVersion: ruleSetVersion,
                    reading: "", closeReading: "")
            row.record = record
            if let observation = observationsByKey[record.key] {
                row.reading = reading(observation, record: record, computed: computed)
                row.ruleSet = indicator.ruleSet.rawValue
                row.ruleSetVersion = ruleSetVersion
            }
            switch transition {
            case .raised(_, let reopened):
                row.closeReading = ""
                announcements.append(Announcement(signal: row, kind: .raised(reopened: reopened)))
            case .closed:
                if let reason = record.closeReason {
                    row.closeReading = SignalReading.closeSentence(reason, lastPeriod: record.lastPeriod, cause: cause.text)
                }
                announcements.append(Announcement(signal: row, kind: .closed))
            case .recorded:
                row.closeReading = SignalReading.closeSentence(.ended, lastPeriod: record.lastPeriod, cause: cause.text)
            case .updated, .revisedHistory:
                break
            }
            rows.append(row)
        }
        return (rows, announcements)
    }

    /// The Swedish reading of a signal as found now (present tense while it lasts).
    func reading(_ observation: SignalObservation, record: SignalRecord, computed: IndicatorComputation) -> String {
        let key = IndicatorComputation.SeriesKey(organisationID: record.key.organisationID, population: record.key.population)
        if let analysis = computed.analyses[key], record.key.rule != .funnelOutlier {
            return analysis.reading(of: observation)
        }
        let population = SeriesPopulation(key: record.key.population) ?? .total
        let group = computed.comparisonGroups[record.key.organisationID]
        let subject =
            computed.analyses[key]?.subject ?? (population == .total ? "Andelen" : "Andelen för \(population.label(in: computed.indicator).lowercased())")
        return SignalReading.sentence(
            rule: record.key.rule, side: observation.side, direction: observation.direction, periods: observation.periods,
            subject: subject, chartType: computed.indicator.chartType, ongoing: observation.isCurrent,
            comparedWith: group.map { SiblingComparison.groupName(level: $0.level, parentName: $0.parentName) } ?? "")
    }
}
