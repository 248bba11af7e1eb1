import Logging
import PostgresNIO

/// Records which messages a schema has processed, so redeliveries have no second effect.
public struct Inbox: Sendable {
    public let schema: String

    public init(schema: String) throws(StorageError) {
        try Migrator.validate(schema: schema)
        self.schema = schema
    }

    /// Inserts the keys not seen before, inside the caller's transaction, and returns them. A key
    /// not returned was processed already (or is being processed by a transaction that will
    /// commit first: the insert waits for it).
    public func claim(_ keys: [String], queue: String, on connection: PostgresConnection, logger: Logger) async throws -> Set<String> {
        guard !keys.isEmpty else { return [] }
        let rows = try await connection.query(
            """
            INSERT INTO \(unescaped: schema).inbox (message_id, queue)
            SELECT DISTINCT k, \(queue) FROM unnest(\(keys)::text[]) AS u(k)
            ON CONFLICT (message_id) DO NOTHING
            RETURNING message_id
            """, logger: logger)
        var fresh = Set<String>()
        for try await key in rows.decode(String.self) { fresh.insert(key) }
        return fresh
    }

    /// Notes why messages were rejected, inside the transaction that rejects them (a key not
    /// claimed before gets its row now).
    public func noteRejections(
        _ rejections: [(key: String, reason: String)], queue: String, on connection: PostgresConnection, logger: Logger
    ) async throws {
        _ = try await insert(rejections, queue: queue, onConflict: "DO UPDATE SET rejection = EXCLUDED.rejection", on: connection, logger: logger)
    }

    /// Claims the keys of messages being rejected, with the reasons, for a consumer whose handler
    /// keeps the record of what it processed (`TransactionalConsumer.Memory.handler`). Returns the
    /// keys claimed now: one missing was claimed by another transaction first (the insert waits
    /// for it to end), which has written that message's rejection already.
    public func claimRejections(
        _ rejections: [(key: String, reason: String)], queue: String, on connection: PostgresConnection, logger: Logger
    ) async throws -> Set<String> {
        try await insert(rejections, queue: queue, onConflict: "DO NOTHING", on: connection, logger: logger)
    }

    /// Inserts rejection rows; returns the keys inserted or updated.
    private func insert(
        _ rejections: [(key: String, reason: String)], queue: String, onConflict: String, on connection: PostgresConnection, logger: Logger
    ) async throws -> Set<String> {
        guard !rejections.isEmpty else { return [] }
        let rows = try await connection.query(
            """
            INSERT INTO \(unescaped: schema).inbox (message_id, queue, rejection)
            SELECT DISTINCT ON (k) k, \(queue), r FROM unnest(\(rejections.map(\.key))::text[], \(rejections.map(\.reason))::text[]) AS u(k, r)
            ON CONFLICT (message_id) \(unescaped: onConflict)
            RETURNING message_id
            """, logger: logger)
        return Set(try await rows.decode(String.self).collect())
    }

    /// The rejection reasons of those of `keys` that were rejected.
    public func rejections(_ keys: [String], on connection: PostgresConnection, logger: Logger) async throws -> [String: String] {
        let rows = try await connection.query(
            """
            SELECT message_id, rejection FROM \(unescaped: schema).inbox
            WHERE message_id = ANY(\(keys)::text[]) AND rejection IS NOT NULL
            """, logger: logger)
        var result: [String: String] = [:]
        for try await (key, reason) in rows.decode((String, String).self) { result[key] = reason }
        return result
    }
}
