import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import RPC
import Storage
import SwiftProtobuf

extension CatalogTransaction {
    /// Records where a unit stands with a published support (the latest record counts).
    func recordAdoption(_ request: Kunskapsloop_Catalog_V1_RecordAdoptionRequest) async throws -> ProtoAdoption {
        let supportID = try Self.uuid(request.knowledgeSupportID, field: "knowledge_support_id")
        let support = try await lock(supportID, field: "knowledge_support_id")
        guard support.status == .published || support.status == .underReview else {
            throw CatalogError.precondition("only a published support can be adopted; this one is \(support.status.rawValue.replacingOccurrences(of: "_", with: " "))")
        }
        guard let status = request.status.storageName else {
            throw CatalogError.invalid(field: "status", "set a status: adopted, planned or not applicable")
        }
        guard let unit = try await organisation(request.unitID) else {
            throw CatalogError.unknownOrganisation(request.unitID, field: "unit_id")
        }
        guard unit.level == .unit else {
            throw CatalogError.invalid(field: "unit_id", "'\(unit.name)' is at level \(Self.words(unit.level)); adoption is recorded by units")
        }
        let reason = request.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        var adoptedOn: CivilDate?
        var plannedOn: CivilDate?
        do {
            switch request.status {
            case .adopted:
                if let given = try request.adoptedOn.civilDate() { adoptedOn = given } else { adoptedOn = try await today() }
            case .planned:
                guard let planned = try request.plannedOn.civilDate() else {
                    throw CatalogError.invalid(field: "planned_on", "say when the unit plans to have adopted it")
                }
                plannedOn = planned
            default:
                guard !reason.isEmpty else { throw CatalogError.invalid(field: "reason", "say why the support does not apply to the unit") }
            }
        } catch let error as PeriodError {
            throw CatalogError.invalid(field: request.status == .planned ? "planned_on" : "adopted_on", "\(error)")
        }
        let previous = try await query("""
            SELECT status FROM \(unescaped: table("adoptions")) WHERE knowledge_support_id = \(supportID) AND unit_id = \(unit.id) FOR UPDATE
            """)
        var previousStatus = AdoptionStatus.unspecified
        for try await name in previous.decode(String.self) { previousStatus = AdoptionStatus(name: name) }
        try await query("""
            INSERT INTO \(unescaped: table("adoptions"))
                (knowledge_support_id, unit_id, knowledge_support_version, status, adopted_on, planned_on, reason, recorded_by, recorded_at)
            VALUES (\(supportID), \(unit.id), \(support.version), \(status),
                    DATE '1970-01-01' + \(adoptedOn?.daysSinceEpoch)::int, DATE '1970-01-01' + \(plannedOn?.daysSinceEpoch)::int,
                    \(reason), \(request.recordedBy), now())
            ON CONFLICT (knowledge_support_id, unit_id) DO UPDATE SET
                knowledge_support_version = EXCLUDED.knowledge_support_version, status = EXCLUDED.status,
                adopted_on = EXCLUDED.adopted_on, planned_on = EXCLUDED.planned_on, reason = EXCLUDED.reason,
                recorded_by = EXCLUDED.recorded_by, recorded_at = EXCLUDED.recorded_at
            """)
        let stored = try await adoptions(in: unit.id, deep: false, support: supportID, statuses: []).first!
        emit(CatalogEvents.adoptionRecorded(stored, support: try await supportRef(supportID, field: "knowledge_support_id"),
                                            previous: previousStatus, unitAncestors: unit.ancestorIds))
        return stored
    }

