import Contracts
import Foundation
import Logging
import RPC
import SwiftProtobuf

extension CatalogMethods {
    /// `AnnounceCatalog` runs in batches of its own, not as one idempotent transaction: an
    /// announcement asked for twice only says the same things twice, which consumers ignore.
    static func registerAnnounce(_ router: inout RPCRouter, _ catalog: CatalogContext) {
        router.register("AnnounceCatalog") { (request: Kunskapsloop_Catalog_V1_AnnounceCatalogRequest, context) in
            let parts = Set(request.parts.filter { $0 != .unspecified })
            let all = parts.isEmpty
            let actor = request.actor.isEmpty ? "catalog-announce" : request.actor
            let announcement = CatalogAnnouncement(catalog: catalog, actor: actor)
            var response = Kunskapsloop_Catalog_V1_AnnounceCatalogResponse()
            if all || parts.contains(.organisations) { response.organisationCount = Int32(try await announcement.organisations()) }
            if all || parts.contains(.knowledgeSupports) {
                let (inForce, retired) = try await announcement.supports()
                response.knowledgeSupportCount = Int32(inForce)
                response.retiredCount = Int32(retired)
            }
            if all || parts.contains(.adoptions) { response.adoptionCount = Int32(try await announcement.adoptions()) }
            let counts =
                "\(response.organisationCount) organisations, \(response.knowledgeSupportCount) supports in force, "
                + "\(response.retiredCount) retired, \(response.adoptionCount) adoptions"
            context.logger.info("catalog announced: \(counts)")
            return response
        }
    }
}
