import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import RPC
import Storage
import SwiftProtobuf

extension CatalogRouter {
    static func registerStructure(_ router: inout RPCRouter, _ store: CatalogStore) {
        router.register("AddBuildingBlock") { (request: Kunskapsloop_Catalog_V1_AddBuildingBlockRequest, context) in
            try await store.mutation("AddBuildingBlock", context) { tx in
                let id = try CatalogTransaction.uuid(request.knowledgeSupportID, field: "knowledge_support_id")
                let block = try CatalogTransaction.uuid(request.buildingBlockID, field: "building_block_id")
                try await tx.addBuildingBlock(id, block: block, position: request.hasPosition ? request.position : nil)
                let support = try await tx.support(id, working: true)
                return Kunskapsloop_Catalog_V1_AddBuildingBlockResponse.with { $0.knowledgeSupport = support }
            }
        }
        router.register("RemoveBuildingBlock") { (request: Kunskapsloop_Catalog_V1_RemoveBuildingBlockRequest, context) in
            try await store.mutation("RemoveBuildingBlock", context) { tx in
                let id = try CatalogTransaction.uuid(request.knowledgeSupportID, field: "knowledge_support_id")
                let block = try CatalogTransaction.uuid(request.buildingBlockID, field: "building_block_id")
                try await tx.removeBuildingBlock(id, block: block)
                let support = try await tx.support(id, working: true)
                return Kunskapsloop_Catalog_V1_RemoveBuildingBlockResponse.with { $0.knowledgeSupport = support }
            }
        }
        router.register("LinkKnowledgeSupports") { (request: Kunskapsloop_Catalog_V1_LinkKnowledgeSupportsRequest, context) in
            try await store.mutation("LinkKnowledgeSupports", context) { tx in
                let source = try CatalogTransaction.uuid(request.sourceID, field: "source_id")
                let target = try CatalogTransaction.uuid(request.targetID, field: "target_id")
                try await tx.link(source, target, relation: request.relation)
                let support = try await tx.support(source, working: true)
                return Kunskapsloop_Catalog_V1_LinkKnowledgeSupportsResponse.with { $0.knowledgeSupport = support }
            }
        }
        router.register("UnlinkKnowledgeSupports") { (request: Kunskapsloop_Catalog_V1_UnlinkKnowledgeSupportsRequest, context) in
            try await store.mutation("UnlinkKnowledgeSupports", context) { tx in
                let source = try CatalogTransaction.uuid(request.sourceID, field: "source_id")
                let target = try CatalogTransaction.uuid(request.targetID, field: "target_id")
                try await tx.unlink(source, target)
                let support = try await tx.support(source, working: true)
                return Kunskapsloop_Catalog_V1_UnlinkKnowledgeSupportsResponse.with { $0.knowledgeSupport = support }
            }
        }
    }

    static func registerAdoption(_ router: inout RPCRouter, _ store: CatalogStore) {
        router.register("RecordAdoption") { (request: Kunskapsloop_Catalog_V1_RecordAdoptionRequest, context) in
            try await store.mutation("RecordAdoption", context) { tx in
                let adoption = try await tx.recordAdoption(request)
                return Kunskapsloop_Catalog_V1_RecordAdoptionResponse.with { $0.adoption = adoption }
            }
        }
        router.register("ListAdoptions") { (request: Kunskapsloop_Catalog_V1_ListAdoptionsRequest, _) in
            try await store.lookup { tx in
                let fingerprint = PageToken.fingerprint(request.withoutPage)
                let size = try PageToken.size(request.page)
                let offset = try PageToken.decode(request.page, fingerprint: fingerprint).flatMap { Int($0.after.first ?? "") } ?? 0
                let (adoptions, tally, total) = try await tx.listAdoptions(request, offset: offset, limit: size)
                return Kunskapsloop_Catalog_V1_ListAdoptionsResponse.with {
                    $0.adoptions = adoptions
                    $0.tally = tally
                    $0.page.totalSize = Int64(total)
                    if offset + adoptions.count < total {
                        $0.page.nextPageToken = PageToken(request: fingerprint, after: ["\(offset + adoptions.count)"]).encoded
                    }
                }
            }
        }
    }
}
