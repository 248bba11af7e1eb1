import Contracts
import Foundation
import RPC
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

extension SearchCursor {
    /// What a search's page token says: `[sort key, id, mode, words]` (older tokens: the first two).
    init(_ token: PageToken) {
        let after = token.after
        if after.count >= 2, let id = UUID(uuidString: after[1]) { position = (after[0], id) }
        // A made-up token gets no more words than a query may have.
        if after.count == 4, let mode = SupportSearch.Mode(rawValue: after[2]), mode != .all, after[3].count <= 200 {
            searched = (mode, after[3])
        }
    }

    /// The `after` of the token for the page this cursor starts.
    var tokenPosition: [String] {
        [position?.key ?? "", position?.id.uuidString ?? "", searched?.mode.rawValue ?? "", searched?.text ?? ""]
    }
}
