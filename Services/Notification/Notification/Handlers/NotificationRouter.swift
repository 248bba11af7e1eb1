import CatalogProjection
import Contracts
import Domain
import Foundation
import RPC
import ServiceRuntime
import Storage
import SwiftProtobuf

typealias OffsetToken = PageCursor<Int>

/// The eight methods of `kunskapsloop.notification.v1.NotificationService`.
enum NotificationRouter {
    static func make(service: String, store: NotificationStore, projection: CatalogProjection) -> RPCRouter {
        var router = RPCRouter(service: service)
        registerRecipients(&router, store, projection)
        registerDeliveries(&router, store)
        return router
    }

    /// The page size and offset of a list request bound to its filters.
    static func page<R: SwiftProtobuf.Message>(
        _ request: R, _ page: Kunskapsloop_Common_V1_PageRequest, clearing: (inout R) -> Void
    )
        throws(RPCError) -> (fingerprint: String, offset: Int, size: Int)
    {
        var filters = request
        clearing(&filters)
        let fingerprint = OffsetToken.fingerprint(filters)
        let size = try OffsetToken.size(page)
        let offset = try OffsetToken.decode(page, fingerprint: fingerprint)?.after ?? 0
        return (fingerprint, max(0, offset), size)
    }

    static func pageResult(fingerprint: String, offset: Int, count: Int, total: Int) -> Kunskapsloop_Common_V1_PageResult {
        .with {
            $0.totalSize = Int64(total)
            if offset + count < total { $0.nextPageToken = OffsetToken(request: fingerprint, after: offset + count).encoded }
        }
    }

    /// A recipient's problem as the reply names it (`recipient.webhook.url`).
    static func invalid(_ error: RecipientError) -> RPCError {
        .invalidArgument(error.message, field: "recipient.\(error.field)")
    }

    /// A random token for unsubscribe links: 32 bytes, hex.
    static func token() -> String {
        (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
    }
}
