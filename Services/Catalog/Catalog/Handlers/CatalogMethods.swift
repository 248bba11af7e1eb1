import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import RPC
import Storage
import SwiftProtobuf

/// The 18 methods of `kunskapsloop.catalog.v1.CatalogService`.
enum CatalogRouter {
    static func make(service: String, store: CatalogStore) -> RPCRouter {
        var router = RPCRouter(service: service)
        registerOrganisations(&router, store)
        registerLifecycle(&router, store)
        registerReading(&router, store)
        registerStructure(&router, store)
        registerAdoption(&router, store)
        router.register("ImportKnowledgeSupports") { (request: Kunskapsloop_Catalog_V1_ImportKnowledgeSupportsRequest, context) in
            try await store.mutation("ImportKnowledgeSupports", context) { tx in try await tx.importRows(request) }
        }
        return router
    }

    private static func registerOrganisations(_ router: inout RPCRouter, _ store: CatalogStore) {
        router.register("UpsertOrganisation") { (request: Kunskapsloop_Catalog_V1_UpsertOrganisationRequest, context) in
            try await store.mutation("UpsertOrganisation", context) { tx in
                let (org, created) = try await tx.upsertOrganisation(request.organisation, actor: request.actor)
                return Kunskapsloop_Catalog_V1_UpsertOrganisationResponse.with {
                    $0.organisation = org
                    $0.created = created
                }
            }
        }
        router.register("GetOrganisation") { (request: Kunskapsloop_Catalog_V1_GetOrganisationRequest, _) in
            try await store.lookup { tx in
                guard let org = try await tx.organisation(request.id) else { throw CatalogError.unknownOrganisation(request.id, field: "id") }
                let children = try await tx.children(of: org.id)
                return Kunskapsloop_Catalog_V1_GetOrganisationResponse.with {
                    $0.organisation = org
                    $0.children = children
                }
            }
        }
        router.register("ListOrganisations") { (request: Kunskapsloop_Catalog_V1_ListOrganisationsRequest, _) in
            try await store.lookup { tx in
                let root = request.rootID.isEmpty ? try await tx.nationalRootID() : request.rootID
                guard try await tx.organisation(root) != nil else { throw CatalogError.unknownOrganisation(root, field: "root_id") }
                let fingerprint = PageToken.fingerprint(request.withoutPage)
                let size = try PageToken.size(request.page)
                let offset = try PageToken.decode(request.page, fingerprint: fingerprint).flatMap { Int($0.after.first ?? "") } ?? 0
                let levels = request.levels.compactMap { Organisation.Level($0)?.rawValue }
                let (orgs, total) = try await tx.subtree(of: root, levels: levels, offset: offset, limit: size)
                return Kunskapsloop_Catalog_V1_ListOrganisationsResponse.with {
                    $0.organisations = orgs
                    $0.page.totalSize = Int64(total)
                    if offset + orgs.count < total {
                        $0.page.nextPageToken = PageToken(request: fingerprint, after: ["\(offset + orgs.count)"]).encoded
                    }
                }
            }
        }
        router.register("ListProgrammeAreas") { (request: Kunskapsloop_Catalog_V1_ListProgrammeAreasRequest, _) in
            try await store.lookup { tx in
                let areas = try await tx.programmeAreas(includeInactive: request.includeInactive)
                return Kunskapsloop_Catalog_V1_ListProgrammeAreasResponse.with { $0.programmeAreas = areas }
            }
        }
    }
}
