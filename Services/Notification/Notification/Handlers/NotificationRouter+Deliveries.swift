import Contracts
import Domain
import Foundation
import Messaging
import PostgresNIO
import RPC
import Storage
import SwiftProtobuf

extension NotificationRouter {
    static func registerDeliveries(_ router: inout RPCRouter, _ store: NotificationStore) {
        router.register("ListDeliveries") { (request: Kunskapsloop_Notification_V1_ListDeliveriesRequest, _) in
            let (fingerprint, offset, size) = try page(request, request.page) { $0.clearPage() }
            let statuses = request.statuses.compactMap(DeliveryRow.statusText)
            let channels = request.channels.compactMap { Recipient.Channel($0)?.rawValue }
            let kinds = request.eventKinds.compactMap { NotificationEvent.Kind($0)?.rawValue }
            if !request.dispatchID.isEmpty && UUID(uuidString: request.dispatchID) == nil {
                throw RPCError.invalidArgument("\(quoted(request.dispatchID)) is not a dispatch id (a UUID)", field: "dispatch_id")
            }
            let dispatch = UUID(uuidString: request.dispatchID)
            return try await store.read { tx in
                func matching(_ select: String, _ tail: String) -> PostgresQuery {
                    """
                    SELECT \(unescaped: select) FROM \(unescaped: DeliveryRow.from(store))
                    WHERE (\(request.recipientID) = '' OR d.recipient_id = \(request.recipientID))
                    AND (cardinality(\(statuses)::text[]) = 0 OR d.status = ANY(\(statuses)::text[]))
                    AND (cardinality(\(channels)::text[]) = 0 OR d.channel = ANY(\(channels)::text[]))
                    AND (cardinality(\(kinds)::text[]) = 0 OR d.kind = ANY(\(kinds)::text[]))
                    AND (\(request.sourceMessageID) = '' OR d.source_message_id = \(request.sourceMessageID))
                    AND (\(request.subjectID) = '' OR d.subject_id = \(request.subjectID))
                    AND (\(dispatch)::uuid IS NULL OR d.dispatch_id = \(dispatch))
                    \(unescaped: tail)
                    """
                }
                var rows: [DeliveryRow] = []
                for try await row in try await tx.query(matching(DeliveryRow.columns, "ORDER BY d.seq DESC OFFSET \(offset) LIMIT \(size)")) {
                    rows.append(try DeliveryRow(row.makeRandomAccess()))
                }
                let total = try await tx.query(matching("count(*)::int", "")).decode(Int.self).collect().first ?? 0
                return Kunskapsloop_Notification_V1_ListDeliveriesResponse.with {
                    $0.deliveries = rows.map(\.contract)
                    $0.page = pageResult(fingerprint: fingerprint, offset: offset, count: rows.count, total: total)
                }
            }
        }
        router.register("ListInbox") { (request: Kunskapsloop_Notification_V1_ListInboxRequest, _) in
            let (fingerprint, offset, size) = try page(request, request.page) { $0.clearPage() }
            return try await store.read { tx in
                guard let stored = try await store.recipient(request.recipientID, on: tx) else {
                    throw RPCError.notFound("no recipient with id \(quoted(request.recipientID))", field: "recipient_id")
                }
                let (items, total, unread) = try await store.inbox(
                    recipient: stored.recipient, unreadOnly: request.unreadOnly,
                    offset: offset, limit: size, on: tx)
                return Kunskapsloop_Notification_V1_ListInboxResponse.with {
                    $0.items = items
                    $0.unreadCount = Int32(unread)
                    $0.page = pageResult(fingerprint: fingerprint, offset: offset, count: items.count, total: total)
                }
            }
        }
        router.register("MarkInboxItemsRead") { (request: Kunskapsloop_Notification_V1_MarkInboxItemsReadRequest, _) in
            // Marking read twice changes nothing: no stored reply needed.
            try await store.transaction { tx in
                guard try await store.recipient(request.recipientID, on: tx) != nil else {
                    throw RPCError.notFound("no recipient with id \(quoted(request.recipientID))", field: "recipient_id")
                }
                var ids: [UUID]?
                if !request.all {
                    guard !request.itemIds.isEmpty else { throw RPCError.invalidArgument("give item ids, or all", field: "item_ids") }
                    var parsed: [UUID] = []
                    for text in request.itemIds {
                        guard let id = UUID(uuidString: text) else {
                            throw RPCError.notFound("the recipient has no inbox item \(quoted(text))", field: "item_ids")
                        }
                        parsed.append(id)
                    }
                    if let foreign = try await store.foreignItems(recipient: request.recipientID, ids: parsed, on: tx).first {
                        throw RPCError.notFound("the recipient has no inbox item \(quoted(foreign.lowercasedString))", field: "item_ids")
                    }
                    ids = parsed
                }
                let (marked, unread) = try await store.markRead(recipient: request.recipientID, ids: ids, at: Date(), on: tx)
                return Kunskapsloop_Notification_V1_MarkInboxItemsReadResponse.with {
                    $0.markedCount = Int32(marked)
                    $0.unreadCount = Int32(unread)
                }
            }
        }
    }
}
