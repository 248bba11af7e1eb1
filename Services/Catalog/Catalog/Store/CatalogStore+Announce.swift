import Domain
import Foundation
import PostgresNIO
import Storage

/// An adoption with what its event carries besides: the support's reference and the unit's ancestors.
struct AnnouncedAdoption: Sendable {
    let record: AdoptionRecord
    let support: KnowledgeSupport.Reference
    let unitAncestorIDs: [String]
}

extension CatalogStore {
    /// The next `limit` organisations after `after` (depth, id), parents before children.
    func organisations(after: (depth: Int, id: String)?, limit: Int) async throws -> [OrganisationRecord] {
        let (depth, id) = after ?? (-1, "")
        return try await organisations(
            """
            SELECT \(unescaped: Self.organisationColumns) FROM \(unescaped: table("organisations"))
            WHERE (cardinality(ancestor_ids), id) > (\(depth), \(id))
            ORDER BY cardinality(ancestor_ids), id LIMIT \(limit)
            """)
    }

    /// The next `limit` supports after `after` by id whose status is one of `statuses`.
    func supportIDs(after: UUID?, statuses: [KnowledgeSupport.Status], limit: Int) async throws -> [UUID] {
        try await query(
            """
            SELECT id FROM \(unescaped: table("knowledge_supports"))
            WHERE status = ANY(\(statuses.map(\.rawValue))::text[]) AND (\(after)::uuid IS NULL OR id > \(after))
            ORDER BY id LIMIT \(limit)
            """
        ).decode(UUID.self).collect()
    }

    /// The supports that replace these (a `replaces` link stated from the replacement), by the replaced one.
    func replacements(of ids: [UUID]) async throws -> [UUID: UUID] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await query(
            """
            SELECT target_id, source_id FROM \(unescaped: table("links")) WHERE relation = 'replaces' AND target_id = ANY(\(ids))
            """
        ).decode((UUID, UUID).self).collect()
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }

    /// The next `limit` adoption records after `after` (support, unit).
    func adoptions(after: (support: UUID, unit: String)?, limit: Int) async throws -> [AnnouncedAdoption] {
        let rows = try await query(
            """
            SELECT a.knowledge_support_id, a.knowledge_support_version, o.id AS unit_id, o.name AS unit_name, a.status,
                   a.adopted_on - DATE '1970-01-01' AS adopted_on, a.planned_on - DATE '1970-01-01' AS planned_on,
                   a.reason, a.recorded_by, a.recorded_at, o.ancestor_ids, k.slug, k.title, k.kind, k.status AS support_status
            FROM \(unescaped: table("adoptions")) a
            JOIN \(unescaped: table("organisations")) o ON o.id = a.unit_id
            JOIN \(unescaped: table("knowledge_supports")) k ON k.id = a.knowledge_support_id
            WHERE \(after?.support)::uuid IS NULL OR (a.knowledge_support_id, a.unit_id) > (\(after?.support), \(after?.unit))
            ORDER BY a.knowledge_support_id, a.unit_id LIMIT \(limit)
            """)
        var result: [AnnouncedAdoption] = []
        for try await row in rows {
            let r = row.makeRandomAccess()
            let support = Self.reference(
                id: try r["knowledge_support_id"].decode(UUID.self), slug: try r["slug"].decode(String.self),
                title: try r["title"].decode(String.self), kind: try r["kind"].decode(String.self),
                status: try r["support_status"].decode(String.self))
            result.append(
                AnnouncedAdoption(
                    record: try Self.adoption(from: r), support: support,
                    unitAncestorIDs: try r["ancestor_ids"].decode([String].self)))
        }
        return result
    }
}
