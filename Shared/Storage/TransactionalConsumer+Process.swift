import CoreMetrics
import Logging
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
                outage.ended(logger: logger)
                try await settle(batch, dispositions, consumer: consumer)
                return true
            } catch  where isTransactionConflict(error) && conflicts < 5 {
                // Chosen as a deadlock's victim (or a serialisation failure): the other transaction
                // has moved on, so the same batch goes again; the messages are not at fault.
                conflicts += 1
                logger.info("transaction lost a lock conflict; retrying the batch", metadata: ["error": "\(String(reflecting: error))"])
                try? await Task.sleep(for: .milliseconds(Int.random(in: 5...50)))
            } catch  where isDatabaseUnavailable(error) {
                // The database is away: hold the batch and try again; the messages are not at fault.
                outage.failed("database unavailable, holding \(batch.count) deliveries (\(OutboxRelay.describe(error)))", logger: logger)
                if Task.isShuttingDownGracefully || Task.isCancelled { return false }  // unacked: the broker requeues them
                try? await Task.sleep(for: backoff)
                backoff = min(backoff * 2, .seconds(5))
            } catch  where Task.isCancelled || error is CancellationError {
                // Stopped mid-batch (a hard stop): nothing committed; the broker gets it back.
                return false
            } catch  where batch.count > 1 {
                logger.warning(
                    "batch failed; retrying its \(batch.count) messages in halves",
                    metadata: [LogKey.batchSize: "\(batch.count)", LogKey.error: "\(String(reflecting: error))"])
                // Halves, each split again if it fails, until the failing message stands alone: the
                // others commit in a few transactions instead of one each. In order, and stopping at
                // a half left unsettled: a later multiple-ack would ack it too.
                let half = batch.count / 2
                guard try await process(Array(batch[..<half]), consumer: consumer) else { return false }
                return try await process(Array(batch[half...]), consumer: consumer)
            } catch {
                logger.error(
                    "message failed; requeued (the delivery limit dead-letters it if it keeps failing)",
                    metadata: Self.metadata(batch[0]).merging([LogKey.error: "\(String(reflecting: error))"]) { $1 })
                try await consumer.nack(batch[0], requeue: true)
                return true
            }
        }
    }

    /// One transaction: sort the keys into new and seen before, handle the new messages, write
    /// their events, and note the rejections in the inbox.
    private func commit(_ batch: [Delivery]) async throws -> [Disposition?] {
        let keys = batch.map(Self.key)
        let (inbox, queue, memory, handler, logger) = (inbox, configuration.queue, configuration.memory, handler, logger)
        return try await database.transaction { tx in
            let connection = tx.connection
            let (fresh, earlier) = try await Self.sort(keys, memory: memory, inbox: inbox, queue: queue, on: connection, logger: logger)
            var newIndices: [Int] = []
            var dispositions = [Disposition?](repeating: nil, count: batch.count)  // nil: a second copy, no second effect
            var seen = Set<String>()
            for (index, key) in keys.enumerated() {
                if fresh.contains(key) {
                    if seen.insert(key).inserted { newIndices.append(index) }
                } else {
                    // A message rejected before is rejected again (no second event): its earlier
                    // reject may never have reached the broker — after a crash, or when this very
                    // batch is retried because the connection dropped during COMMIT.
                    dispositions[index] = earlier[key].map { .rejected(reason: $0) }
                }
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
            switch memory {
            case .inbox:
                try await inbox.noteRejections(rejected, queue: queue, on: connection, logger: logger)
            case .handler:
                // A copy of one of these messages rejected by another transaction meanwhile has its
                // event written there: roll back this one's and take the batch again.
                let claimed = try await inbox.claimRejections(rejected, queue: queue, on: connection, logger: logger)
                if claimed.count < Set(rejected.map(\.0)).count {
                    throw StorageError(.transactionConflict, "another transaction rejected a message of this batch first")
                }
            }
            tx.emit(context.events)
            return dispositions
        }
    }

    /// The keys not seen before, and why those seen before were rejected (when they were).
    private static func sort(
        _ keys: [String], memory: Memory, inbox: Inbox, queue: String, on connection: PostgresConnection, logger: Logger
    ) async throws -> (fresh: Set<String>, rejections: [String: String]) {
        switch memory {
        case .inbox:
            let fresh = try await inbox.claim(keys, queue: queue, on: connection, logger: logger)
            let repeats = keys.filter { !fresh.contains($0) }
            return (fresh, repeats.isEmpty ? [:] : try await inbox.rejections(repeats, on: connection, logger: logger))
        case .handler:
            let rejections = try await inbox.rejections(keys, on: connection, logger: logger)
            return (Set(keys).subtracting(rejections.keys), rejections)
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
                logger.info("message rejected", metadata: Self.metadata(delivery).merging(["reason": "\(reason)"]) { $1 })
                try await consumer.reject(delivery, requeue: false)
            case .processed?:
                processed.increment()
                lastAcked = delivery
            case .duplicate?, nil:
                duplicates.increment()
                lastAcked = delivery
            }
        }
        if let lastAcked { try await consumer.ack(lastAcked, multiple: true) }
    }

    /// A message's log metadata: its inbox key and its trace.
    static func metadata(_ delivery: Delivery) -> Logger.Metadata {
        var metadata: Logger.Metadata = [LogKey.messageID: "\(key(delivery))"]
        if let trace = delivery.properties.traceparent { metadata[LogKey.traceID] = "\(trace)" }
        return metadata
    }
}
