import Logging
import NIOCore
import PostgresNIO

/// Writes events into the outbox of a schema, inside the caller's transaction.
public struct Outbox: Sendable {
    public let schema: String

    public init(schema: String) throws(StorageError) {
        try Migrator.validate(schema: schema)
        self.schema = schema
    }

    /// Appends `events` (one statement for all of them); they are published after commit.
    public func append(_ events: [OutboxEvent], on connection: PostgresConnection, logger: Logger) async throws {
        guard !events.isEmpty else { return }
        let ids = events.map(\.messageID)
        let exchanges = events.map(\.exchange)
        let keys = events.map(\.routingKey)
        let types = events.map(\.type)
        let bodies = events.map { ByteBuffer(bytes: $0.body) }
        let traces = events.map { $0.traceparent ?? "" }
        let correlations = events.map { $0.correlationID ?? "" }
        try await connection.query(
            """
            INSERT INTO \(unescaped: schema).outbox (message_id, exchange, routing_key, type, body, traceparent, correlation_id)
            SELECT m, e, k, t, b, NULLIF(tp, ''), NULLIF(c, '')
            FROM unnest(\(ids)::uuid[], \(exchanges)::text[], \(keys)::text[], \(types)::text[], \(bodies)::bytea[], \(traces)::text[], \(correlations)::text[])
                AS u(m, e, k, t, b, tp, c)
            """, logger: logger)
    }
}
