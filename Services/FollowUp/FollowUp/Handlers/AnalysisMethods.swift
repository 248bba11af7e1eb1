import CatalogProjection
import Contracts
import Domain
import Foundation
import PostgresNIO
import RPC
import ServiceRuntime
import Storage
import Variation

/// GetAnalysis and CompareUnits: reads, no change.
struct AnalysisMethods: Sendable {
    let parts: FollowUpParts

    func register(_ router: inout RPCRouter) {
        router.register("GetAnalysis") { (request: Kunskapsloop_Followup_V1_GetAnalysisRequest, _) in
            try await analysis(request)
        }
        router.register("CompareUnits") { (request: Kunskapsloop_Followup_V1_CompareUnitsRequest, _) in
            try await compare(request)
        }
    }

    /// A presenter that knows the organisations named, and the indicator.
    func presenter(_ stored: StoredIndicator, organisations ids: Set<String>, on connection: PostgresConnection) async throws -> SignalPresenter {
        let orgs = try await parts.store.catalog.organisations(ids, on: connection)
        let title = try await stored.indicator.knowledgeSupportID.asyncMap { try await parts.store.catalog.support($0, on: connection)?.title } ?? nil
        return SignalPresenter(
            indicators: [stored.indicator.code: stored.indicator], directory: OrganisationDirectory(Array(orgs.values)),
            areaNames: parts.reanalysis.areaNames,
            supportTitles: stored.indicator.knowledgeSupportID.map { [$0: title ?? ""] } ?? [:], events: parts.events)
    }

    func analysis(_ request: Kunskapsloop_Followup_V1_GetAnalysisRequest) async throws -> Kunskapsloop_Followup_V1_GetAnalysisResponse {
        guard let population = request.hasStratum ? request.stratum.population : .total else {
            throw RPCError.invalidArgument("a gap needs its stratum", field: "stratum.stratum")
        }
        return try await parts.database.read { connection in
            let snapshot: SeriesSnapshot
            do {
                snapshot = try await SeriesSnapshot.load(
                    parts, code: request.indicatorCode, organisationID: request.organisationID,
                    population: population, on: connection)
            } catch let problem as SeriesSnapshot.Problem {
                throw SeriesSnapshot.rpcError(problem, code: request.indicatorCode, organisationID: request.organisationID)
            }
            let ids = Set([request.organisationID] + snapshot.signals.compactMap(\.record.comparisonParentID) + snapshot.decisions.compactMap(\.organisationID))
            let presenter = try await presenter(snapshot.stored, organisations: ids, on: connection)
            let indicator = try await parts.message(snapshot.stored, on: connection)
            var response = Kunskapsloop_Followup_V1_GetAnalysisResponse()
            response.analysis = AnalysisMessage.make(
                snapshot, indicator: indicator, presenter: presenter,
                pageURL: parts.events.pageURL(
                    indicatorCode: request.indicatorCode,
                    organisationID: request.organisationID, population: population))
            return response
        }
    }

    func compare(_ request: Kunskapsloop_Followup_V1_CompareUnitsRequest) async throws -> Kunskapsloop_Followup_V1_CompareUnitsResponse {
        try await parts.database.read { connection in
            let stored = try await parts.indicator(request.indicatorCode, field: "indicator_code", on: connection)
            let comparison = try await Self.comparison(
                parts, stored: stored, parentID: request.parentOrganisationID,
                level: request.comparedLevel, stratum: request.hasStratum ? request.stratum.domain : nil,
                period: request.hasPeriod ? request.period : nil, method: request.method, on: connection)
            let (plot, period, population) = comparison
            let funnel = try await parts.store.funnelSignals(
                indicatorCode: stored.indicator.code, population: population.key, onset: period,
                on: connection)
            let signalIDs = Dictionary(funnel.map { ($0.record.key.organisationID, $0.record.id) }, uniquingKeysWith: { a, _ in a })
            var response = Kunskapsloop_Followup_V1_CompareUnitsResponse()
            response.comparison = ComparisonMessage.make(
                plot, indicator: stored.indicator, population: population, period: period,
                method: request.method, signalIDs: signalIDs,
                pageURL: parts.events.pageURL(
                    indicatorCode: stored.indicator.code, organisationID: plot.parent.id,
                    population: population))
            return response
        }
    }

