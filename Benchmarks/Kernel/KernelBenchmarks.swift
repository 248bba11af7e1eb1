import KLTesting
import Messaging
import PostgresNIO
import Storage
import Synchronization

/// The messaging figures: publish with confirms, consume-commit-ack into PostgreSQL.
struct KernelBenchmarks: Sendable {
    let rawPublish: Double
    let rawConsume: Double
    let rawLoop: Double
    let n: Int
    let body = [UInt8](repeating: 0x2a, count: 200)

    func messaging() async throws -> [Row] {
        try await withAMQPConnection(user: "admin", name: "bench-publish") { publisher in
            try await withAMQPConnection(user: "admin", name: "bench-consume") { consumer in
                try await withScratchSchema { db, schema in
                    _ = try await Migrator(schema: schema, migrations: Migration.kernel).migrate(db, logger: LocalStack.logger)
                    var rows = [
                        Row(name: "raw: publish with confirms (C, librabbitmq)", n: n, value: "\(format(rawPublish)) msg/s", ratio: "–", target: "", met: ""),
                        Row(name: "raw: consume + ack (C)", n: n, value: "\(format(rawConsume)) msg/s", ratio: "–", target: "", met: ""),
                        Row(name: "**raw ceiling: publish → consume loop (C)**", n: n, value: "\(format(rawLoop)) msg/s", ratio: "100 %", target: "", met: ""),
                    ]
                    // 1. publish(batch:) of 1000, pipelined: the outbox relay's path.
                    let (q1, k1) = try await queue(publisher, "pub")
                    var start = ContinuousClock.now
                    try await publishAll(publisher, key: k1)
                    let pub = rate(n, .now - start)
                    rows.append(
                        Row(
                            name: "kernel: publish(batch:) with confirms", n: n, value: "\(format(pub)) msg/s",
                            ratio: "\(ratio(pub, rawLoop)) (\(ratio(pub, rawPublish)) of raw publish)", target: "", met: ""))

                    // 2. 256 concurrent publish() callers, each awaiting its own confirm.
                    let (q2, k2) = try await queue(publisher, "pubc")
                    start = .now
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        for worker in 0..<256 {
                            group.addTask {
                                for i in stride(from: worker, to: n, by: 256) {
                                    try await publisher.publish(body, exchange: "kl.events", routingKey: k2, properties: MessageProperties(messageID: "c-\(i)"))
                                }
                            }
                        }
                        try await group.waitForAll()
                    }
                    let pubc = rate(n, .now - start)
                    rows.append(
                        Row(
                            name: "kernel: publish() × 256 concurrent callers", n: n, value: "\(format(pubc)) msg/s",
                            ratio: "\(ratio(pubc, rawLoop)) (\(ratio(pubc, rawPublish)) of raw publish)", target: "", met: ""))

                    // 3. From the full queue of step 1: batch → inbox + outbox event per message → commit → multiple-ack.
                    let consume = try await consumeAll(q1, consumer: consumer, db: db, schema: schema) {}
                    rows.append(
                        Row(
                            name: "kernel: consume → commit (inbox + outbox) → ack, full queue", n: n, value: "\(format(consume)) msg/s",
                            ratio: "\(ratio(consume, rawLoop)) (\(ratio(consume, rawConsume)) of raw consume)",
                            target: "≥ 50 % of raw ceiling", met: consume >= rawLoop / 2 ? "yes" : "no"))

                    // 4. Publishing and consuming at once, as the raw loop does.
                    let (q4, k4) = try await queue(publisher, "loop")
                    let loop = try await consumeAll(q4, consumer: consumer, db: db, schema: schema) {
                        try await publishAll(publisher, key: k4)
                    }
                    rows.append(
                        Row(
                            name: "kernel: publish → consume → commit → ack, at once", n: n, value: "\(format(loop)) msg/s",
                            ratio: ratio(loop, rawLoop), target: "≥ 50 % of raw ceiling", met: loop >= rawLoop / 2 ? "yes" : "no"))
                    for q in [q1, q2, q4] {
                        try await publisher.deleteQueue(q)
                        try await publisher.deleteQueue(q + ".dlq")
                    }
                    return rows
                }
            }
        }
    }

    /// Runs a transactional consumer on `queue` until `n` messages took effect; `meanwhile` runs beside it.
    func consumeAll(
        _ queue: String, consumer: AMQPConnection, db: PostgresClient, schema: String,
        meanwhile: @Sendable () async throws -> Void
    ) async throws -> Double {
        let done = Counter()
        var config = TransactionalConsumer.Configuration(queue: queue)
        config.batchSize = 500
        config.prefetch = 1000
        let service = try TransactionalConsumer(configuration: config, connection: consumer, client: db, schema: schema, logger: LocalStack.logger) {
            delivery, context in
            context.emit(OutboxEvent(routingKey: "bench.done.v1", type: "bench.Done", body: delivery.body))
            done.add()
            return .processed
        }
        let start = ContinuousClock.now
        try await whileRunning(service) {
            try await meanwhile()
            while done.value < n { try await Task.sleep(for: .milliseconds(5)) }
        }
        return rate(n, .now - start)
    }

    func queue(_ amqp: AMQPConnection, _ label: String) async throws -> (String, String) {
        let name = LocalStack.uniqueName("bench.\(label)")
        var topology = Topology.exchanges
        topology.addQuorumQueue(name, bindings: [("kl.events", "bench.\(name).v1")])
        try await amqp.declare(topology)
        return (name, "bench.\(name).v1")
    }

    func publishAll(_ amqp: AMQPConnection, key: String) async throws {
        var sent = 0
        while sent < n {
            let size = min(1000, n - sent)
            let requests = (0..<size).map { i in
                PublishRequest(
                    body: body, exchange: "kl.events", routingKey: key,
                    properties: MessageProperties(
                        contentType: "application/x-protobuf", type: "bench.Msg",
                        messageID: "\(key)-\(sent + i)", appID: "bench"))
            }
            for result in await amqp.publish(batch: requests) { try result.get() }
            sent += size
        }
    }

    func ratio(_ x: Double, _ raw: Double) -> String { "\(format(100 * x / raw)) %" }
}

/// A thread-safe count the handlers bump.
final class Counter: Sendable {
    private let count = Mutex(0)
    func add() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}
