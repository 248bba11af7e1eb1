import Contracts
import Foundation
import Hummingbird
import KLTesting
import Logging
import Messaging
import Notification
import PostgresNIO
import RPC
import ServiceRuntime
import SwiftProtobuf
import Synchronization

// Two figures of the notification service on the local stack, with an in-process webhook
// receiver that answers 204 at once:
// 1. deliveries per second: R webhook recipients × E signals (window 0), from the first publish
//    to the last delivery recorded;
// 2. latency from a published SignalRaised to the receiver holding it (immediate mode, window 0),
//    p50 / p99 over N signals published one at a time. (The lead extends this to the full path
//    from MeasurementsReported once follow-up runs.)
// Usage: NotificationBench [RECIPIENTS] [EVENTS] [LATENCY_N]

let args = CommandLine.arguments
let recipients = args.count > 1 ? Int(args[1]) ?? 100 : 100
let eventsPerRun = args.count > 2 ? Int(args[2]) ?? 100 : 100
let latencyN = args.count > 3 ? Int(args[3]) ?? 1000 : 1000
let secret = "whsec_" + Data((0..<32).map { UInt8($0) }).base64EncodedString()

/// Arrival time of each event id at the receiver, and POSTs counted.
final class Receiver: Sendable {
    let arrivals = Mutex<[String: ContinuousClock.Instant]>([:])
    let posts = Atomic<Int>(0)
}
let receiver = Receiver()
let router = Router()
router.post("hook/:n") { request, _ -> HTTPResponse.Status in
    let body = try await request.body.collect(upTo: 16 << 20)
    let now = ContinuousClock.now
    receiver.posts.add(1, ordering: .relaxed)
    if let json = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any],
        let events = json["events"] as? [[String: Any]]
    {
        receiver.arrivals.withLock { arrivals in
            for event in events { if let id = event["sourceMessageId"] as? String, arrivals[id] == nil { arrivals[id] = now } }
        }
    }
    return .noContent
}
let port = Mutex<Int>(0)
let quiet: Logger = {
    var logger = Logger(label: "bench.receiver")
    logger.logLevel = .critical
    return logger
}()
let app = Application(
    router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
    onServerRunning: { channel in port.withLock { $0 = channel.localAddress?.port ?? 0 } }, logger: quiet)

func signal(_ organisation: String) -> Kunskapsloop_Followup_V1_SignalRaised {
    .with {
        $0.signal = .with {
            $0.id = UUID().uuidString.lowercased()
            $0.indicator = .with {
                $0.code = "bench"
                $0.name = "Andel uppföljda inom 30 dagar"
            }
            $0.organisation = .with {
                $0.id = organisation
                $0.name = "Bänkenheten"
                $0.level = .unit
            }
            $0.direction = .deterioration
            $0.severity = .critical
            $0.onsetPeriod = .with {
                $0.granularity = .isoWeek
                $0.year = 2026
                $0.index = 14
            }
            $0.pageURL = "http://127.0.0.1:8083/leader/bench"
        }
        $0.organisationAncestorIds = ["SE"]
        $0.occurredAt = Google_Protobuf_Timestamp(date: Date())
    }
}

func count(_ db: PostgresClient, _ sql: PostgresQuery) async throws -> Int {
    for try await value in try await db.query(sql, logger: LocalStack.logger).decode(Int.self) { return value }
    return 0
}

