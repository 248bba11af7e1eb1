import Contracts
import Foundation
import KLTesting
import Messaging
import PostgresNIO
import ServiceRuntime
import Storage
import SwiftProtobuf
import Synchronization
import Testing

@testable import Feedback

/// `feedback.recorded.v1` is one event per committed batch: a batch stopped before its commit
/// leaves nothing behind, and its redelivery is answered by events that list each message once,
/// one event per batch committed.
@Suite("Recorded events per batch")
struct BatchEventTests {
    /// Lets a handler run up to a point and hold there until the test stops its consumer.
    final class Gate: Sendable {
        let reached = Mutex(false)
        func hold() async throws {
            reached.withLock { $0 = true }
            while true { try await Task.sleep(for: .seconds(3600)) }  // ended by cancellation
        }
    }

    @Test func aBatchStoppedBeforeItsCommitPublishesNothingAndItsRedeliveryOneEventPerBatch() async throws {
        try await withFeedback { f in
            let slug = "batch-\(f.service)"
            try await f.knownSupport(slug: slug)
            let queue = "\(f.service).batch"
            var topology = Topology()
            topology.addQuorumQueue(queue, bindings: [("kl.inbound", "\(f.service).batch.v1")])
            try await f.broker.declare(topology)
            let ids = (0..<20).map { _ in UUID().uuidString.lowercased() }
            for id in ids {
                try await f.broker.publish(
                    try Submitted.valid(slug: slug).serializedBytes(), exchange: "kl.inbound", routingKey: "\(f.service).batch.v1",
                    properties: MessageProperties(
                        contentType: "application/x-protobuf", type: Submitted.protoMessageName,
                        messageID: id, appID: "batch-test"))
            }
            try await eventually("all twenty in the queue") { try await managementCount(queue) == 20 }
            let intake = try f.intake.inbound
            var configuration = TransactionalConsumer.Configuration(queue: queue)
            configuration.batchSize = 50
            configuration.prefetch = 100

            // The first consumer handles a batch, then is stopped before its transaction commits.
            let gate = Gate()
            let first = try TransactionalConsumer(
                configuration: configuration, connection: f.broker, client: f.database, schema: f.service,
                logger: LocalStack.logger
            ) { deliveries, context in
                let dispositions = try await intake.handleBatch(deliveries, &context)
                try await gate.hold()
                return dispositions
            }
            let stopped = Task { try await first.run() }
            try await eventually("the first batch to be handled") { gate.reached.withLock { $0 } }
            stopped.cancel()
            _ = await stopped.result
            #expect(try await f.count("SELECT count(*) FROM \(unescaped: f.service).items") == 0, "nothing was stored")
            #expect(
                try await f.count("SELECT count(*) FROM \(unescaped: f.service).outbox WHERE routing_key = 'feedback.recorded.v1'") == 0,
                "no event was written")

            // A second consumer gets them again and commits them, batch by batch.
            let batches = Mutex(0)
            let second = try TransactionalConsumer(
                configuration: configuration, connection: f.broker, client: f.database, schema: f.service,
                logger: LocalStack.logger
            ) { deliveries, context in
                let dispositions = try await intake.handleBatch(deliveries, &context)
                batches.withLock { $0 += 1 }
                return dispositions
            }
            try await whileRunning(second) {
                try await eventually("all twenty stored") { try await f.count("SELECT count(*) FROM \(unescaped: f.service).items") == 20 }
                try await eventually("their events published") {
                    Set(f.events.all("feedback.recorded.v1", Recorded.self).flatMap(\.items).map(\.originalMessageID)).isSuperset(of: ids)
                }
            }
            let events = f.events.all("feedback.recorded.v1", Recorded.self) { $0.items.contains { ids.contains($0.originalMessageID) } }
            #expect(events.flatMap(\.items).map(\.originalMessageID).sorted() == ids.sorted(), "each message listed once")
            #expect(events.count == batches.withLock { $0 }, "one event per committed batch")
            #expect(events.count < ids.count, "batches, not one event per message")
            try await f.broker.deleteQueue(queue)
            try await f.broker.deleteQueue(queue + ".dlq")
        }
    }
}
