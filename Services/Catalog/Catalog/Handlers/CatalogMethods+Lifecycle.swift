import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import RPC
import Storage
import SwiftProtobuf

extension CatalogRouter {
    static func registerLifecycle(_ router: inout RPCRouter, _ store: CatalogStore) {
        router.register("CreateDraft") { (request: Kunskapsloop_Catalog_V1_CreateDraftRequest, context) in
            try await store.mutation("CreateDraft", context) { tx in
                let id = try await tx.createDraft(request.draft)
                let support = try await tx.support(id, working: true)
                return Kunskapsloop_Catalog_V1_CreateDraftResponse.with { $0.knowledgeSupport = support }
            }
        }
        router.register("UpdateDraft") { (request: Kunskapsloop_Catalog_V1_UpdateDraftRequest, context) in
            try await store.mutation("UpdateDraft", context) { tx in
                let id = try CatalogTransaction.uuid(request.id, field: "id")
                try await tx.updateDraft(id, request.draft, mask: request.updateMask.paths)
                let support = try await tx.support(id, working: true)
                return Kunskapsloop_Catalog_V1_UpdateDraftResponse.with { $0.knowledgeSupport = support }
            }
        }
        router.register("PublishKnowledgeSupport") { (request: Kunskapsloop_Catalog_V1_PublishKnowledgeSupportRequest, context) in
            try await store.mutation("PublishKnowledgeSupport", context) { tx in
                let id = try CatalogTransaction.uuid(request.id, field: "id")
                let support = try await tx.publish(id, revisionNote: request.revisionNote, reviewDueOn: request.reviewDueOn, actor: request.actor)
                return Kunskapsloop_Catalog_V1_PublishKnowledgeSupportResponse.with { $0.knowledgeSupport = support }
            }
        }
        router.register("StartRevision") { (request: Kunskapsloop_Catalog_V1_StartRevisionRequest, context) in
            try await store.mutation("StartRevision", context) { tx in
                let id = try CatalogTransaction.uuid(request.id, field: "id")
                try await tx.startRevision(id)
                let support = try await tx.support(id, working: true)
                return Kunskapsloop_Catalog_V1_StartRevisionResponse.with { $0.knowledgeSupport = support }
            }
        }
        router.register("RetireKnowledgeSupport") { (request: Kunskapsloop_Catalog_V1_RetireKnowledgeSupportRequest, context) in
            try await store.mutation("RetireKnowledgeSupport", context) { tx in
                let id = try CatalogTransaction.uuid(request.id, field: "id")
                let support = try await tx.retire(id, reason: request.reason, replacedBy: request.replacedByID, actor: request.actor)
                return Kunskapsloop_Catalog_V1_RetireKnowledgeSupportResponse.with { $0.knowledgeSupport = support }
            }
        }
    }

    static func registerReading(_ router: inout RPCRouter, _ store: CatalogStore) {
        router.register("GetKnowledgeSupport") { (request: Kunskapsloop_Catalog_V1_GetKnowledgeSupportRequest, _) in
            try await store.lookup { tx in
                let id: UUID?, slug: String?
                switch request.key {
                case .id(let text): (id, slug) = (try CatalogTransaction.uuid(text, field: "id"), nil)
                case .slug(let text): (id, slug) = (nil, text)
                case nil: throw CatalogError.invalid(field: "key", "give the support's id or slug")
                }
                let notFound = slug.map { CatalogError.unknownSupport($0, field: "slug") } ?? CatalogError.unknownSupport(request.id, field: "id")
                var response = Kunskapsloop_Catalog_V1_GetKnowledgeSupportResponse()
                if request.hasVersion {
                    guard let (supportID, versions) = try await tx.versions(id: id, slug: slug) else { throw notFound }
                    guard let snapshot = try await tx.snapshot(of: supportID, version: request.version) else {
                        throw CatalogError.notFound(field: "version", "the support has no published version \(request.version); it has \(versions.map(String.init).joined(separator: ", "))")
                    }
                    response.versions = versions
                    response.knowledgeSupport = snapshot
                } else {
                    guard let (support, versions) = try await tx.supportWithVersions(id: id, slug: slug, working: true) else { throw notFound }
                    response.versions = versions
                    response.knowledgeSupport = support
                }
                return response
            }
        }
        router.register("SearchKnowledgeSupports") { (request: Kunskapsloop_Catalog_V1_SearchKnowledgeSupportsRequest, _) in
            var search: SupportSearch, size: Int, token: PageToken?
            let fingerprint = PageToken.fingerprint(request.withoutPage)
            do throws(CatalogError) {
                search = try SupportSearch(request)
            } catch {
                throw error.rpcError
            }
            size = try PageToken.size(request.page)
            token = try PageToken.decode(request.page, fingerprint: fingerprint)
            if !request.ownerOrganisationID.isEmpty {
                search.owners = try await store.owners(of: request.ownerOrganisationID, descendants: request.includeDescendants)
            }
            let page = try await store.search(search, pageSize: size, after: token, fingerprint: fingerprint)
            // The page's supports, their highlights and the total, on connections of their own at once.
            let ids = page.hits.map(\.0)
            async let loading = store.lookup { tx in try await tx.supports(ids) }
            async let marking = store.lookup { tx in try await tx.highlights(ids, text: page.text, mode: page.mode) }
            async let counting = store.total(of: page)
            let (supports, marks, total) = try await (loading, marking, counting)
            return Kunskapsloop_Catalog_V1_SearchKnowledgeSupportsResponse.with {
                $0.hits = zip(page.hits, supports).map { hit, support in
                    .with {
                        $0.knowledgeSupport = support
                        $0.rank = Double(hit.1)
                        $0.highlights = marks[hit.0] ?? []
                    }
                }
                $0.page.totalSize = Int64(total.count)
                $0.page.totalSizeIsEstimate = total.isEstimate
                $0.page.nextPageToken = page.next?.encoded ?? ""
            }
        }
    }
}
