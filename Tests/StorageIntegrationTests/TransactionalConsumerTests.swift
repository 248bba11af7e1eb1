import Foundation
import KLTesting
import Messaging
import PostgresNIO
import ServiceLifecycle
import ServiceLifecycleTestKit
import Storage
import Synchronization
import Testing

@Suite("Exactly-once consumption: inbox, handler and outbox in one transaction")
struct TransactionalConsumerTests {
    /// A schema with the kernel tables and an `effects` table without a unique key, so a
    /// second effect of one message would show as a second row.
    static func prepare(_ db: PostgresClient, _ schema: String) async throws {
        _ = try await Migrator(
            schema: schema,
            migrations: Migration.kernel + [
                Migration(version: 100, name: "effects", sql: "CREATE TABLE effects (message_id text NOT NULL, body text NOT NULL)"),
                // What a handler keeping its own record (`Memory.handler`) keys by message id.
                Migration(version: 101, name: "records", sql: "CREATE TABLE records (message_id text PRIMARY KEY)"),
            ]
        ).migrate(db, logger: LocalStack.logger)
    }

    static func queue(_ amqp: AMQPConnection) async throws -> (String, String) {
        let queue = LocalStack.uniqueName("test.tx")
        var topology = Topology.exchanges
        topology.addQuorumQueue(queue, deliveryLimit: 3, bindings: [("kl.events", "test.\(queue).v1")])
        try await amqp.declare(topology)
        return (queue, "test.\(queue).v1")
    }

    static func count(_ db: PostgresClient, _ sql: PostgresQuery) async throws -> Int {
        for try await n in try await db.query(sql).decode(Int.self) { return n }
        return -1
    }

    /// Records one effect per message; bodies "reject…" are refused, "poison…" fail in SQL. With
    /// `.handler` memory it keeps its own record of the message ids, as such a handler must.
    static func handler(_ schema: String, memory: TransactionalConsumer.Memory = .inbox) -> TransactionalConsumer.Handler {
        { delivery, context in
            let body = String(decoding: delivery.body, as: UTF8.self)
            if body.hasPrefix("reject") {
                context.emit(OutboxEvent(routingKey: "test.rejected.v1", type: "test.Rejected", body: delivery.body))
                return .rejected(reason: "test says no")
            }
            if body.hasPrefix("poison") {
                try await context.connection.query("SELECT 1/0", logger: context.logger)
            }
            if memory == .handler {
                let id = delivery.properties.messageID ?? ""
                let rows = try await context.connection.query(
                    "INSERT INTO \(unescaped: schema).records VALUES (\(id)) ON CONFLICT DO NOTHING RETURNING 1", logger: context.logger)
                if try await rows.collect().isEmpty { return .duplicate }
            }
            try await context.connection.query(
                "INSERT INTO \(unescaped: schema).effects VALUES (\(delivery.properties.messageID ?? ""), \(body))", logger: context.logger)
            context.emit(OutboxEvent(routingKey: "test.done.v1", type: "test.Done", body: delivery.body))
            return .processed
        }
    }

    @Test(arguments: [TransactionalConsumer.Memory.inbox, .handler])
    func duplicatesAndRedeliveriesHaveOneEffectAndRejectsGoToTheDeadLetterQueue(memory: TransactionalConsumer.Memory) async throws {
        try await withScratchSchema { db, schema in
            try await Self.prepare(db, schema)
            try await withAMQPConnection(user: "admin") { amqp in
                let (queue, key) = try await Self.queue(amqp)
                // 300 messages, each sent twice (a publisher retrying), plus rejects and poison.
                var requests: [PublishRequest] = []
                for round in 0..<2 {
                    for i in 0..<300 {
                        requests.append(
                            PublishRequest(
                                body: Array("m\(i)".utf8), exchange: "kl.events", routingKey: key,
                                properties: MessageProperties(messageID: "id-\(i)", appID: "round-\(round)")))
                    }
                }
                for i in 0..<3 {
                    requests.append(
                        PublishRequest(
                            body: Array("reject\(i)".utf8), exchange: "kl.events", routingKey: key, properties: MessageProperties(messageID: "r-\(i)")))
                }
                requests.insert(
                    PublishRequest(body: Array("poison".utf8), exchange: "kl.events", routingKey: key, properties: MessageProperties(messageID: "p-1")), at: 150
                )
                for result in await amqp.publish(batch: requests) { try result.get() }

                var config = TransactionalConsumer.Configuration(queue: queue)
                config.batchSize = 64
                config.prefetch = 128
                config.memory = memory
                let consumer = try TransactionalConsumer(
                    configuration: config, connection: amqp, client: db, schema: schema,
                    logger: LocalStack.logger, handler: Self.handler(schema, memory: memory))
                try await whileRunning(consumer) {
                    try await eventually("all good messages to take effect") {
                        try await Self.count(db, "SELECT count(*) FROM \(unescaped: schema).effects") >= 300
                    }
                    // The poison message is retried up to the delivery limit, then dead-lettered.
                    try await eventually("rejects and poison in the dead-letter queue") {
                        try await Self.dlqCount(queue) == 4
                    }
                }
                #expect(try await Self.count(db, "SELECT count(*) FROM \(unescaped: schema).effects") == 300)
                #expect(try await Self.count(db, "SELECT count(DISTINCT message_id) FROM \(unescaped: schema).effects") == 300)
                #expect(try await Self.count(db, "SELECT count(*) FROM \(unescaped: schema).outbox WHERE routing_key = 'test.done.v1'") == 300)
                #expect(try await Self.count(db, "SELECT count(*) FROM \(unescaped: schema).outbox WHERE routing_key = 'test.rejected.v1'") == 3)
                // The inbox keeps every id, or (the handler keeping its own) only the rejected ones.
                #expect(try await Self.count(db, "SELECT count(*) FROM \(unescaped: schema).inbox") == (memory == .inbox ? 303 : 3))
                #expect(try await Self.count(db, "SELECT count(*) FROM \(unescaped: schema).inbox WHERE rejection IS NOT NULL") == 3)
                try await amqp.deleteQueue(queue)
                try await amqp.deleteQueue(queue + ".dlq")
            }
        }
    }

