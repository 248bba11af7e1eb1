import Contracts
import FollowUp
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

// The whole loop on the local stack (issue 19's figure): from a `MeasurementsReported` published
// on kl.inbound, as an integrating system publishes it, to the webhook receiver holding the
// signal it caused. Follow-up and notification both run in this process, each on its own scratch
// schema with its own queues; notification's queue is bound to follow-up's catalog and follow-up
// routing keys, so one announcement of the tree reaches both projections and follow-up's signals
// reach this notification instance. Notification runs in immediate mode with coalescing window 0;
// the receiver answers 204 at once.
//
// Each timed publish raises exactly one new signal cheaply: K measurement indicators (I chart,
// Anhøj rules, baseline frozen at the 20 history points) × U units, each series holding 20 steady
// monthly values (loaded by RPC before timing, no signal in them); each publish sends month 21
// far above the limits for an (indicator, unit) not used before → one point-beyond-limit
// deterioration → one POST. One at a time: the next is published once the receiver holds it.
// Usage: LoopBench [N]   (default 1000 signals timed, after 20 warm-up ones)

let args = CommandLine.arguments
let signalCount = max(1, args.count > 1 ? Int(args[1]) ?? 1000 : 1000)
let warmUp = 20
let historyMonths = 20
let indicatorCount = min(100, signalCount + warmUp)
let unitCount = (signalCount + warmUp + indicatorCount - 1) / indicatorCount
/// Far above the steady values (100 ± 10; upper limit ≈ 130): a point beyond the limit.
let outlier = 1000.0
let secret = "whsec_" + Data((0..<32).map { UInt8($0) }).base64EncodedString()
#if DEBUG
let build = "debug"
#else
let build = "release"
#endif

let configuration: NotificationConfiguration = {
    var configuration = NotificationConfiguration()
    configuration.coalescingWindow = .zero
    return configuration
}()

// MARK: The webhook receiver (answers 204 at once)

let receiver = Receiver()
let router = Router()
router.post("hook/:n") { request, _ -> HTTPResponse.Status in
    let body = try await request.body.collect(upTo: 16 << 20)
    let now = ContinuousClock.now
    var ids: [String] = []
    if let json = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any],
        let events = json["events"] as? [[String: Any]]
    {
        ids = events.compactMap { $0["subjectId"] as? String }
    }
    receiver.received(subjectIDs: ids, at: now)
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

// MARK: The corpus

func indicatorCode(_ k: Int) -> String { "loop-" + String(repeating: "0", count: max(0, 3 - String(k).count)) + String(k) }
func unitID(_ u: Int) -> String { "loop-u\(u)" }

/// The j-th steady month: alternately above and below 100 by 1…10 (each once on each side), so
/// the centre is exactly 100, no value lies on it, and no run or crossing rule fires.
func steady(_ j: Int) -> Double { 100 + (j % 2 == 0 ? 1 : -1) * Double(1 + (j / 2 * 3) % 10) }

/// A value for month `m` (0 = January 2023) of indicator `k` at unit `u`.
func row(_ k: Int, _ u: Int, month m: Int, value: Double) -> Kunskapsloop_Followup_V1_Measurement {
    .with {
        $0.indicatorCode = indicatorCode(k)
        $0.organisationID = unitID(u)
        $0.period = .with {
            $0.granularity = .month
            $0.year = Int32(2023 + m / 12)
            $0.index = Int32(m % 12 + 1)
        }
        $0.value = value
    }
}

// MARK: Helpers

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

func countRows(_ db: PostgresClient, _ sql: PostgresQuery) async throws -> Int {
    for try await value in try await db.query(sql, logger: LocalStack.logger).decode(Int.self) { return value }
    return 0
}

func milliseconds(_ d: Duration) -> Double { Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15 }

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted.isEmpty ? .nan : sorted[min(sorted.count - 1, max(0, Int((Double(sorted.count) * p).rounded(.up)) - 1))]
}

func mean(_ values: [Double]) -> Double { values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count) }

func f1(_ value: Double) -> String { String(format: "%.1f", value) }

/// The 1-minute load average, from /proc/loadavg.
func loadAverage() -> String {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first.map(String.init) ?? "?"
}

