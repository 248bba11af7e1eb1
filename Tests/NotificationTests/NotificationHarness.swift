import CatalogProjection
import Contracts
import Domain
import Foundation
import KLTesting
import Mail
import Messaging
import PostgresNIO
import RPC
import ServiceLifecycle
import ServiceRuntime
import Storage
import SwiftProtobuf
import Synchronization

@testable import Notification

/// A clock the test moves by hand: windows, digests and retries wait for it.
final class ManualClock: Sendable {
    private let time: Mutex<Date>
    init(_ start: Date) { time = Mutex(start) }
    var now: Date { time.withLock { $0 } }
    func set(_ date: Date) { time.withLock { $0 = date } }
    func advance(_ seconds: TimeInterval) { time.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// A notification service running in-process on a scratch schema, its own queue bound to
/// `<name>.catalog.#`, `<name>.followup.#` and `<name>.feedback.rejected.v1`, its events under
/// `<name>.`: tests run side by side without seeing each other's messages.
struct NotificationUnderTest: Sendable {
    let service: String
    let client: RPCClient
    let events: EventTap
    let database: PostgresClient
    let broker: AMQPConnection
    let configuration: NotificationConfiguration

    func call<Response: SwiftProtobuf.Message>(
        _ method: String, _ request: some SwiftProtobuf.Message, returning: Response.Type = Response.self
    ) async throws(RPCError) -> Response {
        try await client.call("\(service).\(method)", request, returning: Response.self, timeout: .seconds(15))
    }

    /// Publishes an event as its service would, under this test's routing prefix; returns its message id.
    @discardableResult
    func publish(
        _ event: some SwiftProtobuf.Message, routingKey: String, messageID: String = UUID().uuidString.lowercased(),
        appID: String = "followup-service"
    ) async throws -> String {
        try await broker.publish(
            try event.serializedBytes(), exchange: "kl.events", routingKey: "\(service).\(routingKey)",
            properties: MessageProperties(
                contentType: "application/x-protobuf", type: type(of: event).protoMessageName,
                messageID: messageID, appID: appID))
        return messageID
    }

    /// Announces an organisation as the catalog does.
    func organisation(_ id: String, _ name: String, level: Kunskapsloop_Common_V1_OrganisationLevel, ancestors: [String]) async throws {
        try await publish(
            Kunskapsloop_Catalog_V1_OrganisationUpserted.with {
                $0.organisation.id = id
                $0.organisation.name = name
                $0.organisation.level = level
                $0.organisation.parentID = ancestors.last ?? ""
                $0.organisation.ancestorIds = ancestors
                $0.organisation.updatedAt = Google_Protobuf_Timestamp(date: Date())
                $0.created = true
            }, routingKey: "catalog.organisation.upserted.v1", appID: "catalog-service")
    }

    /// The tree most tests use: nation SE › healthcare region SVR-MELLAN › region SE-03 › unit AKAD, and region SE-04.
    func standardTree() async throws {
        try await organisation("SE", "Sverige", level: .national, ancestors: [])
        try await organisation("SVR-MELLAN", "Sjukvårdsregion Mellansverige", level: .healthcareRegion, ancestors: ["SE"])
        try await organisation("SE-03", "Region Uppsala", level: .region, ancestors: ["SE", "SVR-MELLAN"])
        try await organisation("SE-04", "Region Sörmland", level: .region, ancestors: ["SE", "SVR-MELLAN"])
        try await organisation("AKAD", "Akademiska sjukhuset", level: .unit, ancestors: ["SE", "SVR-MELLAN", "SE-03"])
        try await eventually("the projection to know the tree") {
            try await count("SELECT count(*) FROM \(unescaped: service).catalog_organisations") == 5
        }
    }

    @discardableResult
    func createRecipient(_ tweak: (inout ProtoRecipient) -> Void) async throws -> ProtoRecipient {
        var recipient = ProtoRecipient()
        recipient.name = "Anna Andersson"
        recipient.email = "anna.\(UUID().uuidString.prefix(6).lowercased())@example.se"
        recipient.role = .verksamhetschef
        recipient.eventKinds = [.signalRaised, .signalClosed]
        recipient.channels = [.inApp]
        tweak(&recipient)
        let request = Kunskapsloop_Notification_V1_CreateRecipientRequest.with {
            $0.recipient = recipient
            $0.actor = "test"
        }
        return try await call("CreateRecipient", request, returning: Kunskapsloop_Notification_V1_CreateRecipientResponse.self).recipient
    }

    func deliveries(
        _ tweak: (inout Kunskapsloop_Notification_V1_ListDeliveriesRequest) -> Void = { _ in }
    )
        async throws -> [Kunskapsloop_Notification_V1_Delivery]
    {
        var request = Kunskapsloop_Notification_V1_ListDeliveriesRequest()
        request.page.pageSize = 100
        tweak(&request)
        return try await call("ListDeliveries", request, returning: Kunskapsloop_Notification_V1_ListDeliveriesResponse.self).deliveries
    }

    /// Waits until `condition` holds for the deliveries `tweak` selects, and returns them.
    @discardableResult
    func waitForDeliveries(
        _ what: String, timeout: Duration = .seconds(30),
        _ tweak: @escaping @Sendable (inout Kunskapsloop_Notification_V1_ListDeliveriesRequest) -> Void = { _ in },
        until condition: @escaping @Sendable ([Kunskapsloop_Notification_V1_Delivery]) -> Bool
    )
        async throws -> [Kunskapsloop_Notification_V1_Delivery]
    {
        try await eventually(timeout: timeout, what) { condition(try await deliveries(tweak)) }
        return try await deliveries(tweak)
    }

    func count(_ sql: PostgresQuery) async throws -> Int {
        for try await n in try await database.query(sql, logger: LocalStack.logger).decode(Int.self) { return n }
        return -1
    }

    /// A dispatcher over this service's schema, as a second replica runs one.
    func dispatcher() throws -> Dispatcher {
        let db = try Database(client: database, schema: service, logger: LocalStack.logger)
        return try Dispatcher(
            store: NotificationStore(database: db, eventPrefix: "\(service)."),
            projection: try CatalogProjection(schema: service, logger: LocalStack.logger),
            configuration: configuration, publicURL: "http://127.0.0.1:1")
    }
}

/// Test settings: no window unless asked, quick rounds, quick retries.
extension NotificationConfiguration {
    static func forTests(window: Duration = .zero, clock: ManualClock? = nil, smtpPort: Int = 1) -> NotificationConfiguration {
        var configuration = NotificationConfiguration()
        configuration.coalescingWindow = window
        configuration.pollInterval = .milliseconds(20)
        configuration.retry = RetryPolicy(maxAttempts: 4, base: .milliseconds(100), cap: .seconds(1))
        configuration.smtp = .init(url: "smtp://127.0.0.1:\(smtpPort)", connectTimeout: .seconds(5), timeout: .seconds(10))
        configuration.webhookTimeout = .seconds(3)
        configuration.heldCheckInterval = .milliseconds(200)
        if let clock { configuration.clock = { clock.now } }
        return configuration
    }
}

func withNotification(
    _ configuration: NotificationConfiguration = .forTests(),
    _ body: @Sendable (NotificationUnderTest) async throws -> Void
) async throws {
    try await withInProcessService({ name, rpcTopology in
        var topology = rpcTopology
        topology.addQuorumQueue(
            "\(name).events",
            bindings: [
                ("kl.events", "\(name).catalog.#"), ("kl.events", "\(name).followup.#"),
                ("kl.events", "\(name).feedback.rejected.v1"),
            ])
        return NotificationDefinition.make(name: name, configuration: configuration, topology: topology, eventPrefix: "\(name).")
    }) { service in
        let tap = try await EventTap(connection: service.consumer, bindingKey: "\(service.name).notification.#", prefix: "\(service.name).")
        try await whileRunning(tap) {
            try await body(
                NotificationUnderTest(
                    service: service.name, client: service.client, events: tap, database: service.database,
                    broker: service.consumer, configuration: configuration))
        }
    }
}

typealias ProtoRecipient = Kunskapsloop_Notification_V1_Recipient
typealias Raised = Kunskapsloop_Followup_V1_SignalRaised
typealias Closed = Kunskapsloop_Followup_V1_SignalClosed

/// A signal as follow-up raises it: a deterioration beyond the limits on `organisation`.
func raised(
    _ signalID: String = UUID().uuidString.lowercased(), organisation: String = "AKAD", organisationName: String = "Akademiska sjukhuset",
    ancestors: [String] = ["SE", "SVR-MELLAN", "SE-03"], area: String = "", direction: Kunskapsloop_Followup_V1_SignalDirection = .deterioration,
    severity: Kunskapsloop_Common_V1_Severity = .critical
) -> Raised {
    .with {
        $0.signal = signal(signalID, organisation: organisation, organisationName: organisationName, direction: direction, severity: severity)
        $0.organisationAncestorIds = ancestors
        if !area.isEmpty {
            $0.programmeArea = .with {
                $0.id = area
                $0.name = area
            }
        }
        $0.occurredAt = Google_Protobuf_Timestamp(date: Date())
    }
}

func closed(_ signalID: String, organisation: String = "AKAD", ancestors: [String] = ["SE", "SVR-MELLAN", "SE-03"]) -> Closed {
    .with {
        $0.signal = signal(signalID, organisation: organisation, organisationName: "Akademiska sjukhuset", direction: .deterioration, severity: .critical)
        $0.signal.status = .closed
        $0.signal.closeReason = .ended
        $0.signal.closeReadingSv = "Signalen upphörde när värdet för vecka 16 låg inom gränserna."
        $0.organisationAncestorIds = ancestors
        $0.occurredAt = Google_Protobuf_Timestamp(date: Date())
    }
}

func signal(
    _ id: String, organisation: String, organisationName: String, direction: Kunskapsloop_Followup_V1_SignalDirection,
    severity: Kunskapsloop_Common_V1_Severity
) -> Kunskapsloop_Followup_V1_Signal {
    .with {
        $0.id = id
        $0.indicator = .with {
            $0.code = "uppfoljning-30d"
            $0.name = "Andel uppföljda inom 30 dagar"
        }
        $0.organisation = .with {
            $0.id = organisation
            $0.name = organisationName
            $0.level = .unit
        }
        $0.rule = .pointBeyondLimit
        $0.side = .below
        $0.direction = direction
        $0.severity = severity
        $0.status = .open
        $0.onsetPeriod = .with {
            $0.granularity = .isoWeek
            $0.year = 2026
            $0.index = 14
        }
        $0.lastPeriod = .with {
            $0.granularity = .isoWeek
            $0.year = 2026
            $0.index = 15
        }
        $0.readingSv = "Andelen uppföljda har sjunkit tydligt sedan vecka 14 – mer än slumpmässig variation."
        $0.pageURL = "http://127.0.0.1:8083/leader/uppfoljning-30d/\(organisation)"
    }
}

/// A Standard Webhooks secret the receiver script is given too.
let testWebhookSecret = WebhookSecret.make(Array("kunskapsloop-test-secret-32-bytes!".utf8))

struct ExpectationFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
