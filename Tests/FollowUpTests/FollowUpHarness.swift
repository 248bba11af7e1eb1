import Contracts
import Domain
import Foundation
import KLTesting
import Messaging
import PostgresNIO
import RPC
import ServiceLifecycle
import ServiceRuntime
import SwiftProtobuf
import Synchronization

@testable import FollowUp

/// A follow-up service running in-process on a scratch schema of its own, with its own RPC
/// prefix, intake and event routing keys, publishing its events under `<name>.`: tests run side
/// by side on the shared broker without taking each other's messages.
struct FollowUpUnderTest: Sendable {
    let service: String
    let client: RPCClient
    let events: EventTap
    let database: PostgresClient
    let broker: AMQPConnection
    let clock: TestClock

    var inbound: String { "\(service).inbound" }
    /// What other systems publish measurements with.
    var intakeRoutingKey: String { "\(service).followup.measurements.v1" }

    func call<Response: SwiftProtobuf.Message>(
        _ method: String, _ request: some SwiftProtobuf.Message, returning: Response.Type = Response.self
    ) async throws(RPCError) -> Response {
        try await client.call("\(service).\(method)", request, returning: Response.self, timeout: .seconds(30))
    }

    /// Publishes a batch as another system would; returns its message id.
    @discardableResult
    func publish(_ batch: Batch, messageID: String = UUID().uuidString.lowercased(), appID: String = "test-register") async throws -> String {
        try await publish(try batch.serializedBytes(), messageID: messageID, appID: appID)
        return messageID
    }

    func publish(
        _ body: [UInt8], messageID: String, appID: String = "test-register", type: String = Batch.protoMessageName,
        contentType: String = "application/x-protobuf"
    ) async throws {
        try await broker.publish(
            body, exchange: "kl.inbound", routingKey: intakeRoutingKey,
            properties: MessageProperties(contentType: contentType, type: type, messageID: messageID, appID: appID))
    }

    /// Publishes an event on kl.events under this test's prefix, as the catalog or feedback would.
    func publishEvent(
        _ event: some SwiftProtobuf.Message, routingKey: String, appID: String = "catalog-service",
        messageID: String = UUID().uuidString.lowercased()
    ) async throws {
        try await broker.publish(
            try event.serializedBytes(), exchange: "kl.events", routingKey: "\(service).\(routingKey)",
            properties: MessageProperties(
                contentType: "application/x-protobuf", type: type(of: event).protoMessageName,
                messageID: messageID, appID: appID))
    }

    /// Announces an organisation as the catalog does.
    func organisation(
        _ id: String, _ name: String, _ level: Kunskapsloop_Common_V1_OrganisationLevel, parent: String?, ancestors: [String],
        previousParent: String = "", at date: Date = Date()
    ) async throws {
        try await publishEvent(
            Kunskapsloop_Catalog_V1_OrganisationUpserted.with {
                $0.organisation.id = id
                $0.organisation.name = name
                $0.organisation.level = level
                $0.organisation.parentID = parent ?? ""
                $0.organisation.ancestorIds = ancestors
                $0.organisation.updatedAt = Google_Protobuf_Timestamp(date: date)
                $0.previousParentID = previousParent
            }, routingKey: "catalog.organisation.upserted.v1")
    }

    /// A small tree: SE → HR1 (R1: u11, u12; R2: u21) and HR2 (R3: u31); waits until the
    /// projection has all of it.
    func smallTree() async throws {
        try await organisation("SE", "Sverige", .national, parent: nil, ancestors: [])
        try await organisation("HR1", "Sjukvårdsregion Norr", .healthcareRegion, parent: "SE", ancestors: ["SE"])
        try await organisation("HR2", "Sjukvårdsregion Syd", .healthcareRegion, parent: "SE", ancestors: ["SE"])
        try await organisation("R1", "Region Ett", .region, parent: "HR1", ancestors: ["SE", "HR1"])
        try await organisation("R2", "Region Två", .region, parent: "HR1", ancestors: ["SE", "HR1"])
        try await organisation("R3", "Region Tre", .region, parent: "HR2", ancestors: ["SE", "HR2"])
        try await organisation("u11", "Enhet 11", .unit, parent: "R1", ancestors: ["SE", "HR1", "R1"])
        try await organisation("u12", "Enhet 12", .unit, parent: "R1", ancestors: ["SE", "HR1", "R1"])
        try await organisation("u21", "Enhet 21", .unit, parent: "R2", ancestors: ["SE", "HR1", "R2"])
        try await organisation("u31", "Enhet 31", .unit, parent: "R3", ancestors: ["SE", "HR2", "R3"])
        try await waitForOrganisations(10)
    }

    func waitForOrganisations(_ n: Int) async throws {
        try await eventually(timeout: .seconds(30), "the projection to know \(n) organisations") {
            try await count("SELECT count(*) FROM \(unescaped: service).catalog_organisations") >= n
        }
    }

    /// Defines an indicator by RPC.
    @discardableResult
    func define(
        _ code: String, _ valueType: Kunskapsloop_Followup_V1_ValueType = .proportion, granularity: Kunskapsloop_Common_V1_PeriodGranularity = .month,
        _ tweak: (inout Kunskapsloop_Followup_V1_Indicator) -> Void = { _ in }
    ) async throws -> Kunskapsloop_Followup_V1_Indicator {
        var indicator = Kunskapsloop_Followup_V1_Indicator()
        indicator.code = code
        indicator.name = "Andel \(code)"
        indicator.valueType = valueType
        indicator.granularity = granularity
        indicator.directionOfGood = .higher
        indicator.source.reportingSystem = "Testregistret"
        tweak(&indicator)
        let request = Kunskapsloop_Followup_V1_DefineIndicatorRequest.with {
            $0.indicator = indicator
            $0.actor = "test"
            if indicator.baselineLength > 0 { $0.baselineReason = "grund" }
        }
        return try await call("DefineIndicator", request, returning: Kunskapsloop_Followup_V1_DefineIndicatorResponse.self).indicator
    }

