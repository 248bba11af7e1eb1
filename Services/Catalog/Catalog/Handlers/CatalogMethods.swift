import Contracts
import Domain
import Foundation
import RPC
import SwiftProtobuf

/// The methods of `kunskapsloop.catalog.v1.CatalogService`, registered by area.
enum CatalogMethods {
    static func router(service: String, catalog: CatalogContext) -> RPCRouter {
        var router = RPCRouter(service: service)
        registerOrganisations(&router, catalog)
        registerLifecycle(&router, catalog)
        registerReading(&router, catalog)
        registerStructure(&router, catalog)
        registerAdoption(&router, catalog)
        registerImport(&router, catalog)
        registerAnnounce(&router, catalog)
        return router
    }

    static func registerOrganisations(_ router: inout RPCRouter, _ catalog: CatalogContext) {
        router.register("UpsertOrganisation") { (request: Kunskapsloop_Catalog_V1_UpsertOrganisationRequest, context) in
            try await catalog.mutation("UpsertOrganisation", context) { tx in
                let (organisation, created) = try await tx.upsertOrganisation(request.organisation, actor: request.actor)
                return Kunskapsloop_Catalog_V1_UpsertOrganisationResponse.with {
                    $0.organisation = ProtoOrganisation(organisation)
                    $0.created = created
                }
            }
        }
        router.register("GetOrganisation") { (request: Kunskapsloop_Catalog_V1_GetOrganisationRequest, _) in
            try await catalog.lookup { tx in
                guard let organisation = try await tx.store.organisation(request.id) else {
                    throw CatalogError.unknownOrganisation(request.id, field: "id")
                }
                let children = try await tx.store.children(of: organisation.id)
                return Kunskapsloop_Catalog_V1_GetOrganisationResponse.with {
                    $0.organisation = ProtoOrganisation(organisation)
                    $0.children = children.map(ProtoOrganisation.init)
                }
            }
        }
        router.register("ListOrganisations") { (request: Kunskapsloop_Catalog_V1_ListOrganisationsRequest, _) in
            try await catalog.lookup { tx in
                guard let root = request.rootID.isEmpty ? try await tx.store.nationalRootID() : request.rootID else {
                    throw CatalogError.precondition("the catalog has no national root yet; it is seeded on start")
                }
                guard try await tx.store.organisation(root) != nil else { throw CatalogError.unknownOrganisation(root, field: "root_id") }
                let fingerprint = PageToken.fingerprint(request.withoutPage)
                let size = try PageToken.size(request.page)
                let offset = try PageToken.decode(request.page, fingerprint: fingerprint).flatMap { Int($0.after.first ?? "") } ?? 0
                let levels = request.levels.compactMap(Organisation.Level.init)
                let (organisations, total) = try await tx.store.subtree(of: root, levels: levels, offset: offset, limit: size)
                return Kunskapsloop_Catalog_V1_ListOrganisationsResponse.with {
                    $0.organisations = organisations.map(ProtoOrganisation.init)
                    $0.page.totalSize = Int64(total)
                    if offset + organisations.count < total {
                        $0.page.nextPageToken = PageToken(request: fingerprint, after: ["\(offset + organisations.count)"]).encoded
                    }
                }
            }
        }
        router.register("ListProgrammeAreas") { (request: Kunskapsloop_Catalog_V1_ListProgrammeAreasRequest, _) in
            try await catalog.lookup { tx in
                let areas = try await tx.store.programmeAreas(includeInactive: request.includeInactive)
                return Kunskapsloop_Catalog_V1_ListProgrammeAreasResponse.with {
                    $0.programmeAreas = areas.map { listed in
                        .with {
                            $0.id = listed.area.id
                            $0.name = listed.area.name
                            $0.nameEn = listed.nameEnglish
                            $0.active = listed.active
                        }
                    }
                }
            }
        }
    }
}