/// Waits (1 ms polls: the times are taken where things arrive, not here) until the tap has seen
/// the series' signal and the receiver holds it.
func arrival(
    of key: String, tap: SignalTap, receiver: Receiver, timeout: Duration = .seconds(60)
) async throws
    -> (raised: ContinuousClock.Instant, delivered: ContinuousClock.Instant)
{
    let end = ContinuousClock.now.advanced(by: timeout)
    while true {
        if let seen = tap.signal(key), let delivered = receiver.arrival(seen.signalID) { return (seen.at, delivered) }
        guard ContinuousClock.now < end else {
            let why =
                tap.signal(key) == nil
                ? "follow-up published no SignalRaised for it (\(tap.raisedCount) in all so far)"
                : "the webhook receiver never got it (\(receiver.posts) POSTs so far)"
            throw EventuallyError(what: "the signal of \(key): \(why)")
        }
        try await Task.sleep(for: .milliseconds(1))
    }
}

// MARK: The services

func followUpDefinition(name: String, rpcTopology: Topology) -> ServiceDefinition {
    var topology = rpcTopology
    topology.addQuorumQueue("\(name).inbound", bindings: [("kl.inbound", "\(name).followup.measurements.v1")])
    topology.addQuorumQueue("\(name).events", bindings: [("kl.events", "\(name).catalog.#"), ("kl.events", "\(name).feedback.summary.v1")])
    return FollowUpDefinition.make(
        name: name, queues: .init(inbound: "\(name).inbound", events: "\(name).events"), topology: topology,
        eventPrefix: "\(name).")
}

/// Notification's queue takes follow-up's catalog announcements and events (as the suite's
/// `notification.events` takes `catalog.#` and `followup.#`).
func notificationDefinition(name: String, rpcTopology: Topology, followUp: String, configuration: NotificationConfiguration) -> ServiceDefinition {
    var topology = rpcTopology
    topology.addQuorumQueue("\(name).events", bindings: [("kl.events", "\(followUp).catalog.#"), ("kl.events", "\(followUp).followup.#")])
    return NotificationDefinition.make(name: name, configuration: configuration, topology: topology, eventPrefix: "\(name).")
}

struct LoopResults: Sendable {
    var followUpSchema = ""
    var notificationSchema = ""
    var historyRows = 0
    var historySignals = 0
    /// Milliseconds per timed signal: publish → webhook, publish → signal event on the broker,
    /// signal event on the broker → webhook.
    var total: [Double] = []
    var followUp: [Double] = []
    var notification: [Double] = []
    var raised = 0
    var posts = 0
    var seconds = 0.0
}

// MARK: The run

