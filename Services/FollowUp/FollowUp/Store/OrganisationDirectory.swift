import CatalogProjection
import Domain
import PostgresNIO

/// The catalog's organisations as the projection has them now, for aggregation, comparisons,
/// names in events and scopes: by id, with the tree.
struct OrganisationDirectory: Sendable {
    let byID: [String: PlacedOrganisation]
    let tree: OrganisationTree

    init(_ organisations: [PlacedOrganisation]) {
        var byID: [String: PlacedOrganisation] = [:]
        for o in organisations { byID[o.id] = o }
        self.byID = byID
        tree = OrganisationTree(organisations.map { ($0.id, $0.organisation.parentID) })
    }

    subscript(id: String) -> PlacedOrganisation? { byID[id] }

    /// The roots at national level, by id.
    var nations: [PlacedOrganisation] {
        byID.values.filter { $0.organisation.level == .national && $0.organisation.parentID == nil }.sorted { $0.id < $1.id }
    }

    /// The organisations below `id` (any depth) at `level`, by name.
    func descendants(of id: String, at level: Organisation.Level) -> [PlacedOrganisation] {
        byID.values.filter { $0.organisation.level == level && $0.ancestorIDs.contains(id) }
            .sorted { ($0.organisation.name, $0.id) < ($1.organisation.name, $1.id) }
    }

    /// The ancestors' ids, root first.
    func ancestorIDs(of id: String) -> [String] { byID[id]?.ancestorIDs ?? tree.ancestors(of: id).reversed() }

    func name(_ id: String) -> String { byID[id]?.organisation.name ?? id }
}

extension FollowUpStore {
    /// Every organisation the projection knows.
    func organisationDirectory(on connection: PostgresConnection) async throws -> OrganisationDirectory {
        let rows = try await connection.query(
            """
            SELECT id, name, level, parent_id, ancestor_ids, hsa_id FROM \(unescaped: catalog.table("organisations"))
            """, logger: logger)
        var result: [PlacedOrganisation] = []
        for try await (id, name, level, parent, ancestors, hsa) in rows.decode((String, String, String, String?, [String], String).self) {
            guard let level = Organisation.Level(rawValue: level) else { continue }
            result.append(
                PlacedOrganisation(
                    organisation: Organisation(
                        id: id, name: name, level: level, parentID: parent,
                        hsaID: hsa.isEmpty ? nil : hsa), ancestorIDs: ancestors))
        }
        return OrganisationDirectory(result)
    }

    /// The ids among `ids` the projection knows.
    func knownOrganisations(_ ids: Set<String>, on connection: PostgresConnection) async throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        return Set(
            try await connection.query(
                """
                SELECT id FROM \(unescaped: catalog.table("organisations")) WHERE id = ANY(\(Array(ids))::text[])
                """, logger: logger
            ).all(String.self))
    }
}
