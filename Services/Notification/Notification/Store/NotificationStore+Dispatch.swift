import Domain
import Foundation
import PostgresNIO
import Storage

/// Deliveries that go out together: one recipient, one channel, and the dispatch of a retry
/// (nil for deliveries not sent yet).
struct DispatchGroup: Sendable, Hashable {
    let recipientID: String
    let channel: Recipient.Channel
    let dispatchID: UUID?
}

/// What a dispatch took: its deliveries (now SENDING), their notices oldest first, its id.
struct Claim: Sendable {
    let recipient: StoredRecipient
    let channel: Recipient.Channel
    let dispatchID: UUID
    let deliveryIDs: [UUID]
    let notices: [Notice]
    /// Attempts made, this one included.
    let attempts: Int
}

extension NotificationStore {
    /// Groups with deliveries due at `now`, oldest first.
    func dueGroups(now: Date, limit: Int, on tx: Transaction) async throws -> [DispatchGroup] {
        var groups: [DispatchGroup] = []
        let rows = try await tx.query(
            """
            SELECT recipient_id, channel, dispatch_id FROM \(unescaped: table("deliveries"))
            WHERE status = 'pending' AND scheduled_for <= \(now)
            GROUP BY recipient_id, channel, dispatch_id ORDER BY min(scheduled_for) LIMIT \(limit)
            """)
        for try await (recipient, channel, dispatch) in rows.decode((String, String, UUID?).self) {
            guard let channel = Recipient.Channel(rawValue: channel) else { continue }
            groups.append(DispatchGroup(recipientID: recipient, channel: channel, dispatchID: dispatch))
        }
        return groups
    }

    /// Takes the group's due deliveries for sending, under the recipient's row lock (skipped when
    /// another replica holds it: it is dispatching this recipient); nil when there is nothing to take.
    func claim(_ group: DispatchGroup, now: Date, lease: Duration, on tx: Transaction) async throws -> Claim? {
        let locked = try await recipients(
            """
            SELECT \(unescaped: Self.recipientColumns) FROM \(unescaped: table("recipients")) WHERE id = \(group.recipientID)
            FOR UPDATE SKIP LOCKED
            """, on: tx)
        guard let recipient = locked.first else { return nil }
        guard recipient.recipient.active, recipient.recipient.channels.contains(group.channel) else {
            let reason = recipient.recipient.active ? NotificationWording.suppressedUnsubscribed : NotificationWording.suppressedDeactivated
            try await suppressPending(recipient: group.recipientID, channel: group.channel, reason: reason, on: tx)
            return nil
        }
        let dispatchID = group.dispatchID ?? UUID()
        let rows = try await tx.query(
            """
            UPDATE \(unescaped: table("deliveries")) SET status = 'sending', attempts = attempts + 1, dispatch_id = \(dispatchID),
                lease_until = now() + \(DeliverySchedule.seconds(lease)) * interval '1 second'
            WHERE recipient_id = \(group.recipientID) AND channel = \(group.channel.rawValue) AND status = 'pending'
              AND scheduled_for <= \(now) AND dispatch_id IS NOT DISTINCT FROM \(group.dispatchID)
            RETURNING id, source_message_id, attempts
            """)
        var ids: [UUID] = []
        var sources: [String] = []
        var attempts = 1
        for try await (id, source, tries) in rows.decode((UUID, String, Int).self) {
            ids.append(id)
            sources.append(source)
            attempts = max(attempts, tries)
        }
        guard !ids.isEmpty else { return nil }
        var notices: [Notice] = []
        for try await text in try await tx.query(
            """
            SELECT notice::text FROM \(unescaped: table("notified_events")) WHERE source_message_id = ANY(\(sources)::text[])
            ORDER BY occurred_at, received_at, source_message_id
            """
        ).decode(String.self) {
            notices.append(try Notice.from(json: text))
        }
        return Claim(recipient: recipient, channel: group.channel, dispatchID: dispatchID, deliveryIDs: ids, notices: notices, attempts: attempts)
    }

    /// Marks the claim's deliveries delivered; returns them as stored.
    func delivered(_ claim: Claim, subject: String, at date: Date, on tx: Transaction) async throws -> [DeliveryRow] {
        try await tx.query(
            """
            UPDATE \(unescaped: table("deliveries")) SET status = 'delivered', delivered_at = \(date), subject = \(subject),
                last_error = '', lease_until = NULL
            WHERE id = ANY(\(claim.deliveryIDs)::uuid[]) AND status = 'sending'
            """)
        return try await deliveryRows(claim.deliveryIDs, on: tx)
    }

    /// Puts the claim's deliveries back for a retry at `retryAt`, or marks them failed when nil.
    func failed(_ claim: Claim, error: String, subject: String, retryAt: Date?, at date: Date, on tx: Transaction) async throws -> [DeliveryRow] {
        if let retryAt {
            try await tx.query(
                """
                UPDATE \(unescaped: table("deliveries")) SET status = 'pending', scheduled_for = \(retryAt), last_error = \(error),
                    subject = \(subject), lease_until = NULL
                WHERE id = ANY(\(claim.deliveryIDs)::uuid[]) AND status = 'sending'
                """)
            return []
        }
        try await tx.query(
            """
            UPDATE \(unescaped: table("deliveries")) SET status = 'failed', failed_at = \(date), last_error = \(error), subject = \(subject),
                lease_until = NULL
            WHERE id = ANY(\(claim.deliveryIDs)::uuid[]) AND status = 'sending'
            """)
        return try await deliveryRows(claim.deliveryIDs, on: tx)
    }

    /// Deliveries left SENDING by a sender that died (its lease ran out) go back to pending.
    @discardableResult
    func recoverAbandoned(on tx: Transaction) async throws -> Int {
        try await tx.query(
            """
            UPDATE \(unescaped: table("deliveries")) SET status = 'pending', lease_until = NULL,
                last_error = 'the sender stopped before it knew the outcome; sent again'
            WHERE status = 'sending' AND lease_until < now() RETURNING 1
            """
        ).decode(Int.self).collect().count
    }

    func deliveryRows(_ ids: [UUID], on tx: Transaction) async throws -> [DeliveryRow] {
        var result: [DeliveryRow] = []
        for try await row in try await tx.query(
            """
            SELECT \(unescaped: DeliveryRow.columns) FROM \(unescaped: DeliveryRow.from(self)) WHERE d.id = ANY(\(ids)::uuid[]) ORDER BY d.seq
            """)
        {
            result.append(try DeliveryRow(row.makeRandomAccess()))
        }
        return result
    }

    /// The first Message-IDs of the recipient's threads about `subjects`, by subject.
    func threads(recipient: String, subjects: [String], on tx: Transaction) async throws -> [String: String] {
        var result: [String: String] = [:]
        for try await (subject, message) in try await tx.query(
            """
            SELECT subject_id, message_id FROM \(unescaped: table("email_threads"))
            WHERE recipient_id = \(recipient) AND subject_id = ANY(\(subjects)::text[])
            """
        ).decode((String, String).self) {
            result[subject] = message
        }
        return result
    }

    /// Starts threads for subjects that had none, with `messageID` as their first message.
    func startThreads(recipient: String, subjects: [String], messageID: String, on tx: Transaction) async throws {
        try await tx.query(
            """
            INSERT INTO \(unescaped: table("email_threads")) (recipient_id, subject_id, message_id)
            SELECT \(recipient), s, \(messageID) FROM unnest(\(subjects)::text[]) AS s ON CONFLICT DO NOTHING
            """)
    }
}