    /// Adoption records of the units in `scope` (that organisation, or its subtree when `deep`),
    /// optionally of one support and some statuses; by unit name, then support title.
    func adoptions(in scope: String, deep: Bool, support: UUID?, statuses: [String], offset: Int = 0, limit: Int = 1) async throws -> [ProtoAdoption] {
        let rows = try await query("""
            SELECT a.knowledge_support_id, a.knowledge_support_version, o.id AS unit_id, o.name AS unit_name, a.status,
                   a.adopted_on - DATE '1970-01-01' AS adopted_on, a.planned_on - DATE '1970-01-01' AS planned_on,
                   a.reason, a.recorded_by, a.recorded_at
            FROM \(unescaped: table("adoptions")) a
            JOIN \(unescaped: table("organisations")) o ON o.id = a.unit_id
            JOIN \(unescaped: table("knowledge_supports")) k ON k.id = a.knowledge_support_id
            WHERE (o.id = \(scope) OR (\(deep) AND \(scope) = ANY(o.ancestor_ids)))
              AND (\(support)::uuid IS NULL OR a.knowledge_support_id = \(support))
              AND (cardinality(\(statuses)::text[]) = 0 OR a.status = ANY(\(statuses)))
            ORDER BY o.name, o.id, k.title, k.id OFFSET \(offset) LIMIT \(limit)
            """)
        var result: [ProtoAdoption] = []
        for try await row in rows {
            let r = row.makeRandomAccess()
            var adoption = ProtoAdoption()
            adoption.knowledgeSupportID = try r["knowledge_support_id"].decode(UUID.self).uuidString.lowercased()
            adoption.knowledgeSupportVersion = try r["knowledge_support_version"].decode(Int32.self)
            adoption.unit.id = try r["unit_id"].decode(String.self)
            adoption.unit.name = try r["unit_name"].decode(String.self)
            adoption.unit.level = .unit
            adoption.status = AdoptionStatus(name: try r["status"].decode(String.self))
            if let days = try r["adopted_on"].decode(Int?.self) { adoption.adoptedOn = ProtoDate(CivilDate(daysSinceEpoch: days)) }
            if let days = try r["planned_on"].decode(Int?.self) { adoption.plannedOn = ProtoDate(CivilDate(daysSinceEpoch: days)) }
            adoption.reason = try r["reason"].decode(String.self)
            adoption.recordedBy = try r["recorded_by"].decode(String.self)
            adoption.recordedAt = Google_Protobuf_Timestamp(date: try r["recorded_at"].decode(Date.self))
            result.append(adoption)
        }
        return result
    }

    /// A page of adoptions in a subtree (or of one unit), with the tally over all of them.
    func listAdoptions(_ request: Kunskapsloop_Catalog_V1_ListAdoptionsRequest, offset: Int, limit: Int)
        async throws -> ([ProtoAdoption], Kunskapsloop_Catalog_V1_AdoptionTally, total: Int)
    {
        guard !request.organisationID.isEmpty else {
            throw CatalogError.invalid(field: "organisation_id", "name the unit, or the region whose units to list")
        }
        guard try await organisation(request.organisationID) != nil else {
            throw CatalogError.unknownOrganisation(request.organisationID, field: "organisation_id")
        }
        var support: UUID?
        if !request.knowledgeSupportID.isEmpty {
            support = try Self.uuid(request.knowledgeSupportID, field: "knowledge_support_id")
            _ = try await supportRef(support!, field: "knowledge_support_id")
        }
        let org = request.organisationID
        let deep = request.includeDescendants
        let statuses = request.statuses.compactMap(\.storageName)
        let page = try await adoptions(in: org, deep: deep, support: support, statuses: statuses, offset: offset, limit: limit)
        var tally = Kunskapsloop_Catalog_V1_AdoptionTally()
        var total = 0
        let counts = try await query("""
            SELECT a.status, count(*) FROM \(unescaped: table("adoptions")) a
            JOIN \(unescaped: table("organisations")) o ON o.id = a.unit_id
            WHERE (o.id = \(org) OR (\(deep) AND \(org) = ANY(o.ancestor_ids)))
              AND (\(support)::uuid IS NULL OR a.knowledge_support_id = \(support))
            GROUP BY a.status
            """)
        for try await (status, n) in counts.decode((String, Int).self) {
            switch AdoptionStatus(name: status) {
            case .adopted: tally.adoptedCount = Int32(n)
            case .planned: tally.plannedCount = Int32(n)
            case .notApplicable: tally.notApplicableCount = Int32(n)
            default: break
            }
            if statuses.isEmpty || statuses.contains(status) { total += n }
        }
        if support != nil {
            let units = try await count("""
                SELECT count(*) FROM \(unescaped: table("organisations")) o
                WHERE o.level = 'unit' AND (o.id = \(org) OR (\(deep) AND \(org) = ANY(o.ancestor_ids)))
                """)
            let recorded = Int(tally.adoptedCount + tally.plannedCount + tally.notApplicableCount)
            tally.unrecordedCount = Int32(max(0, units - recorded))
        }
        return (page, tally, total)
    }
}
