import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import RPC
import Storage
import SwiftProtobuf

extension CatalogTransaction {
    /// Adds `blockID` as a building block of `id` at `position` (appended when nil).
    func addBuildingBlock(_ id: UUID, block blockID: UUID, position: Int32?) async throws {
        guard blockID != id else { throw CatalogError.invalid(field: "building_block_id", "a support cannot be its own building block") }
        // Additions run one at a time per catalog: a cycle can close through two additions with
        // no row in common (a→b and c→d over b→c and d→a), and neither sees the other's row.
        try await query("SELECT pg_advisory_xact_lock(hashtext(\(table("building_blocks"))))")
        // Both rows locked: retiring the block waits for this addition, or this for it.
        let owner = try await lock(id, field: "knowledge_support_id", alongWith: blockID, otherField: "building_block_id")
        guard owner.status != .retired else { throw CatalogError.precondition("cannot change the building blocks of a retired support") }
        let block = try await supportRef(blockID, field: "building_block_id")
        guard !block.retired else { throw CatalogError.precondition("'\(block.slug)' is retired and cannot become a building block") }
        // A cycle: `id` is already (indirectly) a block of the new block.
        let cycle = try await count("""
            WITH RECURSIVE below AS (
                SELECT block_id FROM \(unescaped: table("building_blocks")) WHERE knowledge_support_id = \(blockID)
                UNION
                SELECT b.block_id FROM \(unescaped: table("building_blocks")) b JOIN below ON b.knowledge_support_id = below.block_id
            )
            SELECT count(*) FROM below WHERE block_id = \(id)
            """)
        guard cycle == 0 else {
            throw CatalogError.invalid(field: "building_block_id", "'\(block.slug)' is built from this support already; adding it would make a cycle")
        }
        let existing = try await count("""
            SELECT count(*) FROM \(unescaped: table("building_blocks")) WHERE knowledge_support_id = \(id)
            """)
        if let position, position < 0 { throw CatalogError.invalid(field: "position", "a position is 0 or more") }
        let at = min(Int(position ?? Int32(existing)), existing)
        try await query("""
            UPDATE \(unescaped: table("building_blocks")) SET position = position + 1
            WHERE knowledge_support_id = \(id) AND position >= \(at)
            """)
        do {
            try await query("""
                INSERT INTO \(unescaped: table("building_blocks")) (knowledge_support_id, block_id, position) VALUES (\(id), \(blockID), \(at))
                """)
        } catch where isUniqueViolation(error, constraint: "building_blocks_pkey") {
            throw CatalogError.alreadyExists(field: "building_block_id", "'\(block.slug)' is a building block of this support already")
        }
        try await touch([id])
    }

    func removeBuildingBlock(_ id: UUID, block blockID: UUID) async throws {
        _ = try await lock(id, field: "knowledge_support_id")
        let removed = try await count("""
            WITH gone AS (
                DELETE FROM \(unescaped: table("building_blocks")) WHERE knowledge_support_id = \(id) AND block_id = \(blockID) RETURNING 1
            ) SELECT count(*) FROM gone
            """)
        guard removed == 1 else {
            throw CatalogError.notFound(field: "building_block_id", "'\(blockID.uuidString.lowercased())' is not a building block of this support")
        }
        // Keep positions 0…n-1.
        try await query("""
            UPDATE \(unescaped: table("building_blocks")) b SET position = r.n - 1
            FROM (SELECT block_id, row_number() OVER (ORDER BY position) AS n FROM \(unescaped: table("building_blocks"))
                  WHERE knowledge_support_id = \(id)) r
            WHERE b.knowledge_support_id = \(id) AND b.block_id = r.block_id
            """)
        try await touch([id])
    }

    /// Links two supports; the link is shown from both ends.
    func link(_ source: UUID, _ target: UUID, relation: LinkRelation) async throws {
        if case .UNRECOGNIZED = relation { throw CatalogError.invalid(field: "relation", "unknown relation \(relation.rawValue)") }
        guard relation != .unspecified else {
            throw CatalogError.invalid(field: "relation", "set a relation: related, patient support of, has patient support, details, detailed by, replaces, replaced by")
        }
        guard source != target else { throw CatalogError.invalid(field: "target_id", "a support cannot be linked to itself") }
        // Both rows locked: retiring the target waits for this link, or this link for it.
        let from = try await lock(source, field: "source_id", alongWith: target, otherField: "target_id")
        guard from.status != .retired else { throw CatalogError.precondition("cannot link from a retired support") }
        let to = try await supportRef(target, field: "target_id")
        guard !to.retired else { throw CatalogError.precondition("'\(to.slug)' is retired; link to its replacement instead") }
        do {
            try await query("""
                INSERT INTO \(unescaped: table("links")) (source_id, target_id, relation) VALUES (\(source), \(target), \(relation.storageName))
                """)
        } catch where isUniqueViolation(error, constraint: "links_pkey") || isUniqueViolation(error, constraint: "links_pair") {
            throw CatalogError.alreadyExists(field: "target_id", "the two supports are linked already; unlink them first to change the relation")
        }
        try await touch([source, target])
    }

    func unlink(_ source: UUID, _ target: UUID) async throws {
        _ = try await lock(source, field: "source_id")
        let removed = try await count("""
            WITH gone AS (
                DELETE FROM \(unescaped: table("links"))
                WHERE (source_id = \(source) AND target_id = \(target)) OR (source_id = \(target) AND target_id = \(source))
                RETURNING 1
            ) SELECT count(*) FROM gone
            """)
        guard removed > 0 else { throw CatalogError.notFound(field: "target_id", "the two supports are not linked") }
        try await touch([source, target])
    }
}
