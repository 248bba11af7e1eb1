import Foundation
import KLTesting
import Messaging
import PostgresNIO
import Storage
import Synchronization
import Testing

extension Disruptive {
    /// These stop and start the local stack's RabbitMQ or raise its alarms, so they run on their own
    /// (scripts/test.sh runs this target first, then everything else).
    @Suite("The broker goes away and comes back")
    struct BrokerRestartTests {
        @Test func aRestartLosesNoConfirmedMessageAndDuplicatesNoEffect() async throws {
            try await withScratchSchema { db, schema in
                _ = try await Migrator(
                    schema: schema,
                    migrations: Migration.kernel + [
                        Migration(version: 100, name: "effects", sql: "CREATE TABLE effects (message_id text NOT NULL)")
                    ]
                ).migrate(db, logger: LocalStack.logger)
                let queue = LocalStack.uniqueName("test.restart")
                let key = "test.\(queue).v1"
                try await withAMQPConnection(user: "admin", name: "restart-publisher") { publisher in
                    try await withAMQPConnection(user: "admin", name: "restart-consumer") { consumerConnection in
                        var topology = Topology.exchanges
                        topology.addQuorumQueue(queue, bindings: [("kl.events", key)])
                        try await publisher.declare(topology)
                        try await consumerConnection.declare(topology)
                        let consumer = try TransactionalConsumer(
                            configuration: .init(queue: queue), connection: consumerConnection, client: db, schema: schema,
                            logger: LocalStack.logger
                        ) { delivery, context in
                            try await context.connection.query(
                                "INSERT INTO \(unescaped: schema).effects VALUES (\(delivery.properties.messageID ?? ""))", logger: context.logger)
                            return .processed
                        }
                        let total = 4000
                        let confirmed = ConfirmedSet()
                        try await whileRunning(consumer) {
                            try await withThrowingTaskGroup(of: Void.self) { group in
                                // The publisher keeps going through the restart, retrying what was not confirmed,
                                // as the outbox relay does.
                                group.addTask {
                                    var next = 0
                                    while next < total {
                                        let ids = Array(next..<min(total, next + 50))
                                        let results = await publisher.publish(
                                            batch: ids.map {
                                                PublishRequest(
                                                    body: [1], exchange: "kl.events", routingKey: key, properties: MessageProperties(messageID: "r-\($0)"))
                                            }, timeout: .seconds(60))
                                        let ok = zip(ids, results).compactMap { id, r -> Int? in (try? r.get()) != nil ? id : nil }
                                        confirmed.add(ok)
                                        if ok.count == ids.count { next += ids.count } else { try await Task.sleep(for: .milliseconds(200)) }
                                    }
                                }
                                group.addTask {
                                    try await eventually("some messages before the restart") { confirmed.count > 500 }
                                    try await LocalStack.stack("restart-rabbitmq")
                                }
                                try await group.waitForAll()
                            }
                            #expect(confirmed.count == total)
                            try await eventually(timeout: .seconds(90), "every confirmed message to take effect") {
                                for try await n in try await db.query("SELECT count(DISTINCT message_id) FROM \(unescaped: schema).effects").decode(Int.self) {
                                    return n == total
                                }
                                return false
                            }
                        }
                        for try await n in try await db.query("SELECT count(*) FROM \(unescaped: schema).effects").decode(Int.self) {
                            #expect(n == total, "no message took effect twice")
                        }
                        #expect(publisher.status.generation >= 2, "the publisher reconnected")
                        #expect(consumerConnection.status.generation >= 2, "the consumer reconnected")
                        try await publisher.deleteQueue(queue)
                        try await publisher.deleteQueue(queue + ".dlq")
                    }
                }
            }
        }

        @Test func aMemoryAlarmHoldsPublishesUntilTheirDeadlineAndSaysWhy() async throws {
            try await withAMQPConnection(user: "admin", name: "alarm-publisher") { publisher in
                try await publisher.publish([1], exchange: "kl.events", routingKey: "alarm.test", properties: MessageProperties())
                try await LocalStack.stack("rabbitmqctl", "set_vm_memory_high_watermark", "0.0000001")
                do {
                    // The broker blocks a connection when it next publishes during the alarm.
                    await #expect(
                        performing: {
                            try await publisher.publish(
                                [2], exchange: "kl.events", routingKey: "alarm.test", properties: MessageProperties(), timeout: .seconds(2))
                        }, throws: { ($0 as? MessagingError)?.code == .timeout })
                    try await eventually("the connection to report the block") { publisher.status.blockedReason != nil }
                    // While blocked, a publish waits in the client for its deadline and says why.
                    await #expect(
                        performing: {
                            try await publisher.publish(
                                [3], exchange: "kl.events", routingKey: "alarm.test", properties: MessageProperties(), timeout: .milliseconds(500))
                        },
                        throws: { error in
                            guard let error = error as? MessagingError else { return false }
                            return error.code == .timeout && error.message.contains("blocks publishing")
                        })
                } catch {
                    try await LocalStack.stack("rabbitmqctl", "set_vm_memory_high_watermark", "0.4")
                    throw error
                }
                try await LocalStack.stack("rabbitmqctl", "set_vm_memory_high_watermark", "0.4")
                try await eventually("the connection to be unblocked") { publisher.status.blockedReason == nil }
                try await publisher.publish([4], exchange: "kl.events", routingKey: "alarm.test", properties: MessageProperties())
            }
        }
    }
}

/// The ids the broker has confirmed, shared by the publisher task and the test.
final class ConfirmedSet: Sendable {
    private let ids = Mutex(Set<Int>())
    func add(_ new: [Int]) { ids.withLock { $0.formUnion(new) } }
    var count: Int { ids.withLock { $0.count } }
}

extension Disruptive {
    @Suite("A broker that stops answering")
    struct FrozenBrokerTests {
        /// A frozen broker keeps the TCP connection open: only heartbeats can tell. With a 1 s
        /// heartbeat the connection must notice and start reconnecting, then recover once thawed.
        @Test func aSilentPeerIsNoticedByHeartbeatsAndTheConnectionRecovers() async throws {
            let pidFile = LocalStack.root.appendingPathComponent(".run/rabbitmq/rabbitmq.pid")
            let pid = try #require(Int32(String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
            try await withAMQPConnection(user: "admin", name: "heartbeat-test", heartbeat: 1) { connection in
                try await connection.publish([1], exchange: "kl.events", routingKey: "heartbeat.test", properties: MessageProperties())
                #expect(connection.status.connected)
                kill(pid, SIGSTOP)
                do {
                    try await eventually(timeout: .seconds(15), "the dead peer to be noticed") { !connection.status.connected }
                } catch {
                    kill(pid, SIGCONT)
                    throw error
                }
                kill(pid, SIGCONT)
                try await eventually(timeout: .seconds(30), "the connection to come back") { connection.status.generation >= 2 && connection.status.connected }
                try await connection.publish([2], exchange: "kl.events", routingKey: "heartbeat.test", properties: MessageProperties())
            }
        }
    }
}
