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
        // unnest takes no optionals: "absent" has a spelling per column.
        let helpful = items.map { item -> String in if case .helpful(let yes) = item.answer { yes ? "t" : "f" } else { "" } }
        let ratings = items.map { item -> Int in if case .rating(let rating) = item.answer { rating } else { 0 } }
        let texts = items.map { item -> String in if case .text(let text) = item.answer { text } else { "" } }
        let recordedAt = Date(timeIntervalSince1970: items[0].recordedAt)
        // A key stored before is rare (a redelivery, a sender's resend), and ON CONFLICT's
        // speculative insertion costs every row an extra search of the unique index: the batch is
        // tried as a plain insert first, and only if that meets a stored key, under a savepoint,
        // again with ON CONFLICT. Either way the statement answers with the keys it skipped, not
        // the thousands it stored.
        func insert(skippingStored: Bool) async throws -> Set<String> {
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
                \(unescaped: skippingStored ? "ON CONFLICT (message_id) DO NOTHING" : "")
                RETURNING message_id)
                SELECT k FROM unnest(\(items.map(\.key))::text[]) AS k WHERE NOT EXISTS (SELECT FROM stored WHERE stored.message_id = k)
                """, logger: logger)
            return Set(try await rows.decode(String.self).collect())
        }
        let skipped: Set<String>
        try await connection.query("SAVEPOINT kl_items", logger: logger)
        do {
            skipped = try await insert(skippingStored: false)
        } catch  where isUniqueViolation(error, constraint: "items_message_id_key") {
            try await connection.query("ROLLBACK TO SAVEPOINT kl_items", logger: logger)
            skipped = try await insert(skippingStored: true)
        }
        try await connection.query("RELEASE SAVEPOINT kl_items", logger: logger)
        try await addToTallies(skipped.isEmpty ? items : items.filter { !skipped.contains($0.key) }, on: connection)
        return skipped
    }
}
