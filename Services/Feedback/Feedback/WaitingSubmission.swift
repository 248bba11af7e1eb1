import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import SwiftProtobuf

/// A submission kept in `pending_submissions` while its knowledge support is unknown.
struct WaitingSubmission: Sendable {
    let message: IntakeMessage
    /// The redacted FeedbackSubmitted as stored.
    let body: [UInt8]
}

extension FeedbackStore {
    static let waitingColumns = "message_id, submission, redaction_count, source_app_id, original_type, traceparent"

    /// Waiting submissions matching `condition`, locked for this transaction; rows another
    /// transaction holds are skipped (it is placing or expiring them).
    func lockWaiting(_ condition: PostgresQuery, on connection: PostgresConnection) async throws -> [WaitingSubmission] {
        var sql = "SELECT \(Self.waitingColumns) FROM \(table("pending_submissions")) WHERE "
        sql += condition.sql
        sql += " ORDER BY deadline LIMIT 200 FOR UPDATE SKIP LOCKED"
        let rows = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: condition.binds), logger: logger)
        var result: [WaitingSubmission] = []
        for try await (key, body, redactions, appID, type, traceparent) in rows.decode((String, ByteBuffer, Int32, String, String, String?).self) {
            let bytes = Array(buffer: body)
            let submission = (try? Kunskapsloop_Feedback_V1_FeedbackSubmitted(serializedBytes: bytes)).map(FeedbackSubmission.init)
            let message = IntakeMessage(key: key, messageID: key.hasPrefix("sha256:") ? "" : key, appID: appID, type: type, traceparent: traceparent,
                                        submission: submission.map { .success($0) } ?? .failure(.undecodable()), redactions: Int(redactions))
            result.append(WaitingSubmission(message: message, body: bytes))
        }
        return result
    }

    /// Waiting rows whose reference the projection now resolves.
    var resolvableCondition: PostgresQuery {
        PostgresQuery(unsafeSQL: """
            EXISTS (SELECT 1 FROM \(table("supports")) s
                    WHERE (reference_kind = 'id' AND s.id = reference_value) OR (reference_kind = 'slug' AND s.slug = reference_value)
                       OR (reference_kind = 'url' AND s.url_normalised = reference_value))
            """)
    }

    func removeWaiting(_ keys: [String], on connection: PostgresConnection) async throws {
        guard !keys.isEmpty else { return }
        try await connection.query(
            "DELETE FROM \(unescaped: table("pending_submissions")) WHERE message_id = ANY(\(keys)::text[])", logger: logger)
    }
}
