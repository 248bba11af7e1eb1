import Foundation
import KLTesting
import Messaging
import PostgresNIO
import Storage
import Testing

@Suite("Outbox relay on the real database and broker")
struct OutboxRelayTests {
    struct Rollback: Error {}

    static func event(_ key: String, _ n: Int) -> OutboxEvent {
        OutboxEvent(
            routingKey: key, type: "kunskapsloop.test.v1.Numbered", body: Array("\(n)".utf8),
            traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
    }

    static func ownQueue(_ amqp: AMQPConnection) async throws -> (String, String) {
        let queue = LocalStack.uniqueName("test.outbox")
        var topology = Topology.exchanges
        topology.addQuorumQueue(queue, bindings: [("kl.events", "test.\(queue).v1")])
        try await amqp.declare(topology)
        return (queue, "test.\(queue).v1")
    }

    static func numbers(_ deliveries: [Delivery]) -> [Int] {
        deliveries.compactMap { Int(String(decoding: $0.body, as: UTF8.self)) }
    }

    @Test func anEventGoesOutOnlyIfItsTransactionCommits() async throws {
        try await withScratchSchema { db, schema in
            _ = try await Migrator(schema: schema, migrations: Migration.kernel).migrate(db, logger: LocalStack.logger)
            try await withAMQPConnection(user: "admin") { amqp in
                let (queue, key) = try await Self.ownQueue(amqp)
                let outbox = try Outbox(schema: schema)
                try await db.withTransaction(logger: LocalStack.logger) { c in
                    try await outbox.append([Self.event(key, 1)], on: c, logger: LocalStack.logger)
                }
                await #expect(
                    performing: {
                        try await db.withTransaction(logger: LocalStack.logger) { c in
                            try await outbox.append([Self.event(key, 2)], on: c, logger: LocalStack.logger)
                            throw Rollback()
                        }
                    }, throws: { ($0 as? PostgresTransactionError)?.closureError is Rollback })
                try await db.withTransaction(logger: LocalStack.logger) { c in
                    try await outbox.append([Self.event(key, 3)], on: c, logger: LocalStack.logger)
                }
                let relay = try OutboxRelay.scratch(db, schema: schema, amqp: amqp, configuration: .init(appID: "relay-test"))
                try await whileRunning(relay) {
                    let consumer = try await amqp.consume(queue: queue)
                    var got: [Delivery] = []
                    while got.count < 2 { got += try await consumer.nextBatch(max: 10) }
                    #expect(Self.numbers(got) == [1, 3])
                    let first = got[0].properties
                    #expect(first.type == "kunskapsloop.test.v1.Numbered")
                    #expect(first.appID == "relay-test")
                    #expect(first.contentType == "application/x-protobuf")
                    #expect(first.persistent)
                    #expect(first.traceparent == "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                    #expect(UUID(uuidString: first.messageID ?? "") != nil)
                    try await consumer.ack(got[1], multiple: true)
                    await consumer.cancel()
                }
                try await amqp.deleteQueue(queue)
                try await amqp.deleteQueue(queue + ".dlq")
            }
        }
    }

    @Test func aRelayKilledMidwayLeavesTheRestToTheNextOneInOrderNoneLost() async throws {
        try await withScratchSchema { db, schema in
            _ = try await Migrator(schema: schema, migrations: Migration.kernel).migrate(db, logger: LocalStack.logger)
            try await withAMQPConnection(user: "admin") { amqp in
                let (queue, key) = try await Self.ownQueue(amqp)
                let outbox = try Outbox(schema: schema)
                let total = 3000
                for chunk in stride(from: 0, to: total, by: 500) {
                    try await db.withTransaction(logger: LocalStack.logger) { c in
                        try await outbox.append((chunk..<chunk + 500).map { Self.event(key, $0) }, on: c, logger: LocalStack.logger)
                    }
                }
                var config = OutboxRelay.Configuration(appID: "relay-test")
                config.batchSize = 100
                let first = try OutboxRelay.scratch(db, schema: schema, amqp: amqp, configuration: config)
                // Kill the first relay once it has published part of the outbox.
                try await whileRunning(first) {
                    try await eventually("first relay to publish something") {
                        try await Self.pending(db, schema) < total
                    }
                }
                let left = try await Self.pending(db, schema)
                #expect(left > 0, "the kill should leave work for the second relay")
                let second = try OutboxRelay.scratch(db, schema: schema, amqp: amqp, configuration: config)
                try await whileRunning(second) {
                    try await eventually("outbox to drain") { try await Self.pending(db, schema) == 0 }
                }
                let consumer = try await amqp.consume(queue: queue, prefetch: 1000)
                var firstSeen: [Int] = []
                var seen = Set<Int>()
                while seen.count < total {
                    let batch = try await consumer.nextBatch(max: 1000)
                    for n in Self.numbers(batch) where seen.insert(n).inserted { firstSeen.append(n) }
                    try await consumer.ack(batch.last!, multiple: true)
                }
                #expect(seen.count == total)
                #expect(firstSeen == Array(0..<total), "first deliveries come in outbox order")
                await consumer.cancel()
                try await amqp.deleteQueue(queue)
                try await amqp.deleteQueue(queue + ".dlq")
            }
        }
    }

