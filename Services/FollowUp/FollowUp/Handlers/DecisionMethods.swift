import Contracts
import Domain
import Foundation
import Messaging
import RPC
import ServiceRuntime
import Storage

/// RecordDecision: a phase break, baseline or withdrawal, recorded and applied at once.
struct DecisionMethods: Sendable {
    let parts: FollowUpParts

    func register(_ router: inout RPCRouter) {
        router.register("RecordDecision") { (request: Kunskapsloop_Followup_V1_RecordDecisionRequest, context) in
            try await record(request, key: context.messageID)
        }
    }

    func record(_ request: Kunskapsloop_Followup_V1_RecordDecisionRequest, key: String?) async throws -> Kunskapsloop_Followup_V1_RecordDecisionResponse {
        guard request.hasDecision, let kind = ChartDecision.Kind(request.decision.kind) else {
            throw RPCError.invalidArgument("decision.kind is required (PHASE_BREAK, BASELINE or WITHDRAWAL)", field: "decision.kind")
        }
        let d = request.decision
        var period: Period?
        switch d.period.periodResult {
        case nil: period = nil
        case .success(let p)?: period = p
        case .failure(let error)?: throw RPCError.invalidArgument("the period does not exist: \(error.message)", field: "decision.period")
        }
        if kind == .withdrawal { period = nil }
        let decisionPeriod = period
        let actor = FollowUpParts.actor(request.actor)
        let organisationID = d.hasOrganisation && !d.organisation.id.isEmpty ? d.organisation.id : nil
        return try await parts.database.idempotent("RecordDecision", key: key) { tx in
            let now = Date()
            let stored = try await parts.indicator(request.indicatorCode, field: "indicator_code", lock: true, on: tx.connection)
            let code = stored.indicator.code
            if let organisationID, try await parts.store.knownOrganisations([organisationID], on: tx.connection).isEmpty {
                throw RPCError.notFound("no organisation in the catalog has the id \(quoted(organisationID))", field: "decision.organisation.id")
            }
            let existing = try await parts.store.decisions([code], granularity: [code: stored.indicator.granularity], on: tx.connection)[code] ?? []
            let decision = ChartDecision(
                id: UUID().lowercasedString, kind: kind, organisationID: kind == .withdrawal ? nil : organisationID, period: decisionPeriod,
                baselineLength: kind == .baseline ? Int(d.baselineLength) : 0,
                withdrawnDecisionID: kind == .withdrawal ? d.withdrawnDecisionID.lowercased() : nil, reason: d.reason, label: d.label,
                author: actor, decidedAt: now.timeIntervalSince1970)
            do throws(IndicatorError) {
                try decision.validate(indicator: stored.indicator, existing: existing)
            } catch {
                throw IndicatorMessage.rpcError(error)
            }
            try await parts.store.insert(decision, indicatorCode: code, on: tx.connection)
            let (events, _) = try await parts.reanalysis.run([code], cause: .decision("decision:\(decision.id)"), at: now, on: tx.connection)
            tx.emit(events)
            let after = try await parts.indicator(code, field: "indicator_code", on: tx.connection)
            var response = Kunskapsloop_Followup_V1_RecordDecisionResponse()
            response.indicator = try await parts.message(after, on: tx.connection)
            response.decision = response.indicator.decisions.first { $0.id == decision.id } ?? Kunskapsloop_Followup_V1_Decision(decision, organisation: nil)
            return response
        }
    }
}
