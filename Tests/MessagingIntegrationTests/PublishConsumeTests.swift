import Foundation
import KLTesting
import Messaging
import Testing

@Suite("Publish with confirms, consume with manual acks")
struct PublishConsumeTests {
    /// A quorum queue of the test's own, bound to kl.events under a unique routing key.
    static func ownQueue(_ connection: AMQPConnection) async throws -> (queue: String, key: String) {
        let queue = LocalStack.uniqueName("test.q")
        let key = "test.\(queue).v1"
        var topology = Topology.exchanges
        topology.addQuorumQueue(queue, bindings: [("kl.events", key)])
        try await connection.declare(topology)
        return (queue, key)
    }

    @Test func everyMessageArrivesExactlyAsSentPropertiesIncluded() async throws {
        try await withAMQPConnection(user: "admin") { connection in
            let (queue, key) = try await Self.ownQueue(connection)
            defer {
                Task {
                    try? await connection.deleteQueue(queue)
                    try? await connection.deleteQueue(queue + ".dlq")
                }
            }
            var sent: [String: (body: [UInt8], properties: MessageProperties)] = [:]
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<200 {
                    let id = UUID().uuidString
                    var properties = MessageProperties(
                        contentType: "application/x-protobuf", type: "kunskapsloop.test.v1.Ping", messageID: id,
                        appID: "tests", correlationID: "c-\(i)", timestamp: 1_790_000_000 + UInt64(i),
                        headers: ["attempt": .int(Int64(i)), "flag": .bool(i % 2 == 0), "note": .string("å ä ö \(i)")])
                    properties.traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
                    let body = (0..<(i * 7 % 300)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ i) }
                    sent[id] = (body, properties)
                    group.addTask { try await connection.publish(body, exchange: "kl.events", routingKey: key, properties: properties) }
                }
                try await group.waitForAll()
            }
            let consumer = try await connection.consume(queue: queue, prefetch: 50)
            var seen = Set<String>()
            for try await delivery in consumer {
                let id = try #require(delivery.properties.messageID)
                let expected = try #require(sent[id])
                #expect(delivery.body == expected.body)
                #expect(delivery.properties == expected.properties)
                #expect(delivery.routingKey == key)
                #expect(delivery.exchange == "kl.events")
                #expect(!delivery.redelivered)
                #expect(seen.insert(id).inserted, "delivered twice: \(id)")
                if seen.count % 25 == 0 { try await consumer.ack(delivery, multiple: true) }
                if seen.count == sent.count { break }
            }
            await consumer.cancel()
            #expect(seen.count == 200)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aLingeringBatchTakesWhatKeepsComingGoesWhenQuietAndWhenFull() async throws {
        try await withAMQPConnection(user: "admin") { connection in
            let (queue, key) = try await Self.ownQueue(connection)
            let consumer = try await connection.consume(queue: queue, prefetch: 100)
            func publish(_ range: Range<Int>) async throws {
                for i in range { try await connection.publish(Array("m\(i)".utf8), exchange: "kl.events", routingKey: key, properties: MessageProperties()) }
            }
            func bodies(_ batch: [Delivery]) -> [String] { batch.map { String(decoding: $0.body, as: UTF8.self) } }
            // Without linger a batch is what is there: the first message alone.
            try await publish(0..<1)
            #expect(try await consumer.nextBatch(max: 10).count == 1)
            // With it, what keeps coming joins the batch: one message now, one every 200 ms after
            // (gaps well inside the 3 s quiet, even on a busy broker), then a pause past the quiet
            // ends the batch long before the 30 s linger.
            try await publish(1..<2)
            async let later: Void = {
                for i in 2..<5 {
                    try await Task.sleep(for: .milliseconds(200))
                    try await publish(i..<(i + 1))
                }
                try await Task.sleep(for: .seconds(9))
                try await publish(5..<6)
            }()
            let started = ContinuousClock.now
            let lingered = try await consumer.nextBatch(max: 10, linger: .seconds(30), quiet: .seconds(3))
            #expect(bodies(lingered) == ["m1", "m2", "m3", "m4"])
            #expect(ContinuousClock.now - started < .seconds(8), "the batch went when it was quiet, not at the linger's end")
            try await later
            #expect(bodies(try await consumer.nextBatch(max: 10)) == ["m5"])
            // A batch that fills does not wait out the linger (two minutes would pass the time limit).
            try await publish(6..<8)
            let full = try await consumer.nextBatch(max: 2, linger: .seconds(120), quiet: .seconds(120))
            #expect(full.count == 2)
            try await consumer.ack(full[1], multiple: true)
            await consumer.cancel()
            try await connection.deleteQueue(queue)
            try await connection.deleteQueue(queue + ".dlq")
        }
    }

    @Test func aMandatoryPublishWithNoQueueFailsAsUnroutable() async throws {
        try await withAMQPConnection(user: "admin") { connection in
            await #expect {
                try await connection.publish(
                    [1], exchange: "kl.events", routingKey: "nobody.listens.\(UUID().uuidString)",
                    properties: MessageProperties(messageID: UUID().uuidString), mandatory: true)
            } throws: { ($0 as? MessagingError)?.code == .unroutable }
            // Without mandatory the broker drops it and still confirms.
            try await connection.publish([1], exchange: "kl.events", routingKey: "nobody.listens", properties: MessageProperties())
        }
    }

    @Test func publishingToAMissingExchangeFailsAndTheConnectionGoesOn() async throws {
        try await withAMQPConnection(user: "admin") { connection in
            await #expect { try await connection.publish([1], exchange: "kl.nope", routingKey: "x", properties: MessageProperties()) } throws: {
                ($0 as? MessagingError)?.code == .notFound
            }
            try await connection.publish([1], exchange: "kl.events", routingKey: "x", properties: MessageProperties())
        }
    }

    @Test func aBatchNotAckedBeforeTheConsumerDiesIsRedelivered() async throws {
        let (queue, key) = try await withAMQPConnection(user: "admin") { connection in
            let (queue, key) = try await Self.ownQueue(connection)
            for i in 0..<10 {
                try await connection.publish([UInt8(i)], exchange: "kl.events", routingKey: key, properties: MessageProperties(messageID: "m\(i)"))
            }
            return (queue, key)
        }
        _ = key
        // First consumer takes the whole batch and its connection closes without acking.
        let firstSeen = try await withAMQPConnection(user: "admin", name: "dies") { connection in
            let consumer = try await connection.consume(queue: queue, prefetch: 10)
            var ids: [String] = []
            for try await delivery in consumer {
                ids.append(delivery.properties.messageID ?? "")
                if ids.count == 10 { break }
            }
            return ids
        }
        #expect(firstSeen.count == 10)
        // A second consumer gets all ten again, marked redelivered, and acks them in one frame.
        try await withAMQPConnection(user: "admin", name: "survives") { connection in
            let consumer = try await connection.consume(queue: queue, prefetch: 10)
            var ids: [String] = []
            for try await delivery in consumer {
                #expect(delivery.redelivered)
                ids.append(delivery.properties.messageID ?? "")
                if ids.count == 10 {
                    try await consumer.ack(delivery, multiple: true)
                    break
                }
            }
            #expect(Set(ids) == Set(firstSeen))
            await consumer.cancel()
            try await connection.deleteQueue(queue)
            try await connection.deleteQueue(queue + ".dlq")
        }
    }
}
