import Contracts
import Feedback
import Foundation
import KLTesting
import Messaging
import PostgresNIO
import RPC
import ServiceRuntime
import SwiftProtobuf

// Ingestion of feedback published by a separate process (the C publisher, as a third party
// would), from the first publish to every message committed and acknowledged, against the raw
// broker ceiling measured in the same run. The service runs in this process on a scratch schema
// with its own queues, so the figure is its own; its peak RSS is this process's VmHWM.
// Usage: FeedbackBench RAW_PUBLISH_CONSUME [N] [PUBLISHER]   (raw figure from amqp_ceiling)

let args = CommandLine.arguments
guard args.count >= 2, let rawLoop = Double(args[1]) else {
    print("usage: FeedbackBench RAW_PUBLISH_CONSUME [N] [PUBLISHER]")
    exit(2)
}
let n = args.count > 2 ? Int(args[2]) ?? 200_000 : 200_000
let publisher = args.count > 3 ? args[3] : LocalStack.root.appendingPathComponent("clients/c/build/publish_feedback").path

enum Probe {
    /// Kilobytes of a `/proc/self/status` line (VmHWM: peak resident set, VmRSS: now).
    static func memory(_ key: String) -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix(key + ":") } ?? ""
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
    }

    static func count(_ db: PostgresClient, _ sql: PostgresQuery) async throws -> Int {
        for try await value in try await db.query(sql, logger: LocalStack.logger).decode(Int.self) { return value }
        return 0
    }
}

let (elapsed, rssBefore, peak, rssAfter, cpu) = try await withInProcessService({ name, rpcTopology in
    var topology = rpcTopology
    topology.addQuorumQueue("\(name).inbound", bindings: [("kl.inbound", "\(name).feedback.submitted.v1")])
    topology.addQuorumQueue("\(name).events", bindings: [("kl.events", "\(name).catalog.#")])
    return FeedbackDefinition.make(name: name, queues: .init(inbound: "\(name).inbound", events: "\(name).events"), topology: topology)
}) { service in
    let (database, schema) = (service.database, service.name)
    // The support the feedback names, as the catalog would announce it.
    let slug = "bench-\(schema)"
    let support = Kunskapsloop_Catalog_V1_KnowledgeSupportPublished.with {
        $0.knowledgeSupport.id = UUID().uuidString.lowercased()
        $0.knowledgeSupport.slug = slug
        $0.knowledgeSupport.version = 1
        $0.knowledgeSupport.status = .published
        $0.knowledgeSupport.kind = .patientKnowledgeSupport
        $0.knowledgeSupport.level = .national
        $0.knowledgeSupport.ownerOrganisation.id = "SE"
        $0.knowledgeSupport.updatedAt = Google_Protobuf_Timestamp(date: Date())
    }
    try await eventually(timeout: .seconds(60), "the service to take catalog events") {
        try? await service.consumer.publish(
            try support.serializedBytes(), exchange: "kl.events",
            routingKey: "\(schema).catalog.knowledge_support.published.v1",
            properties: MessageProperties(
                contentType: "application/x-protobuf",
                type: Kunskapsloop_Catalog_V1_KnowledgeSupportPublished.protoMessageName,
                messageID: UUID().uuidString, appID: "catalog-service"))
        // The table appears once the service has migrated its schema.
        return (try? await Probe.count(database, "SELECT count(*) FROM \(unescaped: schema).catalog_supports")) == 1
    }
    let rssBefore = Probe.memory("VmRSS")
    let cpuBefore = CPUTime.snapshot()
    let url = "amqp://integration:integration@\(LocalStack.host):\(LocalStack.amqpPort)/\(LocalStack.vhost)"
    let start = ContinuousClock.now
    async let published = runProcess(
        publisher,
        [
            "--amqp-url", url, "--routing-key", "\(schema).feedback.submitted.v1",
            "--slug", slug, "--kind", "helpfulness", "--helpful", "yes",
            "--comment", "Ring mig på 070-123 45 67", "--count", "\(n)",
        ])
    // Polled every 50 ms through the primary key (cheap); count(*) confirms, as seq may have gaps.
    try await eventually(timeout: .seconds(3600), "all \(n) items committed") {
        guard try await Probe.count(database, "SELECT coalesce(max(seq), 0) FROM \(unescaped: schema).items") >= n else { return false }
        return try await Probe.count(database, "SELECT count(*) FROM \(unescaped: schema).items") >= n
    }
    // Each batch is acked as soon as it commits, so the last commit is the end. The empty queue is
    // checked afterwards but not timed: the management API refreshes its counts only every 5 s,
    // which the figure used to include.
    let elapsed = ContinuousClock.now - start
    let result = try await published
    let cpu = zip(CPUTime.snapshot(), cpuBefore).map { $0 - $1 }
    try await eventually(timeout: .seconds(120), "the queue drained") { try await managementCount("\(schema).inbound") == 0 }
    if result.status != 0 { print("publisher: \(result.stderr)") }
    print(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    return (elapsed, rssBefore, Probe.memory("VmHWM"), Probe.memory("VmRSS"), cpu)
}

let rate = Double(n) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
let ratio = rate / rawLoop
print(
    """

    ### Feedback ingestion (C publisher in its own process → feedback.inbound → validated, redacted, stored, tallied, recorded event)

    | benchmark | n | result | vs raw ceiling | target | met? |
    |---|---:|---:|---:|---|:---:|
    | publish → committed and acked | \(n) | \(Int(rate)) msg/s | \(Int((ratio * 100).rounded())) % of \(Int(rawLoop)) msg/s | ≥ 50 % | \(ratio >= 0.5 ? "yes" : "no") |
    | peak RSS of the process running the service | | \(peak / 1024) MiB (RSS \(rssBefore / 1024) → \(rssAfter / 1024) MiB) | | flat | |

    CPU per message, by process (user + system, from /proc; the service's figure includes the benchmark's polling):

    | broker | database | service | publisher | all |
    |---:|---:|---:|---:|---:|
    | \(cpu.map { String(format: "%.0f µs", $0 / Double(n) * 1e6) }.joined(separator: " | ")) | \(String(format: "%.0f µs", cpu.reduce(0, +) / Double(n) * 1e6)) |
    """)