func runLoop(followUp: InProcessService, notification: InProcessService, tap: SignalTap, receiver: Receiver, hook: String) async throws -> LoopResults {
    let (f, n) = (followUp.name, notification.name)
    var results = LoopResults(followUpSchema: f, notificationSchema: n)

    // The tree, announced once as the catalog does; both projections take it.
    func announce(_ id: String, _ level: Kunskapsloop_Common_V1_OrganisationLevel, _ ancestors: [String]) async throws {
        let event = Kunskapsloop_Catalog_V1_OrganisationUpserted.with {
            $0.organisation.id = id
            $0.organisation.name = id == "SE" ? "Sverige" : "Bänk \(id)"
            $0.organisation.level = level
            $0.organisation.parentID = ancestors.last ?? ""
            $0.organisation.ancestorIds = ancestors
            $0.organisation.updatedAt = Google_Protobuf_Timestamp(date: Date())
        }
        let body: [UInt8] = try event.serializedBytes()
        try await followUp.consumer.publish(
            body, exchange: "kl.events", routingKey: "\(f).catalog.organisation.upserted.v1",
            properties: MessageProperties(
                contentType: "application/x-protobuf", type: Kunskapsloop_Catalog_V1_OrganisationUpserted.protoMessageName,
                messageID: UUID().uuidString.lowercased(), appID: "catalog-service"))
    }
    try await announce("SE", .national, [])
    try await announce("loop-hr", .healthcareRegion, ["SE"])
    try await announce("loop-r", .region, ["SE", "loop-hr"])
    for u in 0..<unitCount { try await announce(unitID(u), .unit, ["SE", "loop-hr", "loop-r"]) }
    let organisations = 3 + unitCount
    try await eventually(timeout: .seconds(120), "both projections to know the \(organisations) organisations") {
        let known = try await countRows(followUp.database, "SELECT count(*)::int FROM \(unescaped: f).catalog_organisations")
        let routed = try await countRows(notification.database, "SELECT count(*)::int FROM \(unescaped: n).catalog_organisations")
        return known >= organisations && routed >= organisations
    }

    // The indicators and their steady history (not timed).
    for k in 0..<indicatorCount {
        _ = try await followUp.client.call(
            "\(f).DefineIndicator",
            Kunskapsloop_Followup_V1_DefineIndicatorRequest.with {
                $0.indicator.code = indicatorCode(k)
                $0.indicator.name = "Väntetid \(k)"
                $0.indicator.valueType = .measurement
                $0.indicator.unitLabel = "dagar"
                $0.indicator.granularity = .month
                $0.indicator.directionOfGood = .lower
                $0.indicator.ruleSet = .anhoej
                $0.indicator.baselineLength = Int32(historyMonths)
                $0.indicator.source.reportingSystem = "LoopBench"
                $0.baselineReason = "Bänkens stabila baslinje"
                $0.actor = "loop-bench"
            }, returning: Kunskapsloop_Followup_V1_DefineIndicatorResponse.self, timeout: .seconds(60))
        let rows = (0..<unitCount).flatMap { u in (0..<historyMonths).map { m in row(k, u, month: m, value: steady(m)) } }
        let response = try await followUp.client.call(
            "\(f).ReportMeasurements",
            Kunskapsloop_Followup_V1_ReportMeasurementsRequest.with {
                $0.batch.batchID = "history-\(k)"
                $0.batch.sourceSystem = "LoopBench"
                $0.batch.measurements = rows
                $0.actor = "loop-bench"
            }, returning: Kunskapsloop_Followup_V1_ReportMeasurementsResponse.self, timeout: .seconds(600))
        guard Int(response.acceptedCount) == rows.count else {
            throw BenchError(
                "history of \(indicatorCode(k)): \(response.acceptedCount) of \(rows.count) rows taken; first problem: "
                    + (response.problems.first.map { "\($0)" } ?? "none"))
        }
        results.historyRows += rows.count
    }
    for table in ["measurements", "series", "signals"] {
        try await followUp.database.query("VACUUM ANALYZE \(unescaped: f).\(unescaped: table)", logger: LocalStack.logger)
    }
    results.historySignals = try await countRows(followUp.database, "SELECT count(*)::int FROM \(unescaped: f).signals")

    // The recipient: signal-raised for the whole tree, on the webhook, at once.
    _ = try await notification.client.call(
        "\(n).CreateRecipient",
        Kunskapsloop_Notification_V1_CreateRecipientRequest.with {
            $0.recipient = .with {
                $0.id = "loop-bench"
                $0.name = "Bänkens direktör"
                $0.email = "loop-bench@example.se"
                $0.role = .halsoOchSjukvardsdirektor
                $0.eventKinds = [.signalRaised]
                $0.organisationScope = .with { $0.organisationID = "SE" }
                $0.deliveryMode = .immediate
                $0.channels = [.webhook]
                $0.webhook = .with {
                    $0.url = hook
                    $0.secret = secret
                }
            }
        }, returning: Kunskapsloop_Notification_V1_CreateRecipientResponse.self, timeout: .seconds(15))

    // The timed loop: one publish, one signal, one POST; the next once the receiver holds it.
    let raisedBefore = tap.raisedCount
    let postsBefore = receiver.posts
    let loopStart = ContinuousClock.now
    for i in 0..<(warmUp + signalCount) {
        let (k, u) = (i % indicatorCount, i / indicatorCount)
        let batch = Kunskapsloop_Followup_V1_MeasurementsReported.with {
            $0.batchID = "loop-\(i)"
            $0.sourceSystem = "LoopBench"
            $0.measurements = [row(k, u, month: historyMonths, value: outlier)]
        }
        let body: [UInt8] = try batch.serializedBytes()
        let properties = MessageProperties(
            contentType: "application/x-protobuf", type: Kunskapsloop_Followup_V1_MeasurementsReported.protoMessageName,
            messageID: UUID().uuidString.lowercased(), appID: "loop-bench-register")
        let start = ContinuousClock.now
        try await followUp.consumer.publish(body, exchange: "kl.inbound", routingKey: "\(f).followup.measurements.v1", properties: properties)
        let (raised, delivered) = try await arrival(of: seriesKey(indicatorCode(k), unitID(u)), tap: tap, receiver: receiver)
        guard i >= warmUp else { continue }
        results.total.append(milliseconds(start.duration(to: delivered)))
        results.followUp.append(milliseconds(start.duration(to: raised)))
        results.notification.append(milliseconds(raised.duration(to: delivered)))
    }
    let elapsed = loopStart.duration(to: .now)
    results.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    results.raised = tap.raisedCount - raisedBefore
    results.posts = receiver.posts - postsBefore
    return results
}

