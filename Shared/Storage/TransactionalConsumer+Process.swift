import Logging
import CoreMetrics
import Messaging
import PostgresNIO
import ServiceLifecycle

extension TransactionalConsumer {
    /// Commits and settles `batch`; false when shutdown came while the database was away and the
    /// batch was left unsettled (the broker requeues it).
    @discardableResult
    func process(_ batch: [Delivery], consumer: AMQPConsumer) async throws -> Bool {
        var backoff = Duration.milliseconds(100)
        var conflicts = 0
        while true {
            do {
                let dispositions = try await commit(batch)
                try await settle(batch, dispositions, consumer: consumer)
                return true
            } catch where isTransactionConflict(error) && conflicts < 5 {
                // Chosen as a deadlock's victim (or a serialisation failure): the other transaction
                // has moved on, so the same batch goes again; the messages are not at fault.
                conflicts += 1
                logger.info("transaction lost a lock conflict; retrying the batch", metadata: ["error": "\(String(reflecting: error))"])
                try? await Task.sleep(for: .milliseconds(Int.random(in: 5...50)))
            } catch where Self.isConnectionTrouble(error) {
                // The database is away: hold the batch and try again; the messages are not at fault.
                logger.warning("database unavailable; holding \(batch.count) deliveries", metadata: ["error": "\(String(reflecting: error))"])
                if Task.isShuttingDownGracefully || Task.isCancelled { return false } // unacked: the broker requeues them
                try? await Task.sleep(for: backoff)
                backoff = min(backoff * 2, .seconds(5))
            } catch where batch.count > 1 {
                logger.warning("batch failed; retrying its \(batch.count) messages one by one", metadata: ["error": "\(String(reflecting: error))"])
                // Stop at the first one left unsettled: a later multiple-ack would ack it too.
                for delivery in batch {
                    guard try await process([delivery], consumer: consumer) else { return false }
                }
                return true
            } catch {
                logger.error("message failed; requeued (the delivery limit dead-letters it if it keeps failing)",
                             metadata: ["message_id": "\(batch[0].properties.messageID ?? "-")", "error": "\(String(reflecting: error))"])
                try await consumer.nack(batch[0], requeue: true)
                return true
            }
        }
    }

    /// One transaction: claim the keys in the inbox, handle the new messages, write their events,
    /// and note the rejections in the inbox.
    private func commit(_ batch: [Delivery]) async throws -> [Disposition?] {
        let keys = batch.map(Self.key)
        return try await client.withTransaction(logger: logger) { connection in
            let fresh = try await inbox.claim(keys, queue: configuration.queue, on: connection, logger: logger)
            var seen = Set<String>()
            var newIndices: [Int] = []
            for (index, key) in keys.enumerated() where fresh.contains(key) && seen.insert(key).inserted { newIndices.append(index) }
            var dispositions = [Disposition?](repeating: nil, count: batch.count) // nil: processed before, no second effect
            // A message seen before that was rejected then is rejected again (no second event): its
            // earlier reject may never have reached the broker — after a crash, or when this very
            // batch is retried because the connection dropped during COMMIT (not a redelivery).
            let repeats = batch.indices.filter { !fresh.contains(keys[$0]) }
            if !repeats.isEmpty {
                let rejections = try await inbox.rejections(repeats.map { keys[$0] }, on: connection, logger: logger)
                for index in repeats { dispositions[index] = rejections[keys[index]].map { .rejected(reason: $0) } }
            }
            guard !newIndices.isEmpty else { return dispositions }
            var context = Context(connection: connection, logger: logger, traceparent: nil)
            let results = try await handler(newIndices.map { batch[$0] }, &context)
            guard results.count == newIndices.count else {
                throw StorageError(.handlerFailed, "the batch handler answered \(results.count) dispositions for \(newIndices.count) messages")
            }
            var rejected: [(String, String)] = []
            for (index, result) in zip(newIndices, results) {
                dispositions[index] = result
                if case .rejected(let reason) = result { rejected.append((keys[index], reason)) }
            }
            try await inbox.noteRejections(rejected, on: connection, logger: logger)
            try await outbox.append(context.events, on: connection, logger: logger)
            return dispositions
        }
    }

    /// Rejections first (each to the dead-letter queue), then one multiple-ack for the rest, on
    /// the last delivery that was not rejected: acking a rejected tag would be an unknown tag to
    /// the broker, which closes the channel for it.
    private func settle(_ batch: [Delivery], _ dispositions: [Disposition?], consumer: AMQPConsumer) async throws {
        var lastAcked: Delivery?
        for (delivery, disposition) in zip(batch, dispositions) {
            switch disposition {
            case .rejected(let reason)?:
                rejected.increment()
                logger.info("message rejected", metadata: ["message_id": "\(delivery.properties.messageID ?? "-")", "reason": "\(reason)"])
                try await consumer.reject(delivery, requeue: false)
            case .processed?:
                processed.increment()
                lastAcked = delivery
            case nil:
                duplicates.increment()
                lastAcked = delivery
            }
        }
        if let lastAcked { try await consumer.ack(lastAcked, multiple: true) }
    }

    /// Errors that say the database connection is gone rather than that a statement failed.
    static func isConnectionTrouble(_ error: any Error) -> Bool {
        if let tx = error as? PostgresTransactionError {
            return [tx.beginError, tx.closureError, tx.commitError].contains { $0.map(isConnectionTrouble) ?? false }
        }
        guard let psql = error as? PSQLError else { return false }
        switch psql.code {
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .poolClosed:
            return true
        default:
            // Only the server's own "connection exception" (08…) and "shutting down / not accepting
            // connections" (57P…) mean it is away. Anything else (a failed statement, a decoding
            // error in a handler) counts against the message, so the delivery limit can end it.
            let state = psql.sqlState ?? ""
            return state.hasPrefix("08") || state.hasPrefix("57P")
        }
    }
}
