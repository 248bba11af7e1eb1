import CatalogProjection
import Contracts
import Domain
import Foundation
import PostgresNIO
import RPC
import ServiceRuntime
import Storage
import SwiftProtobuf

/// ListSignals and GetSignal.
struct SignalMethods: Sendable {
    let parts: FollowUpParts

    func register(_ router: inout RPCRouter) {
        router.register("ListSignals") { (request: Kunskapsloop_Followup_V1_ListSignalsRequest, _) in
            try await list(request)
        }
        router.register("GetSignal") { (request: Kunskapsloop_Followup_V1_GetSignalRequest, _) in
            try await parts.database.read { connection in
                let stored = try await parts.store.signal(
                    id: request.id.lowercased(),
                    granularity: { code in
                        try await parts.store.indicator(code, on: connection)?.indicator.granularity
                    }, on: connection)
                guard let stored else { throw RPCError.notFound("no signal has the id \(quoted(request.id))", field: "id") }
                var response = Kunskapsloop_Followup_V1_GetSignalResponse()
                response.signal = try await presenter(for: [stored], on: connection).signal(stored)
                return response
            }
        }
    }

    /// A presenter for these signals: their indicators, organisations and parents, supports.
    func presenter(for signals: [StoredSignal], on connection: PostgresConnection) async throws -> SignalPresenter {
        let indicators = try await parts.store.indicators(Set(signals.map(\.record.key.indicatorCode)), on: connection)
        let ids = Set(signals.map(\.record.key.organisationID) + signals.compactMap(\.record.comparisonParentID))
        let orgs = try await parts.store.catalog.organisations(ids, on: connection)
        var titles: [String: String] = [:]
        for id in Set(indicators.values.compactMap(\.indicator.knowledgeSupportID)) {
            titles[id] = try await parts.store.catalog.support(id, on: connection)?.title
        }
        return SignalPresenter(
            indicators: indicators.mapValues(\.indicator), directory: OrganisationDirectory(Array(orgs.values)),
            areaNames: parts.reanalysis.areaNames, supportTitles: titles, events: parts.events)
    }

    func list(_ request: Kunskapsloop_Followup_V1_ListSignalsRequest) async throws -> Kunskapsloop_Followup_V1_ListSignalsResponse {
        let size = try PageCursor<Int>.size(request.page)
        var unpaged = request
        unpaged.page = .init()
        let fingerprint = PageCursor<Int>.fingerprint(unpaged)
        let offset = try PageCursor<Int>.decode(request.page, fingerprint: fingerprint)?.after ?? 0
        var filter = SignalFilter()
        filter.statuses = request.statuses.compactMap { $0 == .open ? "open" : ($0 == .closed ? "closed" : nil) }
        filter.indicatorCode = request.indicatorCode.isEmpty ? nil : request.indicatorCode
        filter.organisationID = request.organisationID.isEmpty ? nil : request.organisationID
        filter.includeDescendants = request.includeDescendants
        filter.programmeAreaID = request.programmeAreaID.isEmpty ? nil : request.programmeAreaID
        filter.rules = request.rules.compactMap { SignalRule($0)?.rawValue }
        filter.directions = request.directions.compactMap { SignalDirection($0)?.rawValue }
        filter.minimumSeverity = request.minimumSeverity.rawValue
        filter.changedSince = request.hasChangedSince ? request.changedSince.date : nil
        let chosen = filter
        return try await parts.database.read { connection in
            let codes = try await allGranularities(on: connection)
            let (page, total) = try await parts.store.listSignals(chosen, offset: offset, limit: size + 1, granularity: codes, on: connection)
            let shown = Array(page.prefix(size))
            let presenter = try await presenter(for: shown, on: connection)
            var response = Kunskapsloop_Followup_V1_ListSignalsResponse()
            response.signals = shown.map(presenter.signal)
            response.page.totalSize = Int64(total)
            if page.count > size { response.page.nextPageToken = PageCursor(request: fingerprint, after: offset + size).encoded }
            return response
        }
    }

    /// Every indicator's granularity (signals store periods as ordinals).
    func allGranularities(on connection: PostgresConnection) async throws -> [String: Period.Granularity] {
        let rows = try await connection.query(
            "SELECT code, granularity FROM \(unescaped: parts.store.table("indicators"))",
            logger: parts.store.logger
        ).all(String.self, String.self)
        return Dictionary(rows.compactMap { code, g in Period.Granularity(rawValue: g).map { (code, $0) } }, uniquingKeysWith: { a, _ in a })
    }
}
