import Contracts
import Domain
import FollowUp
import Foundation
import Hummingbird
import HummingbirdTesting
import KLTesting
import Messaging
import PostgresNIO
import RPC
import Reference
import SeededRandom
import ServiceRuntime
import SwiftProtobuf

// Follow-up on the local stack, the service in this process on a scratch schema with its own
// queues: (1) one MeasurementsReported batch of 10,000 rows (a month for 200 units × 50
// indicators) published by the C publisher in its own process, timed from the publish until the
// batch's transaction has committed — every row stored, every affected series (units, regions,
// healthcare regions, the nation) re-analysed, every signal event in the outbox: first with no
// history, then a month with 23 months of history behind it; (2) the leader's page over a live
// local port, p50 / p99 of 1,000 requests, for a weekly indicator with 104 points.
// Usage: FollowUpBench [PUBLISHER]

let publisher =
    CommandLine.arguments.count > 1
    ? CommandLine.arguments[1]
    : LocalStack.root.appendingPathComponent("clients/c/build/publish_measurements").path
let unitCount = 200
let indicatorCount = 50
let historyMonths = 23

func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

func count(_ db: PostgresClient, _ sql: PostgresQuery) async throws -> Int {
    for try await n in try await db.query(sql, logger: LocalStack.logger).decode(Int.self) { return n }
    return 0
}

func month(_ k: Int) -> String { String(format: "%04d-%02d", 2023 + k / 12, k % 12 + 1) }

struct Row {
    let indicator: String
    let unit: String
    let period: String
    let numerator: Int
    let denominator: Int
}

/// A month for every unit and indicator: proportions around each unit's own level, with the odd
/// jump, so that signals are found as in real data.
func monthRows(_ k: Int, units: [String], _ rng: inout SplitMix64) -> [Row] {
    var rows: [Row] = []
    rows.reserveCapacity(units.count * indicatorCount)
    for i in 0..<indicatorCount {
        for (u, unit) in units.enumerated() {
            let denominator = 40 + (u * 7 + i * 3) % 60
            let level = 0.35 + 0.4 * Double((u * 13 + i * 7) % 17) / 17
            let jump = rng.next(200) == 0 ? 0.3 : 0
            let p = min(0.98, max(0.02, level + jump + 0.05 * rng.normal()))
            rows.append(
                Row(indicator: "bench-\(i)", unit: unit, period: month(k), numerator: Int((p * Double(denominator)).rounded()), denominator: denominator))
        }
    }
    return rows
}

func csv(_ rows: [Row]) -> String {
    "indicator,organisation,period,numerator,denominator\n"
        + rows.map { "\($0.indicator),\($0.unit),\($0.period),\($0.numerator),\($0.denominator)" }.joined(separator: "\n")
}

