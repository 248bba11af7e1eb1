import CoreMetrics
import Crypto
import Foundation
import Logging
import Messaging
import Metrics
import PostgresNIO
import ServiceLifecycle
import Synchronization

/// Consumes a queue with exactly-once effect: takes a batch of deliveries, runs the handler for
/// each new message inside one transaction together with the inbox rows and the outbox events,
/// commits, and settles the whole batch with one multiple-ack.
///
/// - A message id already in the inbox is acked without running the handler (redelivery). With
///   `Memory.handler` the handler's own table keeps the ids instead (see there).
/// - A handler that answers `.rejected` has written its rejection event (it commits like any
///   other); the message is rejected without requeue, so the broker keeps a copy in the
///   dead-letter queue. The inbox remembers the rejection: should the process stop between commit
///   and reject (or the commit be retried), the message is rejected again (no second event), so
///   the copy still arrives; a publisher resending it gets another copy there.
/// - A batch handler (`init(configuration:…batchHandler:)`) sees all new messages of a batch at
///   once, so it can read and write them with a few statements instead of a few per message.
/// - A batch that fails is retried in halves, split again while they fail, so one poison message
///   cannot take the others with it; a lone failing message is requeued and the queue's delivery limit ends
///   the loop. A lost database is waited out with backoff, not counted against the messages: it
///   is logged once, shown by `/readyz` while it lasts, and the held batch commits once it is back.
public final class TransactionalConsumer: Service, ReadinessReporting, Sendable {
    public enum Disposition: Sendable, Equatable {
        case processed
        case rejected(reason: String)
        /// Took effect in an earlier transaction (a redelivery): acked, nothing done again.
        case duplicate
    }

    /// Where the consumer remembers which messages took effect.
    public enum Memory: Sendable {
        /// Every message id gets an inbox row in the transaction that handles it; the handler sees
        /// each message once.
        case inbox
        /// The handler's own table is the record: its rows are keyed by the message id under a
        /// unique constraint and inserted with `ON CONFLICT DO NOTHING`, so a redelivered message
        /// has no second effect there, and the handler answers `.duplicate` for it. The inbox keeps
        /// only rejections, so a rejected message is rejected again without a second event. Saves
        /// the inbox row and its index entries on every message.
        case handler
    }

    /// What a handler gets for one message: the open transaction and a place to put events.
    public struct Context {
        public let connection: PostgresConnection
        public let logger: Logger
        /// The trace context of the message being handled; events emitted for it carry it on.
        public let traceparent: String?
        public internal(set) var events: [OutboxEvent] = []

        /// Queues an event to publish after commit. An event without a trace context of its own
        /// gets the handled message's, so a trace runs through the whole loop.
        public mutating func emit(_ event: OutboxEvent) {
            guard event.traceparent == nil, let traceparent else { return events.append(event) }
            events.append(
                OutboxEvent(
                    routingKey: event.routingKey, type: event.type, body: event.body, exchange: event.exchange,
                    messageID: event.messageID, traceparent: traceparent, correlationID: event.correlationID))
        }
    }

    public typealias Handler = @Sendable (Delivery, inout Context) async throws -> Disposition
    /// Handles the new messages of a batch together; returns one disposition per delivery, in
    /// order. Events it emits carry the trace context it gives them (the context has none).
    public typealias BatchHandler = @Sendable ([Delivery], inout Context) async throws -> [Disposition]

    public struct Configuration: Sendable {
        public var queue: String
        /// Deliveries per transaction (default 200).
        public var batchSize = 200
        /// Unacknowledged deliveries the broker hands out (default 2 × batch size).
        public var prefetch: UInt16 = 400
        /// How long a batch that is not full may wait for more deliveries while they keep
        /// coming (default not at all; `AMQPConsumer.nextBatch`). Under load, bigger batches cost
        /// the broker, the database and the service less per message; a message that comes alone
        /// waits 10 ms for company, not this long.
        public var linger: Duration = .zero
        /// Where processed message ids are kept (default the inbox).
        public var memory: Memory = .inbox
        /// Where the counters go (default the process's metrics system; tests give their own).
        public var metricsFactory: any MetricsFactory = MetricsSystem.factory
        public init(queue: String) { self.queue = queue }
    }

