import CatalogProjection
import Foundation
import PostgresNIO

/// Adoption of a knowledge support by the units at or under an organisation, from the catalog's
/// adoption events.
struct AdoptionCounts: Sendable {
    let knowledgeSupportID: String
    let units: Int
    let adopted: Int
    let planned: Int
    let notApplicable: Int
    /// When the latest record behind the counts was recorded.
    let asOf: Date?
    /// The organisation's own record when it is a unit: when it adopted the support.
    let adoptedOn: String?
}

extension FollowUpStore {
    func adoption(of supportID: String, under organisationID: String, on connection: PostgresConnection) async throws -> AdoptionCounts {
        let rows = try await connection.query(
            """
            SELECT count(*)::int, (count(*) FILTER (WHERE a.status = 'adopted'))::int, (count(*) FILTER (WHERE a.status = 'planned'))::int,
                   (count(*) FILTER (WHERE a.status = 'not_applicable'))::int, max(a.recorded_at),
                   max(a.adopted_on::text) FILTER (WHERE o.id = \(organisationID))
            FROM \(unescaped: catalog.table("organisations")) o
            LEFT JOIN \(unescaped: catalog.table("adoptions")) a ON a.organisation_id = o.id AND a.knowledge_support_id = \(supportID)
            WHERE o.level = 'unit' AND (o.id = \(organisationID) OR \(organisationID) = ANY(o.ancestor_ids))
            """, logger: logger
        ).all(Int.self, Int.self, Int.self, Int.self, Date?.self, String?.self)
        let r = rows.first ?? (0, 0, 0, 0, nil, nil)
        return AdoptionCounts(knowledgeSupportID: supportID, units: r.0, adopted: r.1, planned: r.2, notApplicable: r.3, asOf: r.4, adoptedOn: r.5)
    }
}
