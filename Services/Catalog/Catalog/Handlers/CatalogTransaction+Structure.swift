import Contracts
import Domain
import Foundation
import Messaging

extension CatalogTransaction {
    /// Adds `blockID` as a building block of `id` at `position` (appended when nil).
    func addBuildingBlock(_ id: UUID, block blockID: UUID, position: Int32?) async throws {
        guard blockID != id else { throw CatalogError.invalid(field: "building_block_id", "a support cannot be its own building block") }
        try await store.lockBuildingBlocks()
        // Both rows locked: retiring the block waits for this addition, or this for it.
        let owner = try await lock(id, field: "knowledge_support_id", alongWith: blockID, otherField: "building_block_id")
        guard owner.status != .retired else { throw CatalogError.precondition("cannot change the building blocks of a retired support") }
        let block = try await reference(blockID, field: "building_block_id")
        guard !block.retired else { throw CatalogError.precondition("'\(block.slug)' is retired and cannot become a building block") }
        // A cycle: `id` is already (indirectly) a block of the new block.
        guard try await !store.isBuilt(into: blockID, id: id) else {
            throw CatalogError.invalid(field: "building_block_id", "'\(block.slug)' is built from this support already; adding it would make a cycle")
        }
        let existing = try await store.buildingBlockCount(of: id)
        if let position, position < 0 { throw CatalogError.invalid(field: "position", "a position is 0 or more") }
        try await store.insertBuildingBlock(id, block: blockID, at: min(position.map(Int.init) ?? existing, existing), slug: block.slug)
        try await store.touch([id])
    }

    func removeBuildingBlock(_ id: UUID, block blockID: UUID) async throws {
        // The same order as an addition (blocks, then rows), so the two cannot deadlock.
        try await store.lockBuildingBlocks()
        _ = try await lock(id, field: "knowledge_support_id")
        guard try await store.deleteBuildingBlock(id, block: blockID) else {
            throw CatalogError.notFound(field: "building_block_id", "'\(blockID.lowercasedString)' is not a building block of this support")
        }
        try await store.touch([id])
    }

    /// Links two supports; the link is shown from both ends.
    func link(_ source: UUID, _ target: UUID, relation: Kunskapsloop_Catalog_V1_LinkRelation) async throws {
        if case .UNRECOGNIZED = relation { throw CatalogError.invalid(field: "relation", "unknown relation \(relation.rawValue)") }
        guard let stated = KnowledgeSupport.Link.Relation(relation) else {
            throw CatalogError.invalid(
                field: "relation", "set a relation: related, patient support of, has patient support, details, detailed by, replaces, replaced by")
        }
        guard source != target else { throw CatalogError.invalid(field: "target_id", "a support cannot be linked to itself") }
        // Both rows locked: retiring the target waits for this link, or this link for it.
        let from = try await lock(source, field: "source_id", alongWith: target, otherField: "target_id")
        guard from.status != .retired else { throw CatalogError.precondition("cannot link from a retired support") }
        let to = try await reference(target, field: "target_id")
        guard !to.retired else { throw CatalogError.precondition("'\(to.slug)' is retired; link to its replacement instead") }
        try await store.insertLink(source, target, relation: stated)
        try await store.touch([source, target])
    }

    func unlink(_ source: UUID, _ target: UUID) async throws {
        _ = try await lock(source, field: "source_id")
        guard try await store.deleteLinks(between: source, target) > 0 else {
            throw CatalogError.notFound(field: "target_id", "the two supports are not linked")
        }
        try await store.touch([source, target])
    }
}