    let configuration: Configuration
    let connection: AMQPConnection
    let database: Database
    let inbox: Inbox
    let handler: BatchHandler
    let outage: Outage
    let stopped = Mutex<String?>(nil)
    let logger: Logger
    let processed: Counter
    let rejected: Counter
    let duplicates: Counter

    public convenience init(
        configuration: Configuration, connection: AMQPConnection, client: PostgresClient, schema: String,
        logger: Logger, handler: @escaping Handler
    ) throws(StorageError) {
        try self.init(
            configuration: configuration, connection: connection, client: client, schema: schema, logger: logger,
            batchHandler: Self.oneByOne(handler))
    }

    /// - Parameters:
    ///   - batchHandler: must return exactly one disposition per delivery it is given.
    public init(
        configuration: Configuration, connection: AMQPConnection, client: PostgresClient, schema: String,
        logger: Logger, batchHandler handler: @escaping BatchHandler
    ) throws(StorageError) {
        self.configuration = configuration
        self.connection = connection
        inbox = try Inbox(schema: schema)
        self.handler = handler
        outage = Outage(part: "consumer of \(configuration.queue)")
        var logger = logger
        logger[metadataKey: LogKey.queue] = .string(configuration.queue)
        self.logger = logger
        database = try Database(client: client, schema: schema, logger: logger)
        let dims = [("queue", configuration.queue)]
        let factory = configuration.metricsFactory
        processed = Counter(label: "kl_messages_processed_total", dimensions: dims, factory: factory)
        rejected = Counter(label: "kl_messages_rejected_total", dimensions: dims, factory: factory)
        duplicates = Counter(label: "kl_messages_duplicate_total", dimensions: dims, factory: factory)
    }

    /// Consumes until graceful shutdown: then takes no new batch, finishes the one in hand, and
    /// returns (unacked deliveries go back to the queue when the channel closes).
    public func run() async throws {
        do {
            let consumer = try await connection.consume(queue: configuration.queue, prefetch: configuration.prefetch)
            try await withGracefulShutdownHandler {
                while true {
                    let batch = try await consumer.nextBatch(max: configuration.batchSize, linger: configuration.linger)
                    if batch.isEmpty { break }
                    // Left unsettled at shutdown: take no more, or a later multiple-ack would ack it.
                    guard try await process(batch, consumer: consumer) else { break }
                }
            } onGracefulShutdown: {
                consumer.finish()
            }
            await consumer.cancel()
        } catch {
            stopped.withLock { $0 = "consumer of \(configuration.queue) stopped: \(error)" }
            throw error
        }
    }

    public var readinessProblem: String? {
        stopped.withLock { $0 } ?? outage.problem
    }

    /// A per-message handler as a batch handler: each message with its own logger metadata and trace context.
    static func oneByOne(_ handler: @escaping Handler) -> BatchHandler {
        { deliveries, context in
            var dispositions: [Disposition] = []
            let batchLogger = context.logger
            for delivery in deliveries {
                var messageLogger = batchLogger
                messageLogger[metadataKey: LogKey.messageID] = .string(key(delivery))
                if let trace = delivery.properties.traceparent { messageLogger[metadataKey: LogKey.traceID] = .string(trace) }
                var messageContext = Context(
                    connection: context.connection, logger: messageLogger,
                    traceparent: delivery.properties.traceparent, events: context.events)
                dispositions.append(try await handler(delivery, &messageContext))
                context.events = messageContext.events
            }
            return dispositions
        }
    }

    /// The inbox key: the message id, or for a message without one a hash of its content. An id
    /// that is not text is keyed by its exact bytes (`bytes:<hex>`), never by a lossy reading two
    /// different ids could share; handlers refuse such messages.
    public static func key(_ delivery: Delivery) -> String {
        if let raw = delivery.properties.unreadableMessageID {
            return "bytes:" + raw.map { String(format: "%02x", $0) }.joined()
        }
        if let id = delivery.properties.messageID, !id.isEmpty { return id }
        let digest = SHA256.hash(data: Data(delivery.routingKey.utf8) + Data(delivery.body))
        return "sha256:" + digest.map { String(format: "%02x", $0) }.joined()
    }
}
