import Contracts
import Domain
import Foundation
import RPC
import SwiftProtobuf

extension CatalogMethods {
    static func registerAdoption(_ router: inout RPCRouter, _ catalog: CatalogContext) {
        router.register("RecordAdoption") { (request: Kunskapsloop_Catalog_V1_RecordAdoptionRequest, context) in
            try await catalog.mutation("RecordAdoption", context) { tx in
                let adoption = try await tx.recordAdoption(request)
                return Kunskapsloop_Catalog_V1_RecordAdoptionResponse.with { $0.adoption = ProtoAdoption(adoption) }
            }
        }
        router.register("ListAdoptions") { (request: Kunskapsloop_Catalog_V1_ListAdoptionsRequest, _) in
            try await catalog.lookup { tx in
                let fingerprint = PageToken.fingerprint(request.withoutPage)
                let size = try PageToken.size(request.page)
                let offset = try PageToken.decode(request.page, fingerprint: fingerprint).flatMap { Int($0.after.first ?? "") } ?? 0
                let (adoptions, tally, total) = try await tx.listAdoptions(request, offset: offset, limit: size)
                return Kunskapsloop_Catalog_V1_ListAdoptionsResponse.with {
                    $0.adoptions = adoptions.map(ProtoAdoption.init)
                    $0.tally = Kunskapsloop_Catalog_V1_AdoptionTally(tally)
                    $0.page.totalSize = Int64(total)
                    if offset + adoptions.count < total {
                        $0.page.nextPageToken = PageToken(request: fingerprint, after: ["\(offset + adoptions.count)"]).encoded
                    }
                }
            }
        }
    }
}
