import CatalogProjection
import Domain
import Foundation
import Logging
import PostgresNIO
import Reference
import Storage
import Variation

/// Re-analyses every series of some indicators inside the caller's transaction: values are
/// aggregated up the catalog's tree, each series (total, strata, equity gaps at every
/// organisation with a value) is analysed, its signals and the comparison signals among
/// siblings are reconciled with the stored ones, changed series and signals are written and
/// the signal events emitted.
///
/// The unit of work is the indicator: every series of it is analysed again, since a new period
/// anywhere extends every series' grid. Callers lock the indicators' rows first (code order), so
/// two replicas never reconcile one indicator at the same time.
struct Reanalysis: Sendable {
    let store: FollowUpStore
    let events: FollowUpEvents
    /// Programme area names by id, from the shipped reference data.
    let areaNames: [String: String]

    init(store: FollowUpStore, events: FollowUpEvents) {
        self.store = store
        self.events = events
        areaNames = Self.programmeAreaNames
    }

    static let programmeAreaNames: [String: String] = {
        guard let reference = try? ReferenceData.load() else { return [:] }
        return Dictionary(reference.programmeAreas.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    }()

    /// An event to publish for a signal once its history is complete.
    struct Announcement: Sendable {
        enum Kind: Sendable {
            case raised(reopened: Bool)
            case closed
        }
        let signal: StoredSignal
        let kind: Kind
    }

    /// What one run did, for logs and tests.
    struct Outcome: Sendable {
        var seriesAnalysed = 0
        var seriesWritten = 0
        var raised = 0
        var closed = 0
    }

    /// Re-analyses `codes` and returns the events to publish with the transaction.
    func run(
        _ codes: Set<String>, cause: ReanalysisCause, at now: Date, on connection: PostgresConnection
    ) async throws -> (events: [OutboxEvent], outcome: Outcome) {
        guard !codes.isEmpty else { return ([], Outcome()) }
        let indicators = try await store.indicators(codes, on: connection)
        let granularity = indicators.mapValues(\.indicator.granularity)
        let decisions = try await store.decisions(Set(indicators.keys), granularity: granularity, on: connection)
        let reported = try await store.reportedValues(Set(indicators.keys), on: connection)
        let directory = try await store.organisationDirectory(on: connection)
        let fingerprints = try await store.seriesFingerprints(Set(indicators.keys), on: connection)
        let supportIDs = Set(indicators.values.compactMap(\.indicator.knowledgeSupportID))
        var titles: [String: String] = [:]
        for id in supportIDs { titles[id] = try await store.catalog.support(id, on: connection)?.title }
        let presenter = SignalPresenter(
            indicators: indicators.mapValues(\.indicator), directory: directory, areaNames: areaNames,
            supportTitles: titles, events: events)
        let computations = indicators.keys.sorted().compactMap { code -> IndicatorComputation? in
            guard let stored = indicators[code] else { return nil }
            return IndicatorComputation(
                indicator: stored.indicator, reported: reported[code] ?? [:], decisions: decisions[code] ?? [],
                directory: directory, logger: store.logger)
        }
        // The stored signals that matter: the open ones, and those (closed) the analyses find again.
        // Histories are not read: the lifecycle appends to them.
        var previous = try await store.openSignals(Set(indicators.keys), granularity: granularity, on: connection)
        let openKeys = Set(previous.map(\.record.key))
        let foundKeys = computations.flatMap { $0.analyses.values.flatMap(\.observations).map(\.key) + $0.comparisonObservations.map(\.key) }
        previous += try await store.signals(keys: foundKeys.filter { !openKeys.contains($0) }, granularity: granularity, on: connection)
        let previousByIndicator = Dictionary(grouping: previous, by: \.record.key.indicatorCode)

        var outcome = Outcome()
        var seriesRows: [StoredSeries] = []
        var removed: [SeriesID] = []
        var signalRows: [StoredSignal] = []
        var announcements: [Announcement] = []
        var latest: [String: Int?] = [:]
        for computed in computations {
            let code = computed.indicator.code
            latest[code] = computed.latestOrdinal
            outcome.seriesAnalysed += computed.analyses.count
            // Series: write those whose content changed, remove those that no longer have a value.
            var present = Set<SeriesID>()
            for analysis in computed.analyses.values {
                let id = SeriesID(indicatorCode: code, organisationID: analysis.organisationID, population: analysis.population.key)
                present.insert(id)
                let row = Self.row(analysis, definition: computed.definitionFingerprint, at: now)
                let previous = fingerprints[id]
                guard previous?.fingerprint != row.fingerprint else { continue }
                var changed = row
                changed.revision = (previous?.revision ?? 0) + 1
                seriesRows.append(changed)
            }
            if computed.indicator.active {
                removed += fingerprints.keys.filter { $0.indicatorCode == code && !present.contains($0) }
            }
            let (rows, said) = reconcile(computed, previous: previousByIndicator[code] ?? [], cause: cause, at: now)
            signalRows += rows
            announcements += said
        }
        // Events carry the whole history: read it for the signals that had one.
        let known = Set(previous.map(\.record.id))
        let histories = try await store.histories(announcements.map(\.signal.record.id).filter(known.contains), granularity: granularity, on: connection)
        var allEvents: [OutboxEvent] = []
        for a in announcements {
            var full = a.signal
            full.record.history = (histories[full.record.id] ?? []) + full.record.history
            switch a.kind {
            case .raised(let reopened):
                allEvents.append(presenter.raised(full, reopened: reopened, at: now))
                outcome.raised += 1
            case .closed:
                allEvents.append(presenter.closed(full, at: now))
                outcome.closed += 1
            }
        }
        try await store.write(seriesRows, removing: removed, on: connection)
        try await store.write(signalRows, on: connection)
        try await store.setLatestOrdinals(latest, on: connection)
        outcome.seriesWritten = seriesRows.count
        return (allEvents, outcome)
    }

    /// The stored row of an analysis (revision set by the caller).
    static func row(_ a: SeriesAnalysis, definition: [UInt8], at now: Date) -> StoredSeries {
        let points = a.grid.map(\.point)
        let packed = PackedPoints.encode(points)
        let status = a.status
        let target: String? = a.variation.targetAssessment.map { $0.rawValue }
        let latest = a.latest
        let fingerprint = PackedPoints.fingerprint([
            packed, definition, Array(String(a.grid[0].period.ordinal).utf8),
            Array(
                a.plan.phases.map { "\($0.start.ordinal):\($0.baselineLength ?? 0):\($0.breakDecision?.id ?? ""):\($0.baselineDecision?.id ?? "")" }.joined(
                    separator: ","
                ).utf8),
        ])
        return StoredSeries(
            indicatorCode: a.indicator.code, organisationID: a.organisationID, population: a.population.key, firstOrdinal: a.grid[0].period.ordinal,
            points: points, fingerprint: fingerprint, revision: 0, analysedAt: now, ruleSetVersion: a.ruleSet.version, status: status.name,
            statusSide: status.side, targetAssessment: target, reading: a.reading, latestValue: latest?.value, latestOrdinal: latest?.period.ordinal)
    }
}
