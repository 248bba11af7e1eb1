import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import RPC
import Storage
import SwiftProtobuf

/// An opaque page token: where the previous page ended, bound to the request it belongs to (a
/// token used with other filters is refused rather than silently giving the wrong rows).
struct PageToken: Codable, Sendable {
    /// Fingerprint of the request without its paging.
    var request: String
    /// The sort key of the last row served (keyset paging), or an offset as one value.
    var after: [String]

    static let defaultSize = 20
    static let maximumSize = 100

    /// The page size asked for, defaulted and capped.
    static func size(_ page: Kunskapsloop_Common_V1_PageRequest) throws(CatalogError) -> Int {
        guard page.pageSize >= 0 else { throw .invalid(field: "page.page_size", "the page size cannot be negative") }
        return page.pageSize == 0 ? defaultSize : min(Int(page.pageSize), maximumSize)
    }

    /// The token in `page`, nil for the first page; INVALID_ARGUMENT when it is not ours or
    /// belongs to another request.
    static func decode(_ page: Kunskapsloop_Common_V1_PageRequest, fingerprint: String) throws(CatalogError) -> PageToken? {
        guard !page.pageToken.isEmpty else { return nil }
        var text = page.pageToken.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        text += String(repeating: "=", count: (4 - text.count % 4) % 4)
        guard let data = Data(base64Encoded: text), let token = try? JSONDecoder().decode(PageToken.self, from: data) else {
            throw .invalid(field: "page.page_token", "the page token is not one this service issued")
        }
        guard token.request == fingerprint else {
            throw .invalid(field: "page.page_token", "the page token belongs to a request with other filters; start again without a token")
        }
        return token
    }

    var encoded: String {
        let data = (try? JSONEncoder().encode(self)) ?? Data()
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// FNV-1a over the request's bytes with the paging cleared: the same filters give the same
    /// fingerprint in every process.
    static func fingerprint(_ message: some SwiftProtobuf.Message) -> String {
        var options = BinaryEncodingOptions()
        options.useDeterministicOrdering = true
        let bytes: [UInt8] = (try? message.serializedBytes(options: options)) ?? []
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}

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
