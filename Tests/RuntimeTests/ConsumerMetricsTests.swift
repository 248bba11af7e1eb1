import Foundation
import KLTesting
import Messaging
import Metrics
import MetricsTestKit
import PostgresNIO
import Storage
import Testing

/// The consumer's counters, read through swift-metrics' test kit.
@Suite("Consumer metrics")
struct ConsumerMetricsTests {
    @Test func processedRejectedAndDuplicateMessagesAreCounted() async throws {
        let metrics = TestMetrics()
        try await withScratchSchema { db, schema in
            _ = try await Migrator(schema: schema, migrations: Migration.kernel).migrate(db, logger: LocalStack.logger)
            try await withAMQPConnection(user: "admin", name: "metrics-test") { amqp in
                let queue = LocalStack.uniqueName("test.metrics")
                var topology = Topology.exchanges
                topology.addQuorumQueue(queue, bindings: [("kl.events", "test.\(queue).v1")])
                try await amqp.declare(topology)
                let key = "test.\(queue).v1"
                for (id, body) in [("a", "ok"), ("b", "no"), ("a", "ok"), ("c", "ok")] {
                    try await amqp.publish(Array(body.utf8), exchange: "kl.events", routingKey: key, properties: MessageProperties(messageID: id))
                }
                var configuration = TransactionalConsumer.Configuration(queue: queue)
                configuration.metricsFactory = metrics
                let consumer = try TransactionalConsumer(
                    configuration: configuration, connection: amqp, client: db, schema: schema,
                    logger: LocalStack.logger
                ) { delivery, _ in
                    String(decoding: delivery.body, as: UTF8.self) == "no" ? .rejected(reason: "test says no") : .processed
                }
                try await whileRunning(consumer) {
                    try await eventually("all four settled") {
                        let processed = (try? metrics.expectCounter("kl_messages_processed_total", [("queue", queue)]).totalValue) ?? 0
                        let duplicates = (try? metrics.expectCounter("kl_messages_duplicate_total", [("queue", queue)]).totalValue) ?? 0
                        return processed + duplicates == 3
                    }
                }
                #expect(try metrics.expectCounter("kl_messages_processed_total", [("queue", queue)]).totalValue == 2)
                #expect(try metrics.expectCounter("kl_messages_rejected_total", [("queue", queue)]).totalValue == 1)
                #expect(try metrics.expectCounter("kl_messages_duplicate_total", [("queue", queue)]).totalValue == 1)
                try await amqp.deleteQueue(queue)
                try await amqp.deleteQueue(queue + ".dlq")
            }
        }
    }
}
