import Domain
import Foundation
import Messaging
import PostgresNIO
import Storage

extension CatalogStore {
    /// Where the unit stood with the support before, the record locked for the rest of the transaction.
    func lockAdoption(of support: UUID, by unit: String) async throws -> KnowledgeSupportAdoption.Status? {
        let name = try await query(
            """
            SELECT status FROM \(unescaped: table("adoptions")) WHERE knowledge_support_id = \(support) AND unit_id = \(unit) FOR UPDATE
            """
        ).decode(String.self).collect().first
        return try name.map { name in
            guard let status = KnowledgeSupportAdoption.Status(rawValue: name) else { throw StorageError.unreadable("an adoption status", name) }
            return status
        }
    }

    /// Records where `adoption`'s unit stands with its support (the latest record counts).
    func record(_ adoption: KnowledgeSupportAdoption, version: Int, reason: String, recordedBy: String) async throws {
        try await query(
            """
            INSERT INTO \(unescaped: table("adoptions"))
                (knowledge_support_id, unit_id, knowledge_support_version, status, adopted_on, planned_on, reason, recorded_by, recorded_at)
            VALUES (\(adoption.knowledgeSupportID)::uuid, \(adoption.organisationID), \(Int32(version)), \(adoption.status.rawValue),
                    DATE '1970-01-01' + \(adoption.adoptedOn?.daysSinceEpoch)::int, DATE '1970-01-01' + \(adoption.plannedOn?.daysSinceEpoch)::int,
                    \(reason), \(recordedBy), now())
            ON CONFLICT (knowledge_support_id, unit_id) DO UPDATE SET
                knowledge_support_version = EXCLUDED.knowledge_support_version, status = EXCLUDED.status,
                adopted_on = EXCLUDED.adopted_on, planned_on = EXCLUDED.planned_on, reason = EXCLUDED.reason,
                recorded_by = EXCLUDED.recorded_by, recorded_at = EXCLUDED.recorded_at
            """)
    }

    /// Adoption records of the units in `scope` (that organisation, or its subtree when `deep`),
    /// optionally of one support and some statuses; by unit name, then support title.
    func adoptions(
        in scope: String, deep: Bool, support: UUID?, statuses: [KnowledgeSupportAdoption.Status], offset: Int = 0, limit: Int = 1
    )
        async throws -> [AdoptionRecord]
    {
        let statuses = statuses.map(\.rawValue)
        let rows = try await query(
            """
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
        var result: [AdoptionRecord] = []
        for try await row in rows { result.append(try Self.adoption(from: row.makeRandomAccess())) }
        return result
    }

    /// Units by adoption status in `scope` (of one support, or of any), over all of them; with a
    /// support, also how many units there are in the scope.
    func adoptionTally(in scope: String, deep: Bool, support: UUID?) async throws -> AdoptionTally {
        var tally = AdoptionTally()
        let counts = try await query(
            """
            SELECT a.status, count(*) FROM \(unescaped: table("adoptions")) a
            JOIN \(unescaped: table("organisations")) o ON o.id = a.unit_id
            WHERE (o.id = \(scope) OR (\(deep) AND \(scope) = ANY(o.ancestor_ids)))
              AND (\(support)::uuid IS NULL OR a.knowledge_support_id = \(support))
            GROUP BY a.status
            """)
        for try await (status, n) in counts.decode((String, Int).self) {
            switch KnowledgeSupportAdoption.Status(rawValue: status) {
            case .adopted: tally.adopted = n
            case .planned: tally.planned = n
            case .notApplicable: tally.notApplicable = n
            case nil: break
            }
        }
        if support != nil {
            let units = try await count(
                """
                SELECT count(*) FROM \(unescaped: table("organisations")) o
                WHERE o.level = 'unit' AND (o.id = \(scope) OR (\(deep) AND \(scope) = ANY(o.ancestor_ids)))
                """)
            tally.unrecorded = max(0, units - tally.recorded)
        }
        return tally
    }

    static func adoption(from r: PostgresRandomAccessRow) throws -> AdoptionRecord {
        let statusName = try r["status"].decode(String.self)
        guard let status = KnowledgeSupportAdoption.Status(rawValue: statusName) else { throw StorageError.unreadable("an adoption status", statusName) }
        return AdoptionRecord(
            adoption: KnowledgeSupportAdoption(
                knowledgeSupportID: try r["knowledge_support_id"].decode(UUID.self).lowercasedString, organisationID: try r["unit_id"].decode(String.self),
                status: status, adoptedOn: CivilDate(days: try r["adopted_on"].decode(Int?.self)),
                plannedOn: CivilDate(days: try r["planned_on"].decode(Int?.self))),
            knowledgeSupportVersion: Int(try r["knowledge_support_version"].decode(Int32.self)), unitName: try r["unit_name"].decode(String.self),
            reason: try r["reason"].decode(String.self), recordedBy: try r["recorded_by"].decode(String.self),
            recordedAt: Instant(try r["recorded_at"].decode(Date.self)))
    }
}
