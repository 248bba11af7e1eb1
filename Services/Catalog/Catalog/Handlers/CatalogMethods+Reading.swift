import Contracts
import Domain
import Foundation
import RPC
import SwiftProtobuf

extension CatalogMethods {
    static func registerReading(_ router: inout RPCRouter, _ catalog: CatalogContext) {
        router.register("GetKnowledgeSupport") { (request: Kunskapsloop_Catalog_V1_GetKnowledgeSupportRequest, _) in
            try await catalog.lookup { tx in
                let id: UUID?
                let slug: String?
                switch request.key {
                case .id(let text): (id, slug) = (try CatalogTransaction.uuid(text, field: "id"), nil)
                case .slug(let text): (id, slug) = (nil, text)
                case nil: throw CatalogError.invalid(field: "key", "give the support's id or slug")
                }
                let notFound = slug.map { CatalogError.unknownSupport($0, field: "slug") } ?? CatalogError.unknownSupport(request.id, field: "id")
                var response = Kunskapsloop_Catalog_V1_GetKnowledgeSupportResponse()
                if request.hasVersion {
                    guard let (supportID, versions) = try await tx.store.versions(id: id, slug: slug) else { throw notFound }
                    guard let snapshot = try await tx.store.snapshot(of: supportID, version: Int(request.version)) else {
                        throw CatalogError.notFound(
                            field: "version",
                            "the support has no published version \(request.version); it has \(versions.map(String.init).joined(separator: ", "))")
                    }
                    response.versions = versions.map(Int32.init)
                    response.knowledgeSupport = try ProtoSupport(serializedBytes: snapshot)
                } else {
                    guard let (support, versions) = try await tx.supportWithVersions(id: id, slug: slug, working: true) else { throw notFound }
                    response.versions = versions
                    response.knowledgeSupport = support
                }
                return response
            }
        }
        router.register("SearchKnowledgeSupports") { (request: Kunskapsloop_Catalog_V1_SearchKnowledgeSupportsRequest, _) in
            var search: SupportSearch
            do throws(CatalogError) {
                search = try SupportSearch(request)
            } catch {
                throw error.rpcError
            }
            let fingerprint = PageToken.fingerprint(request.withoutPage)
            let size = try PageToken.size(request.page)
            let cursor = try PageToken.decode(request.page, fingerprint: fingerprint).map(SearchCursor.init)
            if !request.ownerOrganisationID.isEmpty {
                let owners = try await catalog.read { tx in
                    try await tx.store.owners(of: request.ownerOrganisationID, descendants: request.includeDescendants)
                }
                guard !owners.isEmpty else {
                    throw CatalogError.unknownOrganisation(request.ownerOrganisationID, field: "owner_organisation_id").rpcError
                }
                search.owners = owners
            }
            let query = search
            let page = try await catalog.read { tx in try await tx.store.search(query, pageSize: size, after: cursor) }
            // The page's supports, their highlights and the total, on connections of their own at once.
            let ids = page.hits.compactMap { UUID(uuidString: $0.id) }
            async let loading = catalog.lookup { tx in try await tx.supports(ids) }
            async let marking = catalog.read { tx in try await tx.store.highlights(ids, text: page.text, mode: page.mode) }
            async let counting = catalog.read { tx in try await tx.store.total(of: page) }
            let (supports, marks, total) = try await (loading, marking, counting)
            return Kunskapsloop_Catalog_V1_SearchKnowledgeSupportsResponse.with {
                $0.hits = zip(page.hits, supports).map { hit, support in
                    .with {
                        $0.knowledgeSupport = support
                        $0.rank = Double(hit.rank)
                        $0.highlights = UUID(uuidString: hit.id).flatMap { marks[$0] } ?? []
                    }
                }
                $0.page.totalSize = Int64(total.count)
                $0.page.totalSizeIsEstimate = total.isEstimate
                $0.page.nextPageToken = page.next.map { PageToken(request: fingerprint, after: $0.tokenPosition).encoded } ?? ""
            }
        }
    }
}
