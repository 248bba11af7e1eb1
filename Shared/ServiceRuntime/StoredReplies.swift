import Logging
import NIOCore
import PostgresNIO
import Storage
import SwiftProtobuf

extension Database {
    /// Runs a state-changing request in one transaction together with its reply. With a key (the
    /// request's `message_id`) the reply is stored with the change, so a redelivered or retried
    /// request gets the same reply and no second effect.
    ///
    /// Copies of one request run one at a time: the first claims the key's row, and a copy that
    /// arrives meanwhile waits on that key until the first commits, then answers with its reply.
    /// (A copy that ran its body against the first one's effect would answer ALREADY_EXISTS or
    /// FAILED_PRECONDITION for something that succeeded.) A body that fails, or ends with
    /// `rollbackOnly` (a dry run), stores nothing.
    public func idempotent<Response: SwiftProtobuf.Message>(
        _ method: String, key: String?, _ body: @escaping @Sendable (Transaction) async throws -> Response
    ) async throws -> Response {
        let table = table("stored_replies")
        return try await transaction { tx in
            guard let key, !key.isEmpty else { return try await body(tx) }
            let claimed = try await tx.query(
                """
                INSERT INTO \(unescaped: table) (message_id, method) VALUES (\(key), \(method))
                ON CONFLICT DO NOTHING RETURNING 1
                """
            ).decode(Int.self).collect()
            if claimed.isEmpty {
                // Committed before, or by a copy this insert waited for: its reply.
                let stored =
                    try await tx.query("SELECT response FROM \(unescaped: table) WHERE message_id = \(key)")
                    .decode(ByteBuffer?.self).collect().first ?? nil
                tx.rollbackOnly = true
                guard let stored else { throw StorageError(.handlerFailed, "the stored reply of \(method) \(key) is missing") }
                return try Response(serializedBytes: Array(buffer: stored))
            }
            let response = try await body(tx)
            if !tx.rollbackOnly {
                let bytes: [UInt8] = try response.serializedBytes()
                try await tx.query("UPDATE \(unescaped: table) SET response = \(ByteBuffer(bytes: bytes)) WHERE message_id = \(key)")
            }
            return response
        }
    }
}
