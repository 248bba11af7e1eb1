import Contracts
import Domain
import Foundation
import RPC
import SwiftProtobuf

extension CatalogMethods {
    static func registerLifecycle(_ router: inout RPCRouter, _ catalog: CatalogContext) {
        router.register("CreateDraft") { (request: Kunskapsloop_Catalog_V1_CreateDraftRequest, context) in
            try await catalog.mutation("CreateDraft", context) { tx in
                let id = try await tx.createDraft(request.draft)
                let support = try await tx.support(id, working: true)
                return Kunskapsloop_Catalog_V1_CreateDraftResponse.with { $0.knowledgeSupport = support }
            }
        }
        router.register("UpdateDraft") { (request: Kunskapsloop_Catalog_V1_UpdateDraftRequest, context) in
            try await catalog.mutation("UpdateDraft", context) { tx in
                let id = try CatalogTransaction.uuid(request.id, field: "id")
                try await tx.updateDraft(id, request.draft, mask: request.updateMask.paths)
                let support = try await tx.support(id, working: true)
                return Kunskapsloop_Catalog_V1_UpdateDraftResponse.with { $0.knowledgeSupport = support }
            }
        }
        router.register("PublishKnowledgeSupport") { (request: Kunskapsloop_Catalog_V1_PublishKnowledgeSupportRequest, context) in
            try await catalog.mutation("PublishKnowledgeSupport", context) { tx in
                let id = try CatalogTransaction.uuid(request.id, field: "id")
                let support = try await tx.publish(id, revisionNote: request.revisionNote, reviewDueOn: request.reviewDueOn, actor: request.actor)
                return Kunskapsloop_Catalog_V1_PublishKnowledgeSupportResponse.with { $0.knowledgeSupport = support }
            }
        }
        router.register("StartRevision") { (request: Kunskapsloop_Catalog_V1_StartRevisionRequest, context) in
            try await catalog.mutation("StartRevision", context) { tx in
                let id = try CatalogTransaction.uuid(request.id, field: "id")
                try await tx.startRevision(id)
                let support = try await tx.support(id, working: true)
                return Kunskapsloop_Catalog_V1_StartRevisionResponse.with { $0.knowledgeSupport = support }
            }
        }
        router.register("RetireKnowledgeSupport") { (request: Kunskapsloop_Catalog_V1_RetireKnowledgeSupportRequest, context) in
            try await catalog.mutation("RetireKnowledgeSupport", context) { tx in
                let id = try CatalogTransaction.uuid(request.id, field: "id")
                let support = try await tx.retire(id, reason: request.reason, replacedBy: request.replacedByID, actor: request.actor)
                return Kunskapsloop_Catalog_V1_RetireKnowledgeSupportResponse.with { $0.knowledgeSupport = support }
            }
        }
    }
}
