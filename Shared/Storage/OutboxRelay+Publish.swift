import Foundation
import Logging
import CoreMetrics
import Messaging
import NIOCore
import PostgresNIO

extension OutboxRelay {
    struct PassOutcome {
        var published = 0
        /// Set when the oldest pending row waits for its backoff, or a publish failed.
        var retryIn: Duration?
    }

    /// Publishes the oldest pending rows that are due, in id order, and deletes the confirmed ones.
    func publishPending(on connection: PostgresConnection) async throws -> PassOutcome {
        let rows = try await connection.query("""
            SELECT id, message_id, exchange, routing_key, type, body, traceparent, correlation_id, created_at,
                   GREATEST(EXTRACT(EPOCH FROM next_attempt_at - now()), 0)::float8
            FROM \(unescaped: schema).outbox
            ORDER BY id
            LIMIT \(configuration.batchSize)
            """, logger: logger)
        var ids: [Int64] = []
        var requests: [PublishRequest] = []
        var firstWait: Double?
        for try await (id, messageID, exchange, key, type, body, trace, correlation, created, wait)
            in rows.decode((Int64, UUID, String, String, String, ByteBuffer, String?, String?, Date, Double).self) {
            // Stop at the first row still in backoff: later rows wait, so order is kept.
            if wait > 0 || firstWait != nil {
                if firstWait == nil { firstWait = wait }
                continue
            }
            let event = OutboxEvent(routingKey: key, type: type, body: Array(buffer: body), exchange: exchange,
                                    messageID: messageID, traceparent: trace, correlationID: correlation)
            ids.append(id)
            requests.append(PublishRequest(body: event.body, exchange: exchange, routingKey: key,
                                           properties: event.properties(appID: configuration.appID, createdAt: created)))
        }
        guard !requests.isEmpty else {
            return PassOutcome(published: 0, retryIn: firstWait.map { .milliseconds(max(50, Int($0 * 1000))) })
        }
        let results = await self.connection.publish(batch: requests)
        var sent: [Int64] = []
        var failed: [(Int64, MessagingError)] = []
        for (id, result) in zip(ids, results) {
            switch result {
            case .success: sent.append(id)
            case .failure(let error): failed.append((id, error))
            }
        }
        if !sent.isEmpty {
            try await connection.query("""
                DELETE FROM \(unescaped: schema).outbox WHERE id = ANY(\(sent))
                """, logger: logger)
            published.increment(by: sent.count)
        }
        for (id, error) in failed {
            // Backoff doubles from 0.5 s up to 5 minutes; the row stays until it goes out.
            try await connection.query("""
                UPDATE \(unescaped: schema).outbox
                SET attempts = attempts + 1,
                    next_attempt_at = now() + make_interval(secs => LEAST(300, 0.5 * power(2, attempts))),
                    last_error = \(error.message)
                WHERE id = \(id)
                """, logger: logger)
        }
        if let (_, error) = failed.first {
            failures.increment(by: failed.count)
            logger.warning("outbox publish failed; will retry", metadata: ["schema": "\(schema)", "failed": "\(failed.count)", "error": "\(error)"])
            return PassOutcome(published: sent.count, retryIn: .milliseconds(500))
        }
        return PassOutcome(published: sent.count, retryIn: firstWait.map { .milliseconds(max(50, Int($0 * 1000))) })
    }

    func updatePendingGauge(on connection: PostgresConnection) async throws {
        let rows = try await connection.query("SELECT count(*) FROM \(unescaped: schema).outbox", logger: logger)
        for try await count in rows.decode(Int64.self) { pending.record(count) }
    }

    /// Deletes inbox rows older than the retention (sent outbox rows are deleted as they go).
    func prune(on connection: PostgresConnection) async throws {
        let seconds = Double(configuration.retention.components.seconds)
        try await connection.query("""
            DELETE FROM \(unescaped: schema).inbox WHERE received_at < now() - make_interval(secs => \(seconds))
            """, logger: logger)
    }
}
