import CatalogProjection
import Domain
import Foundation
import PostgresNIO
import RPC

/// Everything about one series a reader needs, read in one go: the indicator, its decisions, the
/// organisation, the stored grid (analysed again here, which is pure and cheap), its signals,
/// the reported values' bookkeeping and the adoption of the indicator's knowledge support.
struct SeriesSnapshot: Sendable {
    let stored: StoredIndicator
    let decisions: [ChartDecision]
    let organisation: PlacedOrganisation
    let population: SeriesPopulation
    let series: StoredSeries
    let analysis: SeriesAnalysis
    /// The series' signals as the chart shows them: those the analysis finds now (open or
    /// ended) and its comparison signals not removed, by onset.
    let signals: [StoredSignal]
    let meta: [Int: ReportedMeta]
    let adoption: AdoptionCounts?
    let supportTitle: String?

    enum Problem: Error, Sendable {
        case unknownIndicator, unknownOrganisation, unknownStratum, noValues
    }

    /// Reads the snapshot.
    /// - Throws: ``Problem`` for what does not exist; database errors.
    static func load(
        _ parts: FollowUpParts, code: String, organisationID: String, population: SeriesPopulation,
        on connection: PostgresConnection
    ) async throws -> SeriesSnapshot {
        guard let stored = try await parts.store.indicator(code, on: connection) else { throw Problem.unknownIndicator }
        let indicator = stored.indicator
        guard let organisation = try await parts.store.catalog.organisation(organisationID, on: connection) else { throw Problem.unknownOrganisation }
        guard indicator.populations.contains(population) else { throw Problem.unknownStratum }
        let id = SeriesID(indicatorCode: code, organisationID: organisationID, population: population.key)
        guard let series = try await parts.store.series(id, on: connection) else { throw Problem.noValues }
        let decisions = try await parts.store.decisions([code], granularity: [code: indicator.granularity], on: connection)[code] ?? []
        let grid = series.points.enumerated().map { k, point in
            (period: Period(ordinal: series.firstOrdinal + k, granularity: indicator.granularity), point: point)
        }
        guard
            let analysis = try SeriesAnalysis(
                indicator: indicator, organisationID: organisationID, population: population, grid: grid,
                decisions: decisions)
        else { throw Problem.noValues }
        let current = Set(analysis.observations.map(\.key))
        let signals = try await parts.store.signals(of: id, granularity: indicator.granularity, on: connection).filter { s in
            current.contains(s.record.key)
                || (s.record.key.rule == .funnelOutlier && (s.record.status == .open || s.record.closeReason == .ended))
        }
        let stratumKey = population.isGap ? nil : population.stratum?.description ?? ""
        let meta =
            try await stratumKey.asyncMap {
                try await parts.store.reportedMeta(indicatorCode: code, organisationID: organisationID, stratum: $0, on: connection)
            } ?? [:]
        var adoption: AdoptionCounts?
        var title: String?
        if let support = indicator.knowledgeSupportID {
            adoption = try await parts.store.adoption(of: support, under: organisationID, on: connection)
            title = try await parts.store.catalog.support(support, on: connection)?.title
        }
        return SeriesSnapshot(
            stored: stored, decisions: decisions, organisation: organisation, population: population, series: series,
            analysis: analysis, signals: signals, meta: meta, adoption: adoption, supportTitle: title)
    }

    /// The problem as an RPC error.
    static func rpcError(_ problem: Problem, code: String, organisationID: String) -> RPCError {
        switch problem {
        case .unknownIndicator: .notFound("no indicator has the code \(quoted(code))", field: "indicator_code")
        case .unknownOrganisation: .notFound("no organisation in the catalog has the id \(quoted(organisationID))", field: "organisation_id")
        case .unknownStratum: .notFound("the indicator has no such stratum or gap", field: "stratum")
        case .noValues: .notFound("the series has no value yet", field: "organisation_id")
        }
    }
}
