import CoreMetrics
import Foundation
import Logging
import Messaging
import NIOCore
import PostgresNIO
import Synchronization

extension OutboxRelay {
    struct PassOutcome {
        var published = 0
        /// Set when the oldest pending row waits for its backoff, or a publish failed.
        var retryIn: Duration?
    }

    private struct Row: Sendable {
        let id: Int64
        let request: PublishRequest
    }

    /// Publishes the oldest pending rows that are due, in id order, and deletes the confirmed
    /// ones. The connection is held only to read and to delete, not while the broker confirms.
    func publishPending() async throws -> PassOutcome {
        let table = database.table("outbox")
        let (batchSize, appID, logger) = (configuration.batchSize, configuration.appID, logger)
        let leftOver = confirmedNotDeleted.withLock { $0 }
        let (rows, firstWait) = try await database.read { connection -> ([Row], Double?) in
            if !leftOver.isEmpty {
                try await connection.query("DELETE FROM \(unescaped: table) WHERE id = ANY(\(leftOver))", logger: logger)
            }
            let result = try await connection.query(
                """
                SELECT id, message_id, exchange, routing_key, type, body, traceparent, correlation_id, created_at,
                       GREATEST(EXTRACT(EPOCH FROM next_attempt_at - now()), 0)::float8
                FROM \(unescaped: table)
                ORDER BY id
                LIMIT \(batchSize)
                """, logger: logger)
            var rows: [Row] = []
            var firstWait: Double?
            for try await (id, messageID, exchange, key, type, body, trace, correlation, created, wait)
                in result.decode((Int64, UUID, String, String, String, ByteBuffer, String?, String?, Date, Double).self)
            {
                // Stop at the first row still in backoff: later rows wait, so order is kept.
                if wait > 0 || firstWait != nil {
                    if firstWait == nil { firstWait = wait }
                    continue
                }
                let event = OutboxEvent(
                    routingKey: key, type: type, body: Array(buffer: body), exchange: exchange,
                    messageID: messageID, traceparent: trace, correlationID: correlation)
                rows.append(
                    Row(
                        id: id,
                        request: PublishRequest(
                            body: event.body, exchange: exchange, routingKey: key, properties: event.properties(appID: appID, createdAt: created))))
            }
            return (rows, firstWait)
        }
        confirmedNotDeleted.withLock { $0.removeAll { leftOver.contains($0) } }
        guard !rows.isEmpty else {
            return PassOutcome(published: 0, retryIn: firstWait.map { .milliseconds(max(50, Int($0 * 1000))) })
        }
        let results = await connection.publish(batch: rows.map(\.request), timeout: configuration.publishTimeout)
        var sent: [Int64] = []
        var failed: [(Int64, MessagingError)] = []
        for (row, result) in zip(rows, results) {
            switch result {
            case .success: sent.append(row.id)
            case .failure(let error): failed.append((row.id, error))
            }
        }
        let failedIDs = failed.map(\.0)
        let failedErrors = failed.map(\.1.message)
        let sentIDs = sent
        // Until the delete commits, these are confirmed but still in the table: remembered, so
        // that a failed delete does not publish them a second time.
        confirmedNotDeleted.withLock { $0 += sentIDs }
        try await database.read { connection in
            if !sentIDs.isEmpty {
                try await connection.query("DELETE FROM \(unescaped: table) WHERE id = ANY(\(sentIDs))", logger: logger)
            }
            if !failedIDs.isEmpty {
                // Backoff doubles from 0.5 s up to 5 minutes; the row stays until it goes out.
                try await connection.query(
                    """
                    UPDATE \(unescaped: table) AS o
                    SET attempts = attempts + 1,
                        next_attempt_at = now() + make_interval(secs => LEAST(300, 0.5 * power(2, attempts))),
                        last_error = u.e
                    FROM unnest(\(failedIDs)::int8[], \(failedErrors)::text[]) AS u(i, e)
                    WHERE o.id = u.i
                    """, logger: logger)
            }
        }
        confirmedNotDeleted.withLock { $0.removeAll { sentIDs.contains($0) } }
        published.increment(by: sent.count)
        if let (_, error) = failed.first {
            failures.increment(by: failed.count)
            logger.warning("outbox publish failed; will retry", metadata: [LogKey.schema: "\(schema)", "failed": "\(failed.count)", LogKey.error: "\(error)"])
            return PassOutcome(published: sent.count, retryIn: .milliseconds(500))
        }
        return PassOutcome(published: sent.count, retryIn: firstWait.map { .milliseconds(max(50, Int($0 * 1000))) })
    }

    /// Keeps `kl_outbox_pending` and `kl_outbox_oldest_pending_seconds` current, every two
    /// seconds, whether this relay leads or not: the figures come from the table, not from the
    /// relay's own account, so a relay that stopped cannot make them look fine.
    func measure() async {
        let table = database.table("outbox")
        let logger = logger
        while !Task.isCancelled {
            if let (count, age) = try? await database.read({ connection in
                try await connection.query(
                    """
                    SELECT count(*), COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 FROM \(unescaped: table)
                    """, logger: logger
                ).decode((Int64, Double).self).collect().first
            }) {
                pending.record(count)
                oldestPending.record(age)
            }
            try? await Task.sleep(for: .seconds(2))
        }
    }

    /// Deletes inbox rows and stored replies older than the retention, the window in which a
    /// redelivered message or a retried request is recognised (sent outbox rows are deleted as
    /// they go).
    func prune() async throws {
        let seconds = Double(configuration.retention.components.seconds)
        let (inbox, replies, logger) = (database.table("inbox"), database.table("stored_replies"), logger)
        try await database.read { connection in
            try await connection.query(
                """
                DELETE FROM \(unescaped: inbox) WHERE received_at < now() - make_interval(secs => \(seconds))
                """, logger: logger)
            try await connection.query(
                """
                DELETE FROM \(unescaped: replies) WHERE created_at < now() - make_interval(secs => \(seconds))
                """, logger: logger)
        }
    }
}
