import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import RPC
import Storage
import SwiftProtobuf

/// Catalog lists page by the sort key of the last row served (keyset), or an offset as one value.
typealias PageToken = PageCursor<[String]>

/// A list request whose paging is cleared, to fingerprint its filters.
protocol PagedRequest: SwiftProtobuf.Message {
    var page: Kunskapsloop_Common_V1_PageRequest { get set }
}

extension PagedRequest {
    var withoutPage: Self {
        var copy = self
        copy.page = Kunskapsloop_Common_V1_PageRequest()
        return copy
    }
}

extension Kunskapsloop_Catalog_V1_ListOrganisationsRequest: PagedRequest {}
extension Kunskapsloop_Catalog_V1_ListAdoptionsRequest: PagedRequest {}
extension Kunskapsloop_Catalog_V1_SearchKnowledgeSupportsRequest: PagedRequest {}