/// The 1-minute load average, from /proc/loadavg.
func loadAverage() -> Double {
    Double((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first ?? "") ?? .nan
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted.isEmpty ? .nan : sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}

let configuration: NotificationConfiguration = {
    var configuration = NotificationConfiguration()
    configuration.coalescingWindow = .zero
    return configuration
}()
try await whileRunning(app) {
    try await eventually(timeout: .seconds(30), "the receiver to listen") { port.withLock { $0 } != 0 }
    let base = "http://127.0.0.1:\(port.withLock { $0 })/hook"
    try await withInProcessService({ name, rpcTopology in
        var topology = rpcTopology
        topology.addQuorumQueue("\(name).events", bindings: [("kl.events", "\(name).catalog.#"), ("kl.events", "\(name).followup.#")])
        return NotificationDefinition.make(name: name, configuration: configuration, topology: topology, eventPrefix: "\(name).")
    }) { service in
        let name = service.name
        func publish(_ message: some SwiftProtobuf.Message, _ key: String, id: String = UUID().uuidString.lowercased()) async throws {
            try await service.consumer.publish(
                try message.serializedBytes(), exchange: "kl.events", routingKey: "\(name).\(key)",
                properties: MessageProperties(
                    contentType: "application/x-protobuf",
                    type: type(of: message).protoMessageName, messageID: id, appID: "bench"))
        }
        for (id, ancestors) in [("SE", [String]()), ("BENCH-1", ["SE"]), ("BENCH-2", ["SE"])] {
            try await publish(
                Kunskapsloop_Catalog_V1_OrganisationUpserted.with {
                    $0.organisation = .with {
                        $0.id = id
                        $0.name = id
                        $0.level = ancestors.isEmpty ? .national : .unit
                        $0.parentID = ancestors.last ?? ""
                        $0.ancestorIds = ancestors
                        $0.updatedAt = .init(date: Date())
                    }
                }, "catalog.organisation.upserted.v1")
        }
        try await eventually(timeout: .seconds(30), "the tree") {
            try await count(service.database, "SELECT count(*)::int FROM \(unescaped: name).catalog_organisations") == 3
        }
        func addRecipient(_ i: Int, scope: String, id: String = "") async throws {
            _ = try await service.client.call(
                "\(name).CreateRecipient",
                Kunskapsloop_Notification_V1_CreateRecipientRequest.with {
                    $0.recipient = .with {
                        $0.id = id
                        $0.name = "Bänk \(i)"
                        $0.email = "bench\(i)@example.se"
                        $0.role = .verksamhetschef
                        $0.eventKinds = [.signalRaised]
                        $0.organisationScope = .with { $0.organisationID = scope }
                        $0.channels = [.webhook]
                        $0.webhook = .with {
                            $0.url = "\(base)/\(i)"
                            $0.secret = secret
                        }
                    }
                }, returning: Kunskapsloop_Notification_V1_CreateRecipientResponse.self, timeout: .seconds(15))
        }
        // 1. Throughput.
        for i in 0..<recipients { try await addRecipient(i, scope: "BENCH-1") }
        let total = recipients * eventsPerRun
        let start = ContinuousClock.now
        for _ in 0..<eventsPerRun { try await publish(signal("BENCH-1"), "followup.signal.raised.v1") }
        try await eventually(timeout: .seconds(900), "\(total) deliveries") {
            try await count(service.database, "SELECT count(*)::int FROM \(unescaped: name).deliveries WHERE status = 'delivered'") == total
        }
        let elapsed = start.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let posts = receiver.posts.load(ordering: .relaxed)
        // 2. Latency: one recipient under BENCH-2, signals one at a time.
        try await addRecipient(recipients, scope: "BENCH-2", id: "bench-latency")
        var published: [String: ContinuousClock.Instant] = [:]
        var publishedAt: [String: Date] = [:]
        for _ in 0..<latencyN {
            let id = UUID().uuidString.lowercased()
            published[id] = ContinuousClock.now
            publishedAt[id] = Date()
            try await publish(signal("BENCH-2"), "followup.signal.raised.v1", id: id)
            try await Task.sleep(for: .milliseconds(5))
        }
        let ids = Array(published.keys)
        try await eventually(timeout: .seconds(300), "\(latencyN) signals at the receiver") {
            receiver.arrivals.withLock { arrivals in ids.allSatisfy { arrivals[$0] != nil } }
        }
        let sent = published
        let arrivals = receiver.arrivals.withLock { $0 }
        let latencies = sent.compactMap { id, sent in arrivals[id].map { sent.duration(to: $0) } }
            .map { Double($0.components.seconds) * 1000 + Double($0.components.attoseconds) / 1e15 }.sorted()
        // Where the time goes: publish → delivery committed by the consumer (wall clock, same host).
        var created: [Double] = []
        for try await (id, at) in try await service.database.query(
            """
            SELECT source_message_id, created_at FROM \(unescaped: name).deliveries WHERE recipient_id = 'bench-latency'
            """, logger: LocalStack.logger
        ).decode((String, Date).self) {
            if let sent = publishedAt[id] { created.append(at.timeIntervalSince(sent) * 1000) }
        }
        created.sort()
        print("")
        print("notification: webhook receiver answering 204 at once, coalescing window 0, poll \(configuration.pollInterval)")
        print("| figure | value |")
        print("| --- | --- |")
        print("| deliveries (recipients × signals) | \(recipients) × \(eventsPerRun) = \(total) |")
        print("| webhook POSTs (coalesced per recipient) | \(posts) |")
        print(String(format: "| deliveries per second | %.0f |", Double(total) / seconds))
        print(String(format: "| POSTs per second | %.0f |", Double(posts) / seconds))
        print(String(format: "| SignalRaised publish → webhook, p50 (n = %d) | %.1f ms |", latencies.count, percentile(latencies, 0.5)))
        print(String(format: "| SignalRaised publish → webhook, p99 | %.1f ms |", percentile(latencies, 0.99)))
        print(String(format: "| SignalRaised publish → webhook, max | %.1f ms |", latencies.last ?? .nan))
        print(
            String(
                format: "| of which publish → delivery created (consumer), p50 / p99 | %.1f / %.1f ms |",
                percentile(created, 0.5), percentile(created, 0.99)))
        print(String(format: "| load average during the run (1 min; 2 cores, shared) | %.2f |", loadAverage()))
    }
}