let results = try await withInProcessService({ name, rpcTopology in
    var topology = rpcTopology
    topology.addQuorumQueue("\(name).inbound", bindings: [("kl.inbound", "\(name).followup.measurements.v1")])
    topology.addQuorumQueue("\(name).events", bindings: [("kl.events", "\(name).catalog.#"), ("kl.events", "\(name).feedback.summary.v1")])
    return FollowUpDefinition.make(
        name: name, queues: .init(inbound: "\(name).inbound", events: "\(name).events"), topology: topology,
        eventPrefix: "\(name).")
}) { service in
    let (db, schema) = (service.database, service.name)
    func call<R: SwiftProtobuf.Message>(_ method: String, _ request: some SwiftProtobuf.Message, _: R.Type) async throws -> R {
        try await service.client.call("\(schema).\(method)", request, returning: R.self, timeout: .seconds(600))
    }
    func publishOrg(_ id: String, _ name: String, _ level: Kunskapsloop_Common_V1_OrganisationLevel, _ parent: String?, _ ancestors: [String]) async throws {
        let event = Kunskapsloop_Catalog_V1_OrganisationUpserted.with {
            $0.organisation.id = id
            $0.organisation.name = name
            $0.organisation.level = level
            $0.organisation.parentID = parent ?? ""
            $0.organisation.ancestorIds = ancestors
            $0.organisation.updatedAt = .init(date: Date())
        }
        try await service.consumer.publish(
            try event.serializedBytes(), exchange: "kl.events", routingKey: "\(schema).catalog.organisation.upserted.v1",
            properties: MessageProperties(
                contentType: "application/x-protobuf", type: Kunskapsloop_Catalog_V1_OrganisationUpserted.protoMessageName,
                messageID: UUID().uuidString.lowercased(), appID: "catalog-service"))
    }

    // The nation, the 6 healthcare regions, the 21 regions (the shipped reference data), and 200 units spread over the regions.
    let reference = try ReferenceData.load()
    var regions: [(id: String, ancestors: [String])] = []
    for org in reference.organisations {
        let ancestors =
            reference.organisations.first { $0.id == org.parentID }.map { parent in
                ([parent.parentID].compactMap { $0 }) + [parent.id]
            } ?? []
        let level: Kunskapsloop_Common_V1_OrganisationLevel =
            org.level == .national ? .national : (org.level == .healthcareRegion ? .healthcareRegion : .region)
        try await publishOrg(org.id, org.name, level, org.parentID, org.level == .national ? [] : ancestors)
        if org.level == .region { regions.append((org.id, ancestors)) }
    }
    var units: [String] = []
    for u in 0..<unitCount {
        let region = regions[u % regions.count]
        let id = "bench-u\(u)"
        try await publishOrg(id, "Enhet \(u)", .unit, region.id, region.ancestors + [region.id])
        units.append(id)
    }
    try await eventually(timeout: .seconds(120), "the projection to know every organisation") {
        try await count(db, "SELECT count(*) FROM \(unescaped: schema).catalog_organisations") == reference.organisations.count + unitCount
    }
    for i in 0..<indicatorCount {
        _ = try await call(
            "DefineIndicator",
            Kunskapsloop_Followup_V1_DefineIndicatorRequest.with {
                $0.indicator.code = "bench-\(i)"
                $0.indicator.name = "Indikator \(i)"
                $0.indicator.valueType = .proportion
                $0.indicator.granularity = .month
                $0.indicator.directionOfGood = .higher
                $0.indicator.target = 0.6
                $0.indicator.source.reportingSystem = "Benchmark"
            }, Kunskapsloop_Followup_V1_DefineIndicatorResponse.self)
    }

    /// Publishes a month through the C publisher and waits for its batch's commit.
    func timedBatch(_ rows: [Row], label: String) async throws -> (Double, String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(schema)-\(label).csv")
        try csv(rows).write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let batchID = "\(label)-\(UUID().uuidString.prefix(8))"
        let url = "amqp://integration:integration@\(LocalStack.host):\(LocalStack.amqpPort)/\(LocalStack.vhost)"
        let outboxBefore = try await count(db, "SELECT count(*) FROM \(unescaped: schema).outbox")
        let start = ContinuousClock.now
        async let published = runProcess(
            publisher,
            [
                "--amqp-url", url, "--routing-key", "\(schema).followup.measurements.v1",
                "--source-system", "Benchmark", "--batch-id", batchID, file.path,
            ])
        // The batch row commits with the rows, the series, the signals and the outbox events.
        while try await count(db, "SELECT count(*) FROM \(unescaped: schema).batches WHERE batch_id = \(batchID)") == 0 {
            try await Task.sleep(for: .milliseconds(5))
        }
        let elapsed = seconds(ContinuousClock.now - start)
        let result = try await published
        if result.status != 0 { print("publisher: \(result.stderr)") }
        let series = try await count(db, "SELECT count(*) FROM \(unescaped: schema).series")
        let stored = try await count(db, "SELECT accepted_count FROM \(unescaped: schema).batches WHERE batch_id = \(batchID)")
        let events = try await count(db, "SELECT count(*) FROM \(unescaped: schema).outbox") - outboxBefore
        return (elapsed, "\(stored) rows stored, \(series) series, ≥ \(max(0, events)) signal events still in the outbox at the check")
    }

    var rng = SplitMix64(seed: 18)
    let (first, firstNote) = try await timedBatch(monthRows(0, units: units, &rng), label: "first")
    // History: months 1 … 23 by RPC, a batch each (not timed).
    for k in 1..<historyMonths {
        let rows = monthRows(k, units: units, &rng).map { r in
            Kunskapsloop_Followup_V1_Measurement.with {
                $0.indicatorCode = r.indicator
                $0.organisationID = r.unit
                $0.period = .with {
                    $0.granularity = .month
                    $0.year = Int32(2023 + k / 12)
                    $0.index = Int32(k % 12 + 1)
                }
                $0.ratio = .with {
                    $0.numerator = Int64(r.numerator)
                    $0.denominator = Int64(r.denominator)
                }
            }
        }
        _ = try await call(
            "ReportMeasurements",
            Kunskapsloop_Followup_V1_ReportMeasurementsRequest.with {
                $0.batch.batchID = "history-\(k)"
                $0.batch.sourceSystem = "Benchmark"
                $0.batch.measurements = rows
            }, Kunskapsloop_Followup_V1_ReportMeasurementsResponse.self)
    }
    try await db.query("VACUUM ANALYZE \(unescaped: schema).measurements", logger: LocalStack.logger)
    try await db.query("VACUUM ANALYZE \(unescaped: schema).series", logger: LocalStack.logger)
    try await db.query("VACUUM ANALYZE \(unescaped: schema).signals", logger: LocalStack.logger)
    let (later, laterNote) = try await timedBatch(monthRows(historyMonths, units: units, &rng), label: "later")

    // The page: a weekly indicator with 104 points at a unit and its region's other units.
    _ = try await call(
        "DefineIndicator",
        Kunskapsloop_Followup_V1_DefineIndicatorRequest.with {
            $0.indicator.code = "bench-week"
            $0.indicator.name = "Andel per vecka"
            $0.indicator.valueType = .proportion
            $0.indicator.granularity = .isoWeek
            $0.indicator.directionOfGood = .higher
            $0.indicator.target = 0.6
            $0.indicator.source.reportingSystem = "Benchmark"
        }, Kunskapsloop_Followup_V1_DefineIndicatorResponse.self)
    let siblings = units.enumerated().filter { $0.offset % regions.count == 0 }.map(\.element)
    var weekly: [Kunskapsloop_Followup_V1_Measurement] = []
    for w in 0..<104 {
        for unit in siblings {
            let d = 50 + rng.next(30)
            weekly.append(
                .with {
                    $0.indicatorCode = "bench-week"
                    $0.organisationID = unit
                    $0.period = .with {
                        $0.granularity = .isoWeek
                        $0.year = Int32(2024 + w / 52)
                        $0.index = Int32(w % 52 + 1)
                    }
                    $0.ratio = .with {
                        $0.numerator = Int64(Double(d) * min(0.95, max(0.05, 0.55 + 0.08 * rng.normal())))
                        $0.denominator = Int64(d)
                    }
                })
        }
    }
    _ = try await call(
        "ReportMeasurements",
        Kunskapsloop_Followup_V1_ReportMeasurementsRequest.with {
            $0.batch.batchID = "weekly"
            $0.batch.sourceSystem = "Benchmark"
            $0.batch.measurements = weekly
        }, Kunskapsloop_Followup_V1_ReportMeasurementsResponse.self)
    let environment = Environment(["KL_DATABASE_URL": LocalStack.databaseURL(user: "postgres"), "KL_AMQP_URL": LocalStack.amqpURL(user: "admin")])
    let configuration = try RuntimeConfiguration(service: schema, defaultHTTPPort: 1, environment: environment)
    let context = try ServiceContext(
        configuration: configuration, database: db, schema: schema, publisher: service.consumer,
        consumer: service.consumer, logger: LocalStack.logger)
    let router = Router()
    try FollowUpDefinition.make(name: schema, eventPrefix: "\(schema).").routes(context, router)
    let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: LocalStack.logger)
    let path = "/indicators/bench-week/\(siblings[0])"
    let (p50, p99, bytes) = try await app.test(.live) { client in
        var times: [Double] = []
        var size = 0
        for k in 0..<1_050 {
            let start = ContinuousClock.now
            let response = try await client.execute(uri: path, method: .get)
            let t = seconds(ContinuousClock.now - start)
            guard response.status == .ok else { throw EventuallyError(what: "the page (status \(response.status))") }
            if k >= 50 { times.append(t) }  // the first 50 warm the pool and the caches
            size = response.body.readableBytes
        }
        times.sort()
        return (times[times.count / 2], times[Int(Double(times.count) * 0.99)], size)
    }
    return (first, firstNote, later, laterNote, p50, p99, bytes)
}

let (first, firstNote, later, laterNote, p50, p99, bytes) = results
func ms(_ s: Double) -> String { String(format: "%.1f ms", s * 1000) }
print(
    """

    ### Follow-up (in-process service, local stack; C publisher in its own process)

    | benchmark | result | target | met? | notes |
    |---|---:|---|:---:|---|
    | batch of \(unitCount * indicatorCount) rows, first month: publish → committed, re-analysed, signals in outbox | \(String(format: "%.2f s", first)) | < 2 s | \(first < 2 ? "yes" : "no") | \(firstNote) |
    | batch of \(unitCount * indicatorCount) rows, month 24 (23 months of history) | \(String(format: "%.2f s", later)) | < 2 s | \(later < 2 ? "yes" : "no") | \(laterNote) |
    | leader's page, 104 weekly points, p50 (1,000 requests) | \(ms(p50)) | | | \(bytes / 1024) KiB of HTML |
    | leader's page, p99 | \(ms(p99)) | < 50 ms | \(p99 < 0.05 ? "yes" : "no") | |
    """)
