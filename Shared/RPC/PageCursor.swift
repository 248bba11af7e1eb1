import Contracts
import Foundation
import SwiftProtobuf

/// An opaque page token for list RPCs: where the previous page ended, bound to the request's
/// filters (a token used with other filters is refused rather than silently giving the wrong
/// rows). `Position` is whatever the list pages by: a sequence number, a sort key, an offset.
public struct PageCursor<Position: Codable & Sendable>: Codable, Sendable {
    /// Fingerprint of the request without its paging.
    public var request: String
    /// Where the last page ended.
    public var after: Position

    public static var defaultSize: Int { 20 }
    public static var maximumSize: Int { 100 }

    public init(request: String, after: Position) {
        self.request = request
        self.after = after
    }

    /// The page size asked for, defaulted and capped.
    public static func size(_ page: Kunskapsloop_Common_V1_PageRequest) throws(RPCError) -> Int {
        guard page.pageSize >= 0 else { throw .invalidArgument("the page size cannot be negative", field: "page.page_size") }
        return page.pageSize == 0 ? defaultSize : min(Int(page.pageSize), maximumSize)
    }

    /// The token in `page`, nil for the first page; INVALID_ARGUMENT when it is not ours or
    /// belongs to another request.
    public static func decode(_ page: Kunskapsloop_Common_V1_PageRequest, fingerprint: String) throws(RPCError) -> PageCursor? {
        guard !page.pageToken.isEmpty else { return nil }
        var text = page.pageToken.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        text += String(repeating: "=", count: (4 - text.count % 4) % 4)
        guard let data = Data(base64Encoded: text), let token = try? JSONDecoder().decode(PageCursor.self, from: data) else {
            throw .invalidArgument("the page token is not one this service issued", field: "page.page_token")
        }
        guard token.request == fingerprint else {
            throw .invalidArgument("the page token belongs to a request with other filters; start again without a token", field: "page.page_token")
        }
        return token
    }

    public var encoded: String {
        let data = (try? JSONEncoder().encode(self)) ?? Data()
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// FNV-1a over the request's bytes (deterministic field order): the same filters give the
    /// same fingerprint in every process.
    public static func fingerprint(_ message: some SwiftProtobuf.Message) -> String {
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