    @Test func aRowThatCannotBePublishedIsRetriedWithBackoffAndNeverDropped() async throws {
        try await withScratchSchema { db, schema in
            _ = try await Migrator(schema: schema, migrations: Migration.kernel).migrate(db, logger: LocalStack.logger)
            try await withAMQPConnection(user: "admin") { amqp in
                let exchange = LocalStack.uniqueName("test.missing")
                let outbox = try Outbox(schema: schema)
                try await db.withTransaction(logger: LocalStack.logger) { c in
                    try await outbox.append([OutboxEvent(routingKey: "x", type: "t", body: [1], exchange: exchange)], on: c, logger: LocalStack.logger)
                }
                let relay = try OutboxRelay.scratch(db, schema: schema, amqp: amqp, configuration: .init(appID: "relay-test"))
                try await whileRunning(relay) {
                    try await eventually("a failed attempt to be recorded") {
                        let rows = try await db.query("SELECT attempts, last_error FROM \(unescaped: schema).outbox")
                        for try await (attempts, error) in rows.decode((Int, String?).self) {
                            return attempts >= 2 && (error ?? "").contains("NOT_FOUND")
                        }
                        return false
                    }
                    // Once the exchange exists the row goes out.
                    try await amqp.declare(Topology(exchanges: [.init(exchange, .topic)]))
                    try await eventually("the row to be published") { try await Self.pending(db, schema) == 0 }
                }
            }
        }
    }

    @Test func sentRowsAreDeletedOldInboxRowsPrunedAndPendingOnesNever() async throws {
        try await withScratchSchema { db, schema in
            _ = try await Migrator(schema: schema, migrations: Migration.kernel).migrate(db, logger: LocalStack.logger)
            try await db.query(
                """
                INSERT INTO \(unescaped: schema).inbox (message_id, queue, received_at)
                VALUES ('old', 'q', now() - interval '8 days'), ('new', 'q', now() - interval '1 hour')
                """)
            try await withAMQPConnection(user: "admin") { amqp in
                // One row that goes out, and one that never can (missing exchange), which must
                // survive pruning however old it is.
                try await db.query(
                    """
                    INSERT INTO \(unescaped: schema).outbox (message_id, exchange, routing_key, type, body, created_at)
                    VALUES (gen_random_uuid(), 'kl.events', \(LocalStack.uniqueName("test.sent")), 't', '\\x01', now() - interval '8 days'),
                           (gen_random_uuid(), \(LocalStack.uniqueName("test.gone")), 'old.pending', 't', '\\x01', now() - interval '30 days')
                    """)
                let relay = try OutboxRelay.scratch(db, schema: schema, amqp: amqp, configuration: .init(appID: "prune-test"))
                try await whileRunning(relay) {
                    try await eventually("the sent row deleted, the pending one kept") {
                        try await Self.keys(db, schema) == ["old.pending"]
                    }
                    try await eventually("old inbox rows pruned") {
                        try await db.query("SELECT message_id FROM \(unescaped: schema).inbox ORDER BY 1").decode(String.self).collect() == ["new"]
                    }
                }
            }
        }
    }

    static func keys(_ db: PostgresClient, _ schema: String) async throws -> [String] {
        var keys: [String] = []
        for try await key in try await db.query("SELECT routing_key FROM \(unescaped: schema).outbox ORDER BY 1").decode(String.self) { keys.append(key) }
        return keys
    }

    static func pending(_ db: PostgresClient, _ schema: String) async throws -> Int {
        let rows = try await db.query("SELECT count(*) FROM \(unescaped: schema).outbox")
        for try await n in rows.decode(Int.self) { return n }
        return -1
    }
}
