import Domain
import Foundation
import PostgresNIO
import Storage

extension NotificationStore {
    /// Records the event once; false when it was recorded before (its deliveries too, then).
    func recordEvent(_ routable: RoutableEvent, on tx: Transaction) async throws -> Bool {
        let e = routable.event
        let inserted = try await tx.query(
            """
            INSERT INTO \(unescaped: table("notified_events")) (source_message_id, kind, subject_id, severity, organisation_id, notice, occurred_at)
            VALUES (\(e.sourceMessageID), \(e.kind.rawValue), \(e.subjectID), \(e.severity.rawValue), \(e.organisationID),
                    \(routable.notice.json)::jsonb, \(e.occurredAt))
            ON CONFLICT DO NOTHING RETURNING 1
            """
        ).decode(Int.self).collect()
        return !inserted.isEmpty
    }

    /// When the waiting deliveries of each of `recipients` go out, by `recipient|channel`.
    func openWindowEnds(recipients: [String], on tx: Transaction) async throws -> [String: Date] {
        guard !recipients.isEmpty else { return [:] }
        var result: [String: Date] = [:]
        for try await (recipient, channel, end) in try await tx.query(
            """
            SELECT recipient_id, channel, min(scheduled_for) FROM \(unescaped: table("deliveries"))
            WHERE recipient_id = ANY(\(recipients)::text[]) AND status = 'pending' AND dispatch_id IS NULL
            GROUP BY recipient_id, channel
            """
        ).decode((String, String, Date).self) {
            result["\(recipient)|\(channel)"] = end
        }
        return result
    }

    /// Creates pending deliveries of `event`, one per (recipient, channel), in one statement;
    /// returns how many were new.
    func createDeliveries(
        _ event: NotificationEvent, _ deliveries: [(recipient: String, channel: Recipient.Channel, due: Date)], now: Date, on tx: Transaction
    ) async throws -> Int {
        guard !deliveries.isEmpty else { return 0 }
        return try await tx.query(
            """
            INSERT INTO \(unescaped: table("deliveries")) (id, recipient_id, channel, source_message_id, kind, subject_id, status,
                created_at, scheduled_for)
            SELECT id, r, c, \(event.sourceMessageID), \(event.kind.rawValue), \(event.subjectID), 'pending', \(now), due
            FROM unnest(\(deliveries.map { _ in UUID() })::uuid[], \(deliveries.map(\.recipient))::text[],
                        \(deliveries.map(\.channel.rawValue))::text[], \(deliveries.map(\.due))::timestamptz[]) AS u(id, r, c, due)
            ON CONFLICT DO NOTHING RETURNING 1
            """
        ).decode(Int.self).collect().count
    }

    /// Creates the delivery of `event` to `recipient` on `channel`, pending until `due` (or
    /// suppressed with `suppressedReason`); false when it exists already.
    @discardableResult
    func createDelivery(
        _ event: NotificationEvent, recipient: String, channel: Recipient.Channel, now: Date, due: Date, suppressedReason: String? = nil,
        on tx: Transaction
    ) async throws -> Bool {
        let inserted = try await tx.query(
            """
            INSERT INTO \(unescaped: table("deliveries")) (id, recipient_id, channel, source_message_id, kind, subject_id, status,
                created_at, scheduled_for, suppressed_reason)
            VALUES (\(UUID()), \(recipient), \(channel.rawValue), \(event.sourceMessageID), \(event.kind.rawValue), \(event.subjectID),
                    \(suppressedReason == nil ? "pending" : "suppressed"), \(now), \(due), \(suppressedReason ?? ""))
            ON CONFLICT DO NOTHING RETURNING 1
            """
        ).decode(Int.self).collect()
        return !inserted.isEmpty
    }

    /// Suppresses every recipient's unsent "raised" deliveries of a signal (it closed, or was
    /// raised again, before they went out), with the reason for an immediate or a digest
    /// recipient; returns the recipient–channel pairs as "recipient|channel".
    func suppressRaised(signal: String, immediateReason: String, digestReason: String, on tx: Transaction) async throws -> Set<String> {
        let rows = try await tx.query(
            """
            UPDATE \(unescaped: table("deliveries")) d
            SET status = 'suppressed', suppressed_reason = CASE WHEN r.digest_hour IS NULL THEN \(immediateReason) ELSE \(digestReason) END
            FROM \(unescaped: table("recipients")) r
            WHERE r.id = d.recipient_id AND d.subject_id = \(signal) AND d.kind = 'signal_raised'
              AND d.status = 'pending' AND d.dispatch_id IS NULL
            RETURNING d.recipient_id, d.channel
            """
        ).decode((String, String).self).collect()
        return Set(rows.map { "\($0.0)|\($0.1)" })
    }

    /// Suppresses every pending delivery of a recipient (on one channel, or all); returns how many.
    @discardableResult
    func suppressPending(recipient: String, channel: Recipient.Channel? = nil, reason: String, on tx: Transaction) async throws -> Int {
        try await tx.query(
            """
            UPDATE \(unescaped: table("deliveries")) SET status = 'suppressed', suppressed_reason = \(reason)
            WHERE recipient_id = \(recipient) AND status = 'pending' AND (\(channel?.rawValue)::text IS NULL OR channel = \(channel?.rawValue))
            RETURNING 1
            """
        ).decode(Int.self).collect().count
    }
}
