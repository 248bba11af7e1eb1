import Contracts
import Domain
import Foundation
import Messaging
import PostgresNIO
import Storage
import SwiftProtobuf

extension NotificationStore {
    /// Places a dispatch in the recipient's inbox (the item's id is the dispatch id).
    func insertInboxItem(_ claim: Claim, message: ComposedMessage, at date: Date, on tx: Transaction) async throws {
        let notices = "[" + claim.notices.map(\.json).joined(separator: ",") + "]"
        let severity = claim.notices.map(\.severity).max() ?? .info
        try await tx.query(
            """
            INSERT INTO \(unescaped: table("inbox_items")) (id, recipient_id, subject, body, link, severity, notices, created_at)
            VALUES (\(claim.dispatchID), \(claim.recipient.recipient.id), \(message.subject), \(message.text), \(message.link),
                    \(severity.rawValue), \(notices)::jsonb, \(date))
            ON CONFLICT DO NOTHING
            """)
    }

    /// A page of the inbox, unread first, each group newest first; and the unread count.
    func inbox(
        recipient: Recipient, unreadOnly: Bool, offset: Int, limit: Int, on tx: Transaction
    )
        async throws -> (items: [Kunskapsloop_Notification_V1_InboxItem], total: Int, unread: Int)
    {
        var items: [Kunskapsloop_Notification_V1_InboxItem] = []
        let rows = try await tx.query(
            """
            SELECT id, subject, body, link, severity, notices::text, created_at, read_at FROM \(unescaped: table("inbox_items"))
            WHERE recipient_id = \(recipient.id) AND (NOT \(unreadOnly) OR read_at IS NULL)
            ORDER BY (read_at IS NOT NULL), seq DESC OFFSET \(offset) LIMIT \(limit)
            """)
        for try await (id, subject, body, link, severity, notices, created, read)
            in rows.decode((UUID, String, String, String, Int, String, Date, Date?).self)
        {
            let events = (try? Notice.decoder.decode([Notice].self, from: Data(notices.utf8))) ?? []
            items.append(
                .with {
                    $0.id = id.lowercasedString
                    $0.recipientID = recipient.id
                    $0.subject = subject
                    $0.body = body
                    $0.link = link
                    $0.events = events.map { $0.contract(recipient.language) }
                    $0.severity = (NotificationEvent.Severity(rawValue: severity) ?? .info).contract
                    $0.createdAt = Google_Protobuf_Timestamp(date: created)
                    if let read { $0.readAt = Google_Protobuf_Timestamp(date: read) }
                })
        }
        let counts =
            try await tx.query(
                """
                SELECT count(*) FILTER (WHERE NOT \(unreadOnly) OR read_at IS NULL), count(*) FILTER (WHERE read_at IS NULL)
                FROM \(unescaped: table("inbox_items")) WHERE recipient_id = \(recipient.id)
                """
            ).decode((Int, Int).self).collect().first ?? (0, 0)
        return (items, counts.0, counts.1)
    }

    /// Marks items read (all unread ones when `ids` is nil); returns how many changed and how many stay unread.
    func markRead(recipient: String, ids: [UUID]?, at date: Date, on tx: Transaction) async throws -> (marked: Int, unread: Int) {
        let marked = try await tx.query(
            """
            UPDATE \(unescaped: table("inbox_items")) SET read_at = \(date)
            WHERE recipient_id = \(recipient) AND read_at IS NULL AND (\(ids == nil) OR id = ANY(\(ids ?? [])::uuid[]))
            RETURNING 1
            """
        ).decode(Int.self).collect().count
        let unread =
            try await tx.query(
                """
                SELECT count(*) FROM \(unescaped: table("inbox_items")) WHERE recipient_id = \(recipient) AND read_at IS NULL
                """
            ).decode(Int.self).collect().first ?? 0
        return (marked, unread)
    }

    /// Those of `ids` that are not items of `recipient`.
    func foreignItems(recipient: String, ids: [UUID], on tx: Transaction) async throws -> [UUID] {
        let own = Set(
            try await tx.query(
                """
                SELECT id FROM \(unescaped: table("inbox_items")) WHERE recipient_id = \(recipient) AND id = ANY(\(ids)::uuid[])
                """
            ).decode(UUID.self).collect())
        return ids.filter { !own.contains($0) }
    }
}