    @Test(arguments: [TransactionalConsumer.Memory.inbox, .handler])
    func aRedeliveredRejectionIsRejectedAgainWithoutASecondEventAndABatchEndingInARejectIsSettled(memory: TransactionalConsumer.Memory) async throws {
        try await withScratchSchema { db, schema in
            try await Self.prepare(db, schema)
            try await withAMQPConnection(user: "admin") { amqp in
                let (queue, key) = try await Self.queue(amqp)
                // As if a consumer had committed its rejection and stopped before telling the broker.
                try await db.query(
                    "INSERT INTO \(unescaped: schema).inbox (message_id, queue, rejection) VALUES ('gone-1', \(queue), 'said no')",
                    logger: LocalStack.logger)
                try await amqp.publish(Array("reject-gone".utf8), exchange: "kl.events", routingKey: key, properties: MessageProperties(messageID: "gone-1"))
                // A publisher resending an id rejected long ago: rejected again, so it too has a
                // dead-letter copy, without the handler running (no second event).
                try await db.query(
                    "INSERT INTO \(unescaped: schema).inbox (message_id, queue, rejection) VALUES ('old-1', \(queue), 'said no')",
                    logger: LocalStack.logger)
                let peek = try await amqp.consume(queue: queue, prefetch: 1)
                #expect(try await peek.nextBatch(max: 1).first?.properties.messageID == "gone-1")
                await peek.cancel()  // unacked: back to the queue, flagged redelivered
                try await amqp.publish(Array("reject-old".utf8), exchange: "kl.events", routingKey: key, properties: MessageProperties(messageID: "old-1"))

                var config = TransactionalConsumer.Configuration(queue: queue)
                config.batchSize = 1  // each batch a lone message: a rejected one must not be acked as well
                config.memory = memory
                let consumer = try TransactionalConsumer(
                    configuration: config, connection: amqp, client: db, schema: schema,
                    logger: LocalStack.logger, handler: Self.handler(schema, memory: memory))
                try await whileRunning(consumer) {
                    try await eventually("the redelivered rejection in the dead-letter queue") { try await Self.dlqCount(queue) >= 1 }
                    try await amqp.publish(Array("reject-new".utf8), exchange: "kl.events", routingKey: key, properties: MessageProperties(messageID: "new-1"))
                    try await amqp.publish(Array("m-after".utf8), exchange: "kl.events", routingKey: key, properties: MessageProperties(messageID: "after-1"))
                    try await eventually("the message after the rejections to take effect") {
                        try await Self.count(db, "SELECT count(*) FROM \(unescaped: schema).effects") == 1
                    }
                    try await eventually("the queue empty") { try await Self.queueCount(queue) == 0 }
                }
                // gone-1 and old-1 again, and new-1 (the management API's counts lag a little).
                try await eventually("three dead-letter copies") { try await Self.dlqCount(queue) == 3 }
                #expect(
                    try await Self.count(db, "SELECT count(*) FROM \(unescaped: schema).outbox WHERE routing_key = 'test.rejected.v1'") == 1,
                    "only new-1 ran the handler")
                #expect(try await Self.count(db, "SELECT count(*) FROM \(unescaped: schema).inbox WHERE rejection IS NOT NULL") == 3)
                try await amqp.deleteQueue(queue)
                try await amqp.deleteQueue(queue + ".dlq")
            }
        }
    }

    @Test func aHandlerThatFailsOnItsOwnIsDeadLetteredNotRetriedForever() async throws {
        try await withScratchSchema { db, schema in
            try await Self.prepare(db, schema)
            try await withAMQPConnection(user: "admin") { amqp in
                let (queue, key) = try await Self.queue(amqp)
                try await amqp.publish(Array("bad".utf8), exchange: "kl.events", routingKey: key, properties: MessageProperties(messageID: "bad-1"))
                // A PSQLError raised by the client (too many binds): no server info, yet the database is fine.
                let consumer = try TransactionalConsumer(
                    configuration: .init(queue: queue), connection: amqp, client: db, schema: schema,
                    logger: LocalStack.logger
                ) { _, context in
                    var binds = PostgresBindings()
                    for i in 0..<70_000 { binds.append(i) }
                    try await context.connection.query(PostgresQuery(unsafeSQL: "SELECT 1", binds: binds), logger: context.logger)
                    return .processed
                }
                try await whileRunning(consumer) {
                    try await eventually("the message in the dead-letter queue") { try await Self.dlqCount(queue) == 1 }
                }
                #expect(try await Self.count(db, "SELECT count(*) FROM \(unescaped: schema).inbox") == 0, "its transaction never committed")
                try await amqp.deleteQueue(queue)
                try await amqp.deleteQueue(queue + ".dlq")
            }
        }
    }

    @Test func eventsCarryTheTraceOfTheMessageThatCausedThem() async throws {
        try await withScratchSchema { db, schema in
            try await Self.prepare(db, schema)
            try await withAMQPConnection(user: "admin") { amqp in
                let (queue, key) = try await Self.queue(amqp)
                var traced = MessageProperties(messageID: "t-1")
                traced.traceparent = "00-11112222333344445555666677778888-9999aaaabbbbcccc-01"
                try await amqp.publish(Array("m1".utf8), exchange: "kl.events", routingKey: key, properties: traced)
                try await amqp.publish(Array("m2".utf8), exchange: "kl.events", routingKey: key, properties: MessageProperties(messageID: "t-2"))
                let consumer = try TransactionalConsumer(
                    configuration: .init(queue: queue), connection: amqp, client: db, schema: schema,
                    logger: LocalStack.logger, handler: Self.handler(schema))
                try await whileRunning(consumer) {
                    try await eventually("both handled") { try await Self.count(db, "SELECT count(*) FROM \(unescaped: schema).outbox") == 2 }
                }
                var traces: [String: String?] = [:]
                for try await (body, trace) in try await db.query("SELECT convert_from(body, 'UTF8'), traceparent FROM \(unescaped: schema).outbox").decode(
                    (String, String?).self)
                {
                    traces[body] = trace
                }
                #expect(traces["m1"] == .some(traced.traceparent))
                #expect(traces["m2"] == .some(nil))
                try await amqp.deleteQueue(queue)
                try await amqp.deleteQueue(queue + ".dlq")
            }
        }
    }

    @Test func gracefulShutdownFinishesTheBatchInHandAndTakesNoMore() async throws {
        try await withScratchSchema { db, schema in
            try await Self.prepare(db, schema)
            try await withAMQPConnection(user: "admin") { amqp in
                let (queue, key) = try await Self.queue(amqp)
                let requests = (0..<200).map {
                    PublishRequest(body: Array("m\($0)".utf8), exchange: "kl.events", routingKey: key, properties: MessageProperties(messageID: "g-\($0)"))
                }
                for result in await amqp.publish(batch: requests) { try result.get() }
                var config = TransactionalConsumer.Configuration(queue: queue)
                config.batchSize = 10
                config.prefetch = 20
                let started = AsyncStream<Void>.makeStream()
                let entered = Atomic<Int>(0)
                let slow: TransactionalConsumer.Handler = { delivery, context in
                    entered.add(1, ordering: .relaxed)
                    started.continuation.yield()
                    try await Task.sleep(for: .milliseconds(20))  // a batch takes ~200 ms
                    return try await Self.handler(schema)(delivery, &context)
                }
                let consumer = try TransactionalConsumer(
                    configuration: config, connection: amqp, client: db, schema: schema, logger: LocalStack.logger, handler: slow)
                try await testGracefulShutdown { trigger in
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask { try await consumer.run() }
                        var it = started.stream.makeAsyncIterator()
                        _ = await it.next()  // a batch is in hand
                        trigger.triggerGracefulShutdown()
                        try await group.waitForAll()  // run() returns by itself
                    }
                }
                let done = try await Self.count(db, "SELECT count(*) FROM \(unescaped: schema).effects")
                // Every message whose handling began was committed: the batch in hand was finished
                // whole (a batch is whatever was buffered, up to 10, so its size is not fixed).
                #expect(done > 0 && done == entered.load(ordering: .relaxed), "whole batches only: \(done) of \(entered.load(ordering: .relaxed)) begun")
                #expect(done < 200, "it stopped taking work")
                #expect(try await Self.count(db, "SELECT count(*) FROM \(unescaped: schema).inbox") == done)
                // Everything not done is still in the queue for the next consumer, nothing lost.
                try await eventually("the rest back in the queue") { try await Self.queueCount(queue) == 200 - done }
                try await amqp.deleteQueue(queue)
                try await amqp.deleteQueue(queue + ".dlq")
            }
        }
    }

    static func queueCount(_ queue: String) async throws -> Int {
        try await managementCount(queue)
    }

    static func dlqCount(_ queue: String) async throws -> Int {
        try await managementCount(queue + ".dlq")
    }
}
