import Foundation
import PostgresNIO
import Storage

/// An event kept until the projection knows its organisation.
struct HeldEvent: Sendable {
    let messageID: String
    let organisationID: String
    let type: String
    let appID: String
    let body: [UInt8]
}

extension NotificationStore {
    func hold(_ event: HeldEvent, deadline: Date, on tx: Transaction) async throws {
        try await tx.query(
            """
            INSERT INTO \(unescaped: table("held_events")) (source_message_id, organisation_id, type, app_id, body, deadline)
            VALUES (\(event.messageID), \(event.organisationID), \(event.type), \(event.appID), \(ByteBuffer(bytes: event.body)), \(deadline))
            ON CONFLICT DO NOTHING
            """)
    }

    /// Takes (deletes and returns) the held events about `organisation`.
    func release(organisation: String, on tx: Transaction) async throws -> [HeldEvent] {
        try await held(
            """
            DELETE FROM \(unescaped: table("held_events")) WHERE organisation_id = \(organisation)
            RETURNING source_message_id, organisation_id, type, app_id, body
            """, on: tx)
    }

    /// Takes up to 100 held events past their deadline, skipping rows another replica holds.
    func releaseExpired(now: Date, on tx: Transaction) async throws -> [HeldEvent] {
        try await held(
            """
            DELETE FROM \(unescaped: table("held_events")) WHERE source_message_id IN (
                SELECT source_message_id FROM \(unescaped: table("held_events")) WHERE deadline <= \(now)
                ORDER BY deadline LIMIT 100 FOR UPDATE SKIP LOCKED)
            RETURNING source_message_id, organisation_id, type, app_id, body
            """, on: tx)
    }

    private func held(_ query: PostgresQuery, on tx: Transaction) async throws -> [HeldEvent] {
        var result: [HeldEvent] = []
        for try await (id, organisation, type, app, body) in try await tx.query(query).decode((String, String, String, String, ByteBuffer).self) {
            result.append(HeldEvent(messageID: id, organisationID: organisation, type: type, appID: app, body: Array(buffer: body)))
        }
        return result
    }
}
