import CatalogProjection
import Contracts
import Domain
import Foundation
import PostgresNIO
import RPC

/// The follow-up service's RPC methods (all of `FollowUpService` in followup_service.proto).
enum FollowUpRouter {
    static func make(service: String, parts: FollowUpParts) throws -> RPCRouter {
        var router = RPCRouter(service: service)
        IndicatorMethods(parts: parts).register(&router)
        DecisionMethods(parts: parts).register(&router)
        MeasurementMethods(parts: parts).register(&router)
        AnalysisMethods(parts: parts).register(&router)
        SignalMethods(parts: parts).register(&router)
        AssessmentMethods(parts: parts).register(&router)
        return router
    }
}

extension FollowUpParts {
    /// The contract's indicator for a stored one, with its decisions and names.
    func message(_ stored: StoredIndicator, on connection: PostgresConnection) async throws -> Kunskapsloop_Followup_V1_Indicator {
        let code = stored.indicator.code
        let decisions = try await store.decisions([code], granularity: [code: stored.indicator.granularity], on: connection)[code] ?? []
        let title = try await stored.indicator.knowledgeSupportID.asyncMap { try await store.catalog.support($0, on: connection)?.title } ?? nil
        let orgs = try await store.catalog.organisations(Set(decisions.compactMap(\.organisationID)), on: connection)
        return IndicatorMessage.make(stored, decisions: decisions, areaNames: reanalysis.areaNames, supportTitle: title) { id in
            orgs[id].map { Kunskapsloop_Common_V1_OrganisationRef($0.organisation) } ?? Kunskapsloop_Common_V1_OrganisationRef(id: id)
        }
    }

    /// The indicator, or NOT_FOUND naming `field`.
    func indicator(_ code: String, field: String, lock: Bool = false, on connection: PostgresConnection) async throws -> StoredIndicator {
        guard let stored = try await store.indicator(code, lock: lock, on: connection) else {
            throw RPCError.notFound("no indicator has the code \(quoted(code))", field: field)
        }
        return stored
    }

    /// Actor of a change: the request's, else "rpc".
    static func actor(_ text: String) -> String {
        let trimmed = text.trimmingWhitespaceAndNewlines
        return trimmed.isEmpty ? "rpc" : String(trimmed.prefix(200))
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