    /// The comparison a request asks for, read from the stored series.
    static func comparison(
        _ parts: FollowUpParts, stored: StoredIndicator, parentID: String, level: Kunskapsloop_Common_V1_OrganisationLevel,
        stratum: Stratum?, period: Kunskapsloop_Common_V1_Period?, method: Kunskapsloop_Followup_V1_FunnelMethod,
        on connection: PostgresConnection
    ) async throws -> (SiblingComparison, Period, SeriesPopulation) {
        let indicator = stored.indicator
        guard indicator.valueType == .proportion else {
            throw RPCError.failedPrecondition(
                "only proportions are compared in a funnel plot; \(indicator.code) is a \(indicator.valueType.rawValue)",
                field: "indicator_code")
        }
        guard let parent = try await parts.store.catalog.organisation(parentID, on: connection) else {
            throw RPCError.notFound("no organisation in the catalog has the id \(quoted(parentID))", field: "parent_organisation_id")
        }
        let compared: Organisation.Level
        if let l = Organisation.Level(level) {
            compared = l
        } else {
            guard let child = try await parts.store.catalog.children(of: parentID, on: connection).first else {
                throw RPCError.failedPrecondition("\(quoted(parentID)) has no organisations below it to compare", field: "parent_organisation_id")
            }
            compared = child.organisation.level
        }
        guard compared > parent.organisation.level else {
            throw RPCError.invalidArgument("the compared level must be below the parent's (\(parent.organisation.level.rawValue))", field: "compared_level")
        }
        let population: SeriesPopulation = stratum.map(SeriesPopulation.stratum) ?? .total
        guard indicator.populations.contains(population) else {
            throw RPCError.notFound("the indicator has no stratum \(quoted(stratum?.description ?? ""))", field: "stratum")
        }
        let chosen: Period
        if let period, let result = period.periodResult {
            switch result {
            case .success(let p): chosen = p
            case .failure(let e): throw RPCError.invalidArgument("the period does not exist: \(e.message)", field: "period")
            }
            guard chosen.granularity == indicator.granularity else {
                throw RPCError.invalidArgument("\(chosen) is not a \(indicator.granularity.rawValue) like the indicator's periods", field: "period")
            }
        } else {
            guard let latest = stored.latestPeriod else {
                throw RPCError.failedPrecondition("the indicator has no values yet", field: "indicator_code")
            }
            chosen = latest
        }
        let members = try await parts.store.catalog.descendants(of: parentID, at: compared, on: connection)
        let series = try await parts.store.series(
            indicatorCode: indicator.code, population: population.key, organisations: members.map(\.id),
            on: connection)
        let byOrg = Dictionary(series.map { ($0.organisationID, $0) }, uniquingKeysWith: { a, _ in a })
        let points = members.map { m -> SiblingComparison.Member in
            let s = byOrg[m.id]
            let k = chosen.ordinal - (s?.firstOrdinal ?? 0)
            let point = s.flatMap { $0.points.indices.contains(k) ? $0.points[k] : nil }
            return SiblingComparison.Member(organisation: m, point: point)
        }
        let funnelMethod: FunnelOptions.Method =
            switch method {
            case .exactBinomial: .exactBinomial
            case .normal: .normal(.none)
            default: .normal(.estimated)
            }
        return (
            SiblingComparison(parent: parent, level: compared, members: points, method: funnelMethod, directionOfGood: indicator.directionOfGood),
            chosen, population
        )
    }
}
