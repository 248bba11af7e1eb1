import Foundation
import KLTesting
import Messaging
import PostgresNIO
import Storage
import Synchronization
import Testing

extension Disruptive {
    /// PostgreSQL stops (fast: every session is ended) and starts again a few seconds later, as an
    /// operator's restart or a failover would do it. Every part that uses the database must notice,
    /// say so, reconnect and go on, without a process restart.
    @Suite("The database goes away and comes back")
    struct DatabaseRestartTests {
        static func event(_ key: String, _ n: Int) -> OutboxEvent {
            OutboxEvent(routingKey: key, type: "kunskapsloop.test.v1.Numbered", body: Array("\(n)".utf8))
        }

        static func ownQueue(_ amqp: AMQPConnection) async throws -> (String, String) {
            let queue = LocalStack.uniqueName("test.dbrestart")
            var topology = Topology.exchanges
            topology.addQuorumQueue(queue, bindings: [("kl.events", "test.\(queue).v1")])
            try await amqp.declare(topology)
            return (queue, "test.\(queue).v1")
        }

        /// Appends `events` in one transaction, retrying while the database is away.
        static func append(_ events: [OutboxEvent], _ db: PostgresClient, _ schema: String) async throws {
            let outbox = try Outbox(schema: schema)
            try await eventually(timeout: .seconds(60), "the database to take the events") {
                do {
                    try await db.withTransaction(logger: LocalStack.logger) { c in
                        try await outbox.append(events, on: c, logger: LocalStack.logger)
                    }
                    return true
                } catch {
                    return false
                }
            }
        }

        static func restartDatabase(downFor pause: Duration = .seconds(3)) async throws {
            try await whileDatabaseStopped { try await Task.sleep(for: pause) }
        }

        static func numbers(_ deliveries: [Delivery]) -> [Int] {
            deliveries.compactMap { Int(String(decoding: $0.body, as: UTF8.self)) }
        }

        @Test func theRelayPublishesAgainAfterARestartWhileIdle() async throws {
            try await withScratchSchema { db, schema in
                _ = try await Migrator(schema: schema, migrations: Migration.kernel).migrate(db, logger: LocalStack.logger)
                try await withAMQPConnection(user: "admin") { amqp in
                    let (queue, key) = try await Self.ownQueue(amqp)
                    let relay = try OutboxRelay.scratch(db, schema: schema, amqp: amqp, configuration: .init(appID: "restart-test"))
                    try await whileRunning(relay) {
                        let consumer = try await amqp.consume(queue: queue, prefetch: 100)
                        try await Self.append([Self.event(key, 1)], db, schema)
                        var got = try await consumer.nextBatch(max: 10)
                        #expect(Self.numbers(got) == [1])
                        try await consumer.ack(got[0])
                        try await Self.restartDatabase()
                        try await Self.append([Self.event(key, 2)], db, schema)
                        got = try await withTimeout(.seconds(60), "the event written after the restart") { try await consumer.nextBatch(max: 10) }
                        #expect(Self.numbers(got) == [2])
                        await consumer.cancel()
                    }
                    try await amqp.deleteQueue(queue)
                    try await amqp.deleteQueue(queue + ".dlq")
                }
            }
        }

