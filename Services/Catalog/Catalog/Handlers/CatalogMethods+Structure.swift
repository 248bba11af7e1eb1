import Contracts
import Domain
import Foundation
import RPC
import SwiftProtobuf

extension CatalogMethods {
    static func registerStructure(_ router: inout RPCRouter, _ catalog: CatalogContext) {
        router.register("AddBuildingBlock") { (request: Kunskapsloop_Catalog_V1_AddBuildingBlockRequest, context) in
            try await catalog.mutation("AddBuildingBlock", context) { tx in
                let id = try CatalogTransaction.uuid(request.knowledgeSupportID, field: "knowledge_support_id")
                let block = try CatalogTransaction.uuid(request.buildingBlockID, field: "building_block_id")
                try await tx.addBuildingBlock(id, block: block, position: request.hasPosition ? request.position : nil)
                let support = try await tx.support(id, working: true)
                return Kunskapsloop_Catalog_V1_AddBuildingBlockResponse.with { $0.knowledgeSupport = support }
            }
        }
        router.register("RemoveBuildingBlock") { (request: Kunskapsloop_Catalog_V1_RemoveBuildingBlockRequest, context) in
            try await catalog.mutation("RemoveBuildingBlock", context) { tx in
                let id = try CatalogTransaction.uuid(request.knowledgeSupportID, field: "knowledge_support_id")
                let block = try CatalogTransaction.uuid(request.buildingBlockID, field: "building_block_id")
                try await tx.removeBuildingBlock(id, block: block)
                let support = try await tx.support(id, working: true)
                return Kunskapsloop_Catalog_V1_RemoveBuildingBlockResponse.with { $0.knowledgeSupport = support }
            }
        }
        router.register("LinkKnowledgeSupports") { (request: Kunskapsloop_Catalog_V1_LinkKnowledgeSupportsRequest, context) in
            try await catalog.mutation("LinkKnowledgeSupports", context) { tx in
                let source = try CatalogTransaction.uuid(request.sourceID, field: "source_id")
                let target = try CatalogTransaction.uuid(request.targetID, field: "target_id")
                try await tx.link(source, target, relation: request.relation)
                let support = try await tx.support(source, working: true)
                return Kunskapsloop_Catalog_V1_LinkKnowledgeSupportsResponse.with { $0.knowledgeSupport = support }
            }
        }
        router.register("UnlinkKnowledgeSupports") { (request: Kunskapsloop_Catalog_V1_UnlinkKnowledgeSupportsRequest, context) in
            try await catalog.mutation("UnlinkKnowledgeSupports", context) { tx in
                let source = try CatalogTransaction.uuid(request.sourceID, field: "source_id")
                let target = try CatalogTransaction.uuid(request.targetID, field: "target_id")
                try await tx.unlink(source, target)
                let support = try await tx.support(source, working: true)
                return Kunskapsloop_Catalog_V1_UnlinkKnowledgeSupportsResponse.with { $0.knowledgeSupport = support }
            }
        }
    }
}
