import Contracts
import Foundation
import RPC
import SwiftProtobuf

extension CatalogMethods {
    static func registerImport(_ router: inout RPCRouter, _ catalog: CatalogContext) {
        router.register("ImportKnowledgeSupports") { (request: Kunskapsloop_Catalog_V1_ImportKnowledgeSupportsRequest, context) in
            try await catalog.mutation("ImportKnowledgeSupports", context) { tx in try await tx.importRows(request) }
        }
    }
}