        @Test func intakeGoesOnAfterARestartDuringABurstStoringEachMessageOnce() async throws {
            try await withScratchSchema { db, schema in
                _ = try await Migrator(
                    schema: schema,
                    migrations: Migration.kernel + [
                        Migration(version: 100, name: "effects", sql: "CREATE TABLE effects (message_id text NOT NULL)")
                    ]
                ).migrate(db, logger: LocalStack.logger)
                try await withAMQPConnection(user: "admin", name: "dbrestart-consumer") { amqp in
                    let queue = LocalStack.uniqueName("test.dbrestart")
                    let key = "test.\(queue).v1"
                    var topology = Topology.exchanges
                    topology.addQuorumQueue(queue, bindings: [("kl.events", key)])
                    try await amqp.declare(topology)
                    let total = 5000
                    for chunk in stride(from: 0, to: total, by: 500) {
                        for result in await amqp.publish(
                            batch: (chunk..<chunk + 500).map {
                                PublishRequest(body: [1], exchange: "kl.events", routingKey: key, properties: MessageProperties(messageID: "m-\($0)"))
                            })
                        { try result.get() }
                    }
                    var config = TransactionalConsumer.Configuration(queue: queue)
                    config.batchSize = 100
                    config.prefetch = 200
                    let consumer = try TransactionalConsumer(
                        configuration: config, connection: amqp, client: db, schema: schema,
                        logger: LocalStack.logger
                    ) { delivery, context in
                        try await context.connection.query(
                            "INSERT INTO \(unescaped: schema).effects VALUES (\(delivery.properties.messageID ?? ""))", logger: context.logger)
                        // Work between statements, where a restart finds the transaction open.
                        try await Task.sleep(for: .microseconds(200))
                        try await context.connection.query("SELECT 1", logger: context.logger)
                        return .processed
                    }
                    try await whileRunning(consumer) {
                        try await eventually("part of the burst to be stored") { try await Self.effects(db, schema, distinct: true) > 500 }
                        try await whileDatabaseStopped {
                            try await eventually("the consumer to report the lost database") { consumer.readinessProblem != nil }
                            #expect(consumer.readinessProblem?.contains("database unavailable") == true)
                            try await Task.sleep(for: .seconds(3))
                        }
                        try await eventually(timeout: .seconds(90), "every message to take effect") {
                            (try? await Self.effects(db, schema, distinct: true)) == total
                        }
                        try await eventually("the consumer to be ready again") { consumer.readinessProblem == nil }
                    }
                    #expect(try await Self.effects(db, schema, distinct: false) == total, "no message took effect twice")
                    try await amqp.deleteQueue(queue)
                    try await amqp.deleteQueue(queue + ".dlq")
                }
            }
        }

        @Test func theRelayFinishesAnOutboxItWasPublishingWhenTheDatabaseRestarted() async throws {
            try await withScratchSchema { db, schema in
                _ = try await Migrator(schema: schema, migrations: Migration.kernel).migrate(db, logger: LocalStack.logger)
                try await withAMQPConnection(user: "admin", name: "dbrestart-relay") { amqp in
                    let (queue, key) = try await Self.ownQueue(amqp)
                    let total = 20_000
                    for chunk in stride(from: 0, to: total, by: 2000) {
                        try await Self.append((chunk..<chunk + 2000).map { Self.event(key, $0) }, db, schema)
                    }
                    var config = OutboxRelay.Configuration(appID: "restart-test")
                    config.batchSize = 200
                    let relay = try OutboxRelay.scratch(db, schema: schema, amqp: amqp, configuration: config)
                    try await whileRunning(relay) {
                        try await eventually("the relay to publish part of the outbox") { try await Self.pending(db, schema) < total - 1000 }
                        try await Self.restartDatabase()
                        try await eventually(timeout: .seconds(90), "the outbox to drain") { (try? await Self.pending(db, schema)) == 0 }
                        try await eventually("the relay to be ready again") { relay.readinessProblem == nil }
                    }
                    // Every event arrived (a row confirmed but not yet deleted when the database went
                    // away goes out again: duplicates of an event id are allowed, losses are not).
                    let consumer = try await amqp.consume(queue: queue, prefetch: 2000)
                    let seen = try await withTimeout(.seconds(60), "every event to arrive") {
                        var seen = Set<Int>()
                        while seen.count < total {
                            let batch = try await consumer.nextBatch(max: 2000)
                            seen.formUnion(Self.numbers(batch))
                            try await consumer.ack(batch.last!, multiple: true)
                        }
                        return seen
                    }
                    #expect(seen.count == total)
                    await consumer.cancel()
                    try await amqp.deleteQueue(queue)
                    try await amqp.deleteQueue(queue + ".dlq")
                }
            }
        }

        static func effects(_ db: PostgresClient, _ schema: String, distinct: Bool) async throws -> Int {
            let sql: PostgresQuery =
                distinct
                ? "SELECT count(DISTINCT message_id) FROM \(unescaped: schema).effects"
                : "SELECT count(*) FROM \(unescaped: schema).effects"
            for try await n in try await db.query(sql).decode(Int.self) { return n }
            return -1
        }

        static func pending(_ db: PostgresClient, _ schema: String) async throws -> Int {
            for try await n in try await db.query("SELECT count(*) FROM \(unescaped: schema).outbox").decode(Int.self) { return n }
            return -1
        }
    }
}

/// Stops PostgreSQL, runs `body`, and starts it again whatever happens: a failing test must not
/// leave the stack without its database.
func whileDatabaseStopped<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
    try await LocalStack.stack("stop-postgres")
    do {
        let result = try await body()
        try await LocalStack.stack("start-postgres")
        return result
    } catch {
        _ = try? await LocalStack.stack("start-postgres")
        throw error
    }
}
