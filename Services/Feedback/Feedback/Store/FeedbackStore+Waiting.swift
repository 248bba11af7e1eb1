import CatalogProjection
import Foundation
import Logging
import NIOCore
import PostgresNIO
import Storage

/// A submission kept in `pending_submissions` while its knowledge support is unknown: its
/// redacted body as the handler encoded it, and what the broker said about it.
struct WaitingRow: Sendable {
    let key: String
    let body: [UInt8]
    let redactions: Int
    let appID: String
    let type: String
    let traceparent: String?
    let reference: SupportReference
}

/// Which waiting submissions to take.
enum WaitingSelection: Sendable {
    /// Those naming this support by its id, slug or URL.
    case naming(id: String, slug: String, url: String)
    /// Those whose reference the projection now resolves.
    case resolvable
    /// Those whose deadline has passed.
    case due(Date)
}

extension FeedbackStore {
    /// Keeps submissions until the catalog's event for their support or their deadline; a key
    /// kept before is left as it is.
    func park(_ rows: [WaitingRow], receivedAt: Date, deadline: Date, on connection: PostgresConnection) async throws {
        guard !rows.isEmpty else { return }
        try await connection.query(
            """
            INSERT INTO \(unescaped: table("pending_submissions"))
                (message_id, reference_kind, reference_value, submission, redaction_count, source_app_id, original_type, traceparent, received_at, deadline)
            SELECT m, k, v, b, n, a, t, NULLIF(tp, ''), \(receivedAt), \(deadline)
            FROM unnest(\(rows.map(\.key))::text[], \(rows.map(\.reference.kind.rawValue))::text[],
                        \(rows.map(\.reference.value))::text[], \(rows.map { ByteBuffer(bytes: $0.body) })::bytea[],
                        \(rows.map(\.redactions))::int[], \(rows.map(\.appID))::text[], \(rows.map(\.type))::text[],
                        \(rows.map { $0.traceparent ?? "" })::text[]) AS u(m, k, v, b, n, a, t, tp)
            ON CONFLICT (message_id) DO NOTHING
            """, logger: logger)
    }

    /// Waiting submissions `selection` picks, at most `limit`, locked for this transaction; rows
    /// another transaction holds are skipped (it is placing or expiring them).
    func lockWaiting(_ selection: WaitingSelection, limit: Int, on connection: PostgresConnection) async throws -> [WaitingRow] {
        let condition: PostgresQuery
        switch selection {
        case .naming(let id, let slug, let url):
            condition = """
                (reference_kind = 'id' AND reference_value = \(id)) OR (reference_kind = 'slug' AND reference_value = \(slug))
                OR (reference_kind = 'url' AND reference_value = \(url) AND \(url) <> '')
                """
        case .resolvable:
            condition = PostgresQuery(
                unsafeSQL: """
                    EXISTS (SELECT 1 FROM \(table("catalog_supports")) s
                            WHERE (reference_kind = 'id' AND s.id = reference_value) OR (reference_kind = 'slug' AND s.slug = reference_value)
                               OR (reference_kind = 'url' AND s.url_normalised = reference_value))
                    """)
        case .due(let now):
            condition = "deadline <= \(now)"
        }
        var binds = condition.binds
        binds.append(limit, context: .default)
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT message_id, submission, redaction_count, source_app_id, original_type, traceparent, reference_kind, reference_value
                    FROM \(table("pending_submissions")) WHERE \(condition.sql)
                    ORDER BY deadline LIMIT $\(binds.count) FOR UPDATE SKIP LOCKED
                    """, binds: binds), logger: logger)
        var result: [WaitingRow] = []
        for try await (key, body, redactions, appID, type, traceparent, kind, value)
            in rows.decode((String, ByteBuffer, Int32, String, String, String?, String, String).self)
        {
            guard let kind = SupportReference.Kind(rawValue: kind) else { continue }  // the table's CHECK allows no other
            result.append(
                WaitingRow(
                    key: key, body: Array(buffer: body), redactions: Int(redactions), appID: appID, type: type,
                    traceparent: traceparent, reference: SupportReference(kind: kind, value: value)))
        }
        return result
    }

    func removeWaiting(_ keys: [String], on connection: PostgresConnection) async throws {
        guard !keys.isEmpty else { return }
        try await connection.query(
            "DELETE FROM \(unescaped: table("pending_submissions")) WHERE message_id = ANY(\(keys)::text[])", logger: logger)
    }
}
