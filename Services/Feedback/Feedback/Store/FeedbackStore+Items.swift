import Domain
import Foundation
import Logging
import PostgresNIO
import Storage

extension FeedbackStore {
    /// Inserts the items (a key stored before is skipped) and adds the new ones to their week's
    /// and month's tallies. Returns the keys skipped (almost always none).
    func insert(_ items: [FeedbackItem], on connection: PostgresConnection) async throws -> Set<String> {
        guard !items.isEmpty else { return [] }
        // A key stored before is rare (a redelivery, a sender's resend). The batch goes in by COPY
        // (multi-row heap writes; `INSERT … SELECT FROM unnest` writes and logs row by row: 8.6
        // against 13.7 µs a row for 2,000-row batches in psql), which stops at a stored key; only
        // then, under a savepoint, it goes in again with ON CONFLICT and answers with the keys it
        // skipped.
        let skipped: Set<String>
        try await connection.query("SAVEPOINT kl_items", logger: logger)
        do {
            try await copy(items, on: connection)
            skipped = []
        } catch  where isUniqueViolation(error, constraint: "items_message_id_key") {
            try await connection.query("ROLLBACK TO SAVEPOINT kl_items", logger: logger)
            skipped = try await insertSkippingStored(items, on: connection)
        }
        try await connection.query("RELEASE SAVEPOINT kl_items", logger: logger)
        try await addToTallies(skipped.isEmpty ? items : items.filter { !skipped.contains($0.key) }, on: connection)
        return skipped
    }

    /// The columns `copy` writes, in its order (id and recorded_at come from the service; seq
    /// from its sequence).
    private static let copyColumns = [
        "id", "message_id", "knowledge_support_id", "knowledge_support_version", "respondent_role", "kind", "helpful",
        "rating", "answer_text", "comment", "redaction_count", "organisation_id", "occurred_at", "recorded_at",
        "source_system", "source_app_id", "week", "month",
    ]

    /// `COPY items FROM STDIN`: the bare table name resolves through the connection's
    /// `search_path`, which starts with the service's schema (checked at start-up).
    private func copy(_ items: [FeedbackItem], on connection: PostgresConnection) async throws {
        var rows = CopyRows(capacity: items.count * 320)
        for item in items {
            rows.text(item.id)
            rows.text(item.key)
            rows.text(item.knowledgeSupportID)
            rows.integer(item.knowledgeSupportVersion)
            rows.text(item.respondentRole.rawValue)
            rows.text(item.kind.rawValue)
            if case .helpful(let yes) = item.answer { rows.boolean(yes) } else { rows.null() }
            if case .rating(let rating) = item.answer { rows.integer(rating) } else { rows.null() }
            if case .text(let text) = item.answer { rows.text(text) } else { rows.null() }
            rows.text(item.comment)
            rows.integer(item.redactionCount)
            rows.text(item.organisationID)
            rows.timestamp(seconds: item.occurredAt)
            rows.timestamp(seconds: item.recordedAt)
            rows.text(item.sourceSystem)
            rows.text(item.sourceAppID)
            rows.text(item.week.description)
            rows.text(item.month.description)
            rows.endRow()
        }
        try await connection.copyFrom(table: "items", columns: Self.copyColumns, logger: logger) { writer in
            try await writer.write(rows.buffer)
        }
    }

    /// The items as one `INSERT … ON CONFLICT (message_id) DO NOTHING`, answering with the keys it
    /// skipped.
    private func insertSkippingStored(_ items: [FeedbackItem], on connection: PostgresConnection) async throws -> Set<String> {
        // unnest takes no optionals: "absent" has a spelling per column.
        let helpful = items.map { item -> String in if case .helpful(let yes) = item.answer { yes ? "t" : "f" } else { "" } }
        let ratings = items.map { item -> Int in if case .rating(let rating) = item.answer { rating } else { 0 } }
        let texts = items.map { item -> String in if case .text(let text) = item.answer { text } else { "" } }
        let recordedAt = Date(timeIntervalSince1970: items[0].recordedAt)
        let rows = try await connection.query(
            """
            WITH stored AS (
            INSERT INTO \(unescaped: table("items"))
                (id, message_id, knowledge_support_id, knowledge_support_version, respondent_role, kind, helpful, rating,
                 answer_text, comment, redaction_count, organisation_id, occurred_at, recorded_at, source_system, source_app_id, week, month)
            SELECT id, m, s, v, r, k, CASE h WHEN 't' THEN true WHEN 'f' THEN false END, NULLIF(rt, 0), NULLIF(t, ''),
                   c, n, NULLIF(o, ''), to_timestamp(oa::float8), \(recordedAt), ss, app, w, mo
            FROM unnest(\(items.map(\.id))::uuid[], \(items.map(\.key))::text[], \(items.map(\.knowledgeSupportID))::text[],
                        \(items.map(\.knowledgeSupportVersion))::int[], \(items.map(\.respondentRole.rawValue))::text[],
                        \(items.map(\.kind.rawValue))::text[], \(helpful)::text[], \(ratings)::int[], \(texts)::text[],
                        \(items.map(\.comment))::text[], \(items.map(\.redactionCount))::int[], \(items.map { $0.organisationID ?? "" })::text[],
                        \(items.map(\.occurredAt))::int8[], \(items.map(\.sourceSystem))::text[], \(items.map(\.sourceAppID))::text[],
                        \(items.map(\.week.description))::text[], \(items.map(\.month.description))::text[])
                AS u(id, m, s, v, r, k, h, rt, t, c, n, o, oa, ss, app, w, mo)
            ON CONFLICT (message_id) DO NOTHING
            RETURNING message_id)
            SELECT k FROM unnest(\(items.map(\.key))::text[]) AS k WHERE NOT EXISTS (SELECT FROM stored WHERE stored.message_id = k)
            """, logger: logger)
        return Set(try await rows.decode(String.self).collect())
    }
}
