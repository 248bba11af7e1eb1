import Domain
import Foundation
import PostgresNIO
import Storage

extension CatalogStore {
    static let organisationColumns = "id, name, level, parent_id, hsa_id, county_code, ancestor_ids, created_at, updated_at"

    func organisation(_ id: String) async throws -> OrganisationRecord? {
        try await organisations(
            """
            SELECT \(unescaped: Self.organisationColumns) FROM \(unescaped: table("organisations")) WHERE id = \(id)
            """
        ).first
    }

    /// The organisations with these ids (those that exist), in no particular order.
    func organisations(_ ids: [String]) async throws -> [OrganisationRecord] {
        try await organisations(
            """
            SELECT \(unescaped: Self.organisationColumns) FROM \(unescaped: table("organisations")) WHERE id = ANY(\(ids)::text[])
            """)
    }

    /// Changes to the tree run one at a time per catalog, until this transaction ends; readers
    /// are not held up. A move rewrites its subtree's ancestors in one UPDATE, which cannot see a
    /// unit created meanwhile under a descendant: that unit would keep the old ancestors.
    /// Organisations change rarely; waiting is cheap. A lock on the catalog's own table, which no
    /// other role can take (a database-wide advisory lock any role could).
    func lockOrganisations() async throws {
        try await query("LOCK TABLE \(unescaped: table("organisations")) IN SHARE ROW EXCLUSIVE MODE")
    }

    /// Creates or changes an organisation at its place under `ancestors` (root first).
    /// - Throws: `CatalogError.alreadyExists` when another unit has its HSA-id.
    func upsert(_ organisation: Organisation, ancestors: [String]) async throws {
        do {
            try await query(
                """
                INSERT INTO \(unescaped: table("organisations")) AS o (id, name, level, parent_id, hsa_id, county_code, ancestor_ids)
                VALUES (\(organisation.id), \(organisation.name), \(organisation.level.rawValue), \(organisation.parentID),
                        \(organisation.hsaID), \(organisation.countyCode), \(ancestors))
                ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, parent_id = EXCLUDED.parent_id, hsa_id = EXCLUDED.hsa_id,
                    county_code = EXCLUDED.county_code, ancestor_ids = EXCLUDED.ancestor_ids,
                    updated_at = greatest(clock_timestamp(), o.updated_at + interval '1 microsecond')
                """)
        } catch  where isUniqueViolation(error, constraint: "organisations_hsa_id_key") {
            throw CatalogError.alreadyExists(field: "organisation.hsa_id", "another unit has HSA-id '\(organisation.hsaID ?? "")'")
        }
    }

    /// Moves the subtree below `id` along with it: each descendant's ancestors become `ancestors`
    /// (the new ones of `id`), `id`, and its path below `id`. Returns the moved descendants.
    func moveSubtree(of id: String, under ancestors: [String]) async throws -> [OrganisationRecord] {
        try await organisations(
            """
            UPDATE \(unescaped: table("organisations"))
            SET ancestor_ids = \(ancestors)::text[] || ancestor_ids[array_position(ancestor_ids, \(id)):],
                updated_at = greatest(clock_timestamp(), updated_at + interval '1 microsecond')
            WHERE \(id) = ANY(ancestor_ids)
            RETURNING \(unescaped: Self.organisationColumns)
            """)
    }

    /// The direct children of `id`, by name.
    func children(of id: String) async throws -> [OrganisationRecord] {
        try await organisations(
            """
            SELECT \(unescaped: Self.organisationColumns) FROM \(unescaped: table("organisations"))
            WHERE parent_id = \(id) ORDER BY name, id
            """)
    }

    /// The subtree of `rootID` depth-first, siblings by name; a page of it and the total.
    func subtree(
        of rootID: String, levels: [Organisation.Level], offset: Int, limit: Int
    ) async throws
        -> (organisations: [OrganisationRecord], total: Int)
    {
        let levels = levels.map(\.rawValue)
        // The sort key is the path of names from the root, so a parent comes before its children.
        let rows = try await query(
            """
            WITH RECURSIVE tree AS (
                SELECT o.*, ARRAY[o.name, o.id] AS sort_key FROM \(unescaped: table("organisations")) o WHERE o.id = \(rootID)
                UNION ALL
                SELECT c.*, t.sort_key || ARRAY[c.name, c.id]
                FROM \(unescaped: table("organisations")) c JOIN tree t ON c.parent_id = t.id
            )
            SELECT \(unescaped: Self.organisationColumns), count(*) OVER () AS total FROM tree
            WHERE cardinality(\(levels)::text[]) = 0 OR level = ANY(\(levels))
            ORDER BY sort_key OFFSET \(offset) LIMIT \(limit)
            """)
        var result: [OrganisationRecord] = []
        var total = 0
        for try await row in rows {
            let columns = row.makeRandomAccess()
            total = try columns["total"].decode(Int.self)
            result.append(try Self.organisation(from: columns))
        }
        if result.isEmpty && offset > 0 {
            total = try await count(
                """
                SELECT count(*) FROM \(unescaped: table("organisations"))
                WHERE (id = \(rootID) OR \(rootID) = ANY(ancestor_ids)) AND (cardinality(\(levels)::text[]) = 0 OR level = ANY(\(levels)))
                """)
        }
        return (result, total)
    }

    /// The id of the national root (the top of every subtree), once seeded.
    func nationalRootID() async throws -> String? {
        try await query("SELECT id FROM \(unescaped: table("organisations")) WHERE level = 'national' LIMIT 1").decode(String.self).collect().first
    }

    func organisations(_ sql: PostgresQuery) async throws -> [OrganisationRecord] {
        var result: [OrganisationRecord] = []
        for try await row in try await query(sql) { result.append(try Self.organisation(from: row.makeRandomAccess())) }
        return result
    }

    static func organisation(from row: PostgresRandomAccessRow) throws -> OrganisationRecord {
        let id = try row["id"].decode(String.self)
        let levelName = try row["level"].decode(String.self)
        guard let level = Organisation.Level(rawValue: levelName) else { throw StorageError.unreadable("an organisation level", levelName) }
        return OrganisationRecord(
            organisation: Organisation(
                id: id, name: try row["name"].decode(String.self), level: level,
                parentID: try row["parent_id"].decode(String?.self), countyCode: try row["county_code"].decode(String?.self),
                hsaID: try row["hsa_id"].decode(String?.self)),
            ancestorIDs: try row["ancestor_ids"].decode([String].self),
            createdAt: Instant(try row["created_at"].decode(Date.self)), updatedAt: Instant(try row["updated_at"].decode(Date.self)))
    }
}

extension CatalogStore {
    /// The programme areas by Swedish name, with their English names and whether they are active.
    func programmeAreas(includeInactive: Bool) async throws -> [(area: ProgrammeArea, nameEnglish: String, active: Bool)] {
        try await query(
            """
            SELECT id, name, name_en, active FROM \(unescaped: table("programme_areas"))
            WHERE active OR \(includeInactive) ORDER BY name, id
            """
        ).decode((String, String, String, Bool).self).collect().map { (ProgrammeArea(id: $0.0, name: $0.1), $0.2, $0.3) }
    }

    func programmeArea(_ id: String) async throws -> ProgrammeArea? {
        try await query("SELECT name FROM \(unescaped: table("programme_areas")) WHERE id = \(id)")
            .decode(String.self).collect().first.map { ProgrammeArea(id: id, name: $0) }
    }
}