let loadBefore = loadAverage()
let results: LoopResults = try await whileRunning(app) { () async throws -> LoopResults in
    try await eventually(timeout: .seconds(30), "the receiver to listen") { port.withLock { $0 } != 0 }
    let hook = "http://127.0.0.1:\(port.withLock { $0 })/hook/loop"
    return try await withInProcessService({ name, rpcTopology in followUpDefinition(name: name, rpcTopology: rpcTopology) }) {
        (followUp: InProcessService) async throws -> LoopResults in
        let followUpName = followUp.name
        return try await withInProcessService({ name, rpcTopology in
            notificationDefinition(name: name, rpcTopology: rpcTopology, followUp: followUpName, configuration: configuration)
        }) { (notification: InProcessService) async throws -> LoopResults in
            let tap = try await SignalTap(connection: followUp.consumer, bindingKey: "\(followUpName).followup.signal.raised.v1")
            return try await whileRunning(tap) { () async throws -> LoopResults in
                try await runLoop(followUp: followUp, notification: notification, tap: tap, receiver: receiver, hook: hook)
            }
        }
    }
}
let loadAfter = loadAverage()

// MARK: The table

let total = results.total.sorted()
let inFollowUp = results.followUp.sorted()
let inNotification = results.notification.sorted()
let p99 = percentile(total, 0.99)
let meanTotal = mean(results.total)
let followUpShare = meanTotal > 0 ? 100 * mean(results.followUp) / meanTotal : .nan
let expected = warmUp + signalCount
print("")
print("### The loop: MeasurementsReported → webhook (follow-up and notification in-process, local stack)")
print("")
print(
    "(bench: \(build) build; \(ProcessInfo.processInfo.activeProcessorCount) cores, shared; load average (1 min) \(loadBefore) at the start, \(loadAfter) at the end)"
)
print(
    "(bench: PostgreSQL \(LocalStack.host):\(LocalStack.postgresPort), RabbitMQ \(LocalStack.host):\(LocalStack.amqpPort); follow-up on schema \(results.followUpSchema), notification on \(results.notificationSchema), each with its own queues)"
)
print(
    "(bench: \(indicatorCount) measurement indicators (I chart, Anhøj rules, baseline frozen at \(historyMonths)) × \(unitCount) units; \(results.historyRows) steady monthly values loaded by RPC before timing, which raised \(results.historySignals) signals (expected 0))"
)
print(
    "(bench: each timed publish: one MeasurementsReported on kl.inbound, routing key \(results.followUpSchema).followup.measurements.v1, one row of \(Int(outlier)) (centre 100) for an (indicator, unit) not used before → one point-beyond-limit signal; published one at a time, \(warmUp) warm-up signals not counted)"
)
print(
    "(bench: notification: recipient on SE and below, immediate mode, coalescing window \(configuration.coalescingWindow), dispatcher poll \(configuration.pollInterval) (woken at commit), \(configuration.maxInFlight) in flight; webhook receiver in this process answering 204 at once)"
)
print("")
print("| benchmark | result | target | met? | notes |")
print("|---|---:|---|:---:|---|")
print("| signals timed (N) | \(total.count) | | | \(results.raised) SignalRaised and \(results.posts) POSTs in the run (\(expected) expected each) |")
print("| MeasurementsReported publish → webhook, p50 | \(f1(percentile(total, 0.5))) ms | | | |")
print("| MeasurementsReported publish → webhook, p99 | \(f1(p99)) ms | < 250 ms | \(p99 < 250 ? "yes" : "no") | max \(f1(total.last ?? .nan)) ms |")
print(
    "| of which follow-up: publish → SignalRaised on kl.events, p50 / p99 | \(f1(percentile(inFollowUp, 0.5))) / \(f1(percentile(inFollowUp, 0.99))) ms | | | intake, re-analysis, commit, outbox relay |"
)
print(
    "| of which notification: SignalRaised on kl.events → webhook, p50 / p99 | \(f1(percentile(inNotification, 0.5))) / \(f1(percentile(inNotification, 0.99))) ms | | | consume, route, dispatch, signed POST |"
)
print(
    "| share of the mean time: follow-up / notification | \(String(format: "%.0f %% / %.0f %%", followUpShare, 100 - followUpShare)) | | | mean \(f1(meanTotal)) ms |"
)
print(
    "| signals through the loop per second, one at a time | \(String(format: "%.1f", Double(expected) / results.seconds)) | | | \(String(format: "%.1f s", results.seconds)) for \(expected) |"
)
