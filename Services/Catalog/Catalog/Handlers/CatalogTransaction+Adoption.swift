import Contracts
import Domain
import Foundation
import Messaging
import Storage

extension CatalogTransaction {
    /// Records where a unit stands with a published support (the latest record counts).
    func recordAdoption(_ request: Kunskapsloop_Catalog_V1_RecordAdoptionRequest) async throws -> AdoptionRecord {
        let supportID = try Self.uuid(request.knowledgeSupportID, field: "knowledge_support_id")
        let support = try await lock(supportID, field: "knowledge_support_id")
        guard support.status == .published || support.status == .underReview else {
            throw CatalogError.precondition(
                "only a published support can be adopted; this one is \(support.status.rawValue.replacingOccurrences(of: "_", with: " "))")
        }
        guard let status = KnowledgeSupportAdoption.Status(request.status) else {
            throw CatalogError.invalid(field: "status", "set a status: adopted, planned or not applicable")
        }
        guard let unit = try await store.organisation(request.unitID) else {
            throw CatalogError.unknownOrganisation(request.unitID, field: "unit_id")
        }
        guard unit.organisation.level == .unit else {
            throw CatalogError.invalid(
                field: "unit_id", "'\(unit.organisation.name)' is at level \(unit.organisation.level.words); adoption is recorded by units")
        }
        let reason = request.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        var adoption = KnowledgeSupportAdoption(knowledgeSupportID: supportID.lowercasedString, organisationID: unit.id, status: status)
        do {
            switch status {
            case .adopted:
                if let given = try request.adoptedOn.civilDate() { adoption.adoptedOn = given } else { adoption.adoptedOn = try await store.today() }
            case .planned:
                guard let planned = try request.plannedOn.civilDate() else {
                    throw CatalogError.invalid(field: "planned_on", "say when the unit plans to have adopted it")
                }
                adoption.plannedOn = planned
            case .notApplicable:
                guard !reason.isEmpty else { throw CatalogError.invalid(field: "reason", "say why the support does not apply to the unit") }
            }
        } catch let error as PeriodError {
            throw CatalogError.invalid(field: status == .planned ? "planned_on" : "adopted_on", "\(error)")
        }
        let previous = try await store.lockAdoption(of: supportID, by: unit.id)
        try await store.record(adoption, version: support.version, reason: reason, recordedBy: request.recordedBy)
        guard let stored = try await store.adoptions(in: unit.id, deep: false, support: supportID, statuses: []).first else {
            throw StorageError(.handlerFailed, "the adoption of \(supportID.lowercasedString) by '\(unit.id)' just written cannot be read back")
        }
        emit(
            CatalogEvents.adoptionRecorded(
                stored, support: try await reference(supportID, field: "knowledge_support_id"),
                previous: previous, unitAncestors: unit.ancestorIDs))
        return stored
    }

    /// A page of adoptions in a subtree (or of one unit), with the tally over all of them and
    /// how many there are with the statuses asked for.
    func listAdoptions(
        _ request: Kunskapsloop_Catalog_V1_ListAdoptionsRequest, offset: Int, limit: Int
    )
        async throws -> (adoptions: [AdoptionRecord], tally: AdoptionTally, total: Int)
    {
        guard !request.organisationID.isEmpty else {
            throw CatalogError.invalid(field: "organisation_id", "name the unit, or the region whose units to list")
        }
        guard try await store.organisation(request.organisationID) != nil else {
            throw CatalogError.unknownOrganisation(request.organisationID, field: "organisation_id")
        }
        var support: UUID?
        if !request.knowledgeSupportID.isEmpty {
            let id = try Self.uuid(request.knowledgeSupportID, field: "knowledge_support_id")
            _ = try await reference(id, field: "knowledge_support_id")
            support = id
        }
        let (scope, deep) = (request.organisationID, request.includeDescendants)
        let statuses = request.statuses.compactMap(KnowledgeSupportAdoption.Status.init)
        let page = try await store.adoptions(in: scope, deep: deep, support: support, statuses: statuses, offset: offset, limit: limit)
        let tally = try await store.adoptionTally(in: scope, deep: deep, support: support)
        let total = statuses.isEmpty ? tally.recorded : Set(statuses).reduce(0) { $0 + tally.count(of: $1) }
        return (page, tally, total)
    }
}
