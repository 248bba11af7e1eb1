import Domain
import Foundation
import PostgresNIO
import Storage

extension CatalogStore {
    /// Changes of building blocks run one at a time per catalog, until this transaction ends
    /// (readers are not held up): a cycle can close through two additions with no row in common
    /// (a→b and c→d over b→c and d→a), and neither would see the other's row. A lock on the
    /// catalog's own table, which no other role can take.
    func lockBuildingBlocks() async throws {
        try await query("LOCK TABLE \(unescaped: table("building_blocks")) IN SHARE ROW EXCLUSIVE MODE")
    }

    /// Whether `id` is already (indirectly) a building block of `block`.
    func isBuilt(into block: UUID, id: UUID) async throws -> Bool {
        try await count(
            """
            WITH RECURSIVE below AS (
                SELECT block_id FROM \(unescaped: table("building_blocks")) WHERE knowledge_support_id = \(block)
                UNION
                SELECT b.block_id FROM \(unescaped: table("building_blocks")) b JOIN below ON b.knowledge_support_id = below.block_id
            )
            SELECT count(*) FROM below WHERE block_id = \(id)
            """) > 0
    }

    func buildingBlockCount(of id: UUID) async throws -> Int {
        try await count("SELECT count(*) FROM \(unescaped: table("building_blocks")) WHERE knowledge_support_id = \(id)")
    }

    /// Inserts `block` among the building blocks of `id` at `position`, moving later ones down.
    /// - Throws: `CatalogError.alreadyExists` when it is a block of `id` already (`slug` names it).
    func insertBuildingBlock(_ id: UUID, block: UUID, at position: Int, slug: String) async throws {
        try await query(
            """
            UPDATE \(unescaped: table("building_blocks")) SET position = position + 1
            WHERE knowledge_support_id = \(id) AND position >= \(position)
            """)
        do {
            try await query(
                """
                INSERT INTO \(unescaped: table("building_blocks")) (knowledge_support_id, block_id, position) VALUES (\(id), \(block), \(position))
                """)
        } catch  where isUniqueViolation(error, constraint: "building_blocks_pkey") {
            throw CatalogError.alreadyExists(field: "building_block_id", "'\(slug)' is a building block of this support already")
        }
    }

    /// Removes `block` from the blocks of `id` and renumbers the rest 0…n-1; false when it was not one.
    func deleteBuildingBlock(_ id: UUID, block: UUID) async throws -> Bool {
        let removed = try await count(
            """
            WITH gone AS (
                DELETE FROM \(unescaped: table("building_blocks")) WHERE knowledge_support_id = \(id) AND block_id = \(block) RETURNING 1
            ) SELECT count(*) FROM gone
            """)
        guard removed == 1 else { return false }
        try await query(
            """
            UPDATE \(unescaped: table("building_blocks")) b SET position = r.n - 1
            FROM (SELECT block_id, row_number() OVER (ORDER BY position) AS n FROM \(unescaped: table("building_blocks"))
                  WHERE knowledge_support_id = \(id)) r
            WHERE b.knowledge_support_id = \(id) AND b.block_id = r.block_id
            """)
        return true
    }

    /// The supports not retired that use `id` as a building block, by slug.
    func dependents(of id: UUID) async throws -> [KnowledgeSupport.Reference] {
        try await query(
            """
            SELECT k.id, k.slug, k.title, k.kind, k.status FROM \(unescaped: table("building_blocks")) b
            JOIN \(unescaped: table("knowledge_supports")) k ON k.id = b.knowledge_support_id
            WHERE b.block_id = \(id) AND k.status <> 'retired' ORDER BY k.slug
            """
        ).decode((UUID, String, String, String, String).self).collect().map {
            Self.reference(id: $0.0, slug: $0.1, title: $0.2, kind: $0.3, status: $0.4)
        }
    }

    /// Links `source` to `target` as stated from `source`.
    /// - Throws: `CatalogError.alreadyExists` when the two are linked already (either way).
    func insertLink(_ source: UUID, _ target: UUID, relation: KnowledgeSupport.Link.Relation) async throws {
        do {
            try await query(
                """
                INSERT INTO \(unescaped: table("links")) (source_id, target_id, relation) VALUES (\(source), \(target), \(relation.rawValue))
                """)
        } catch  where isUniqueViolation(error, constraint: "links_pkey") || isUniqueViolation(error, constraint: "links_pair") {
            throw CatalogError.alreadyExists(field: "target_id", "the two supports are linked already; unlink them first to change the relation")
        }
    }

    /// Removes the link between `a` and `b`, whichever end it was stated from; how many it removed.
    func deleteLinks(between a: UUID, _ b: UUID) async throws -> Int {
        try await count(
            """
            WITH gone AS (
                DELETE FROM \(unescaped: table("links"))
                WHERE (source_id = \(a) AND target_id = \(b)) OR (source_id = \(b) AND target_id = \(a))
                RETURNING 1
            ) SELECT count(*) FROM gone
            """)
    }
}