    /// Reports rows by RPC.
    @discardableResult
    func report(_ rows: [Row], batchID: String = UUID().uuidString.lowercased()) async throws -> Kunskapsloop_Followup_V1_ReportMeasurementsResponse {
        try await call(
            "ReportMeasurements",
            Kunskapsloop_Followup_V1_ReportMeasurementsRequest.with {
                $0.batch = Batch.with {
                    $0.batchID = batchID
                    $0.sourceSystem = "Testregistret"
                    $0.measurements = rows
                }
                $0.actor = "test"
            })
    }

    func analysis(_ code: String, _ org: String, stratum: Kunskapsloop_Followup_V1_SeriesStratum? = nil) async throws -> Kunskapsloop_Followup_V1_Analysis {
        try await call(
            "GetAnalysis",
            Kunskapsloop_Followup_V1_GetAnalysisRequest.with {
                $0.indicatorCode = code
                $0.organisationID = org
                if let stratum { $0.stratum = stratum }
            }, returning: Kunskapsloop_Followup_V1_GetAnalysisResponse.self
        ).analysis
    }

    func signals(_ code: String, organisation: String? = nil) async throws -> [Kunskapsloop_Followup_V1_Signal] {
        try await call(
            "ListSignals",
            Kunskapsloop_Followup_V1_ListSignalsRequest.with {
                $0.indicatorCode = code
                if let organisation { $0.organisationID = organisation }
                $0.page.pageSize = 100
            }, returning: Kunskapsloop_Followup_V1_ListSignalsResponse.self
        ).signals
    }

    func count(_ sql: PostgresQuery) async throws -> Int {
        for try await n in try await database.query(sql, logger: LocalStack.logger).decode(Int.self) { return n }
        return -1
    }

    func deadLettered() async throws -> Int { try await managementCount("\(inbound).dlq") }

    /// Raised events for a signal id seen so far.
    func raised(_ id: String) -> [Raised] { events.all(FollowUpEvents.signalRaised, Raised.self) { $0.signal.id == id } }
    func closed(_ id: String) -> [Closed] { events.all(FollowUpEvents.signalClosed, Closed.self) { $0.signal.id == id } }
}

/// The time the overdue job sees; tests move it.
final class TestClock: Sendable {
    private let now = Mutex(Date())
    func callAsFunction() -> Date { now.withLock { $0 } }
    func set(_ date: Date) { now.withLock { $0 = date } }
    func advance(by seconds: Double) { now.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// Topology and definition of one test's service.
func followUpDefinition(name: String, rpcTopology: Topology, clock: TestClock) -> ServiceDefinition {
    var topology = rpcTopology
    topology.addQuorumQueue("\(name).inbound", bindings: [("kl.inbound", "\(name).followup.measurements.v1")])
    topology.addQuorumQueue("\(name).events", bindings: [("kl.events", "\(name).catalog.#"), ("kl.events", "\(name).feedback.summary.v1")])
    var configuration = FollowUpConfiguration()
    configuration.overdueCheckInterval = .milliseconds(200)
    return FollowUpDefinition.make(
        name: name, configuration: configuration, queues: .init(inbound: "\(name).inbound", events: "\(name).events"),
        topology: topology, eventPrefix: "\(name).", now: { clock() })
}

func withFollowUp(_ body: @Sendable (FollowUpUnderTest) async throws -> Void) async throws {
    let clock = TestClock()
    try await withInProcessService({ name, rpcTopology in followUpDefinition(name: name, rpcTopology: rpcTopology, clock: clock) }) { service in
        let tap = try await EventTap(
            connection: service.consumer, bindingKey: "\(service.name).followup.#", appID: "\(service.name)-service",
            prefix: "\(service.name).")
        try await whileRunning(tap) {
            try await body(
                FollowUpUnderTest(
                    service: service.name, client: service.client, events: tap, database: service.database,
                    broker: service.consumer, clock: clock))
        }
    }
}

typealias Batch = Kunskapsloop_Followup_V1_MeasurementsReported
typealias Row = Kunskapsloop_Followup_V1_Measurement
typealias Raised = Kunskapsloop_Followup_V1_SignalRaised
typealias Closed = Kunskapsloop_Followup_V1_SignalClosed
typealias Rejected = Kunskapsloop_Followup_V1_MeasurementsRejected

/// A proportion row for a month.
func ratio(
    _ code: String, _ org: String, _ year: Int, _ month: Int, _ numerator: Int64, _ denominator: Int64,
    stratum: (String, String)? = nil
) -> Row {
    Row.with {
        $0.indicatorCode = code
        $0.organisationID = org
        $0.period = .with {
            $0.granularity = .month
            $0.year = Int32(year)
            $0.index = Int32(month)
        }
        if let stratum {
            $0.stratum = .with {
                $0.dimension = stratum.0
                $0.value = stratum.1
            }
        }
        $0.ratio = .with {
            $0.numerator = numerator
            $0.denominator = denominator
        }
    }
}

/// Months from January 2024 on: (year, month) of offset k.
func month(_ k: Int) -> (Int, Int) { (2024 + k / 12, k % 12 + 1) }

struct ExpectationFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
