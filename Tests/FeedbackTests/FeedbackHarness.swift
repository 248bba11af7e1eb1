import CatalogProjection
import Contracts
import Foundation
import KLTesting
import Messaging
import PostgresNIO
import RPC
import ServiceLifecycle
import ServiceRuntime
import Storage
import SwiftProtobuf
import Synchronization
import Testing

@testable import Feedback

/// A feedback service running in-process on a scratch schema of its own, with its own RPC
/// prefix, intake routing key and catalog-event routing keys, talking to the real database and
/// broker: tests run side by side without taking each other's messages.
struct FeedbackUnderTest: Sendable {
    let service: String
    let client: RPCClient
    let events: EventTap
    let database: PostgresClient
    let broker: AMQPConnection
    let settings: FeedbackConfiguration

    var inbound: String { "\(service).inbound" }
    /// What other systems would publish with `feedback.submitted.v1`.
    var intakeRoutingKey: String { "\(service).feedback.submitted.v1" }
    var store: FeedbackStore {
        get throws { FeedbackStore(database: try Database(client: database, schema: service, logger: LocalStack.logger), configuration: settings) }
    }

    /// The intake over this service's schema, as a second replica would run it.
    var intake: FeedbackIntake {
        get throws {
            FeedbackIntake(
                store: try store, projection: try CatalogProjection(schema: service, logger: LocalStack.logger),
                configuration: settings, inboundQueue: inbound)
        }
    }

    /// The stored item that a `feedback.recorded.v1` event listed for `messageID` (waits for the
    /// event), as ListFeedbackItems shows it.
    func recordedItem(_ messageID: String) async throws -> Kunskapsloop_Feedback_V1_FeedbackItem {
        let event = try await events.first("feedback.recorded.v1", Recorded.self) { $0.items.contains { $0.originalMessageID == messageID } }
        let listed = try #require(event.items.first { $0.originalMessageID == messageID })
        let page = try await call(
            "ListFeedbackItems",
            Kunskapsloop_Feedback_V1_ListFeedbackItemsRequest.with {
                $0.knowledgeSupportID = listed.knowledgeSupportID
                $0.page.pageSize = 1000
            }, returning: Kunskapsloop_Feedback_V1_ListFeedbackItemsResponse.self)
        return try #require(page.items.first { $0.id == listed.itemID })
    }

    /// Waits until a `feedback.recorded.v1` event lists `messageID`.
    func waitRecorded(_ messageID: String) async throws {
        _ = try await events.first("feedback.recorded.v1", Recorded.self) { $0.items.contains { $0.originalMessageID == messageID } }
    }

    /// How many `feedback.recorded.v1` entries list `messageID` so far.
    func recordedCount(_ messageID: String) -> Int {
        events.all("feedback.recorded.v1", Recorded.self).flatMap(\.items).filter { $0.originalMessageID == messageID }.count
    }

    func call<Response: SwiftProtobuf.Message>(
        _ method: String, _ request: some SwiftProtobuf.Message, returning: Response.Type = Response.self
    ) async throws(RPCError) -> Response {
        try await client.call("\(service).\(method)", request, returning: Response.self, timeout: .seconds(15))
    }

    /// Publishes a submission as another system would; returns its message id.
    @discardableResult
    func submit(
        _ message: Submitted, messageID: String = UUID().uuidString.lowercased(), appID: String = "test-web",
        type: String = Submitted.protoMessageName, contentType: String = "application/x-protobuf"
    ) async throws -> String {
        try await publish(try message.serializedBytes(), messageID: messageID, appID: appID, type: type, contentType: contentType)
        return messageID
    }

    func publish(
        _ body: [UInt8], messageID: String, appID: String = "test-web", type: String = Submitted.protoMessageName,
        contentType: String = "application/x-protobuf"
    ) async throws {
        try await broker.publish(
            body, exchange: "kl.inbound", routingKey: intakeRoutingKey,
            properties: MessageProperties(contentType: contentType, type: type, messageID: messageID, appID: appID))
    }

    /// Publishes a catalog event as the catalog would, under this test's routing prefix.
    func publishCatalog(_ event: some SwiftProtobuf.Message, routingKey: String) async throws {
        try await broker.publish(
            try event.serializedBytes(), exchange: "kl.events", routingKey: "\(service).\(routingKey)",
            properties: MessageProperties(
                contentType: "application/x-protobuf", type: type(of: event).protoMessageName,
                messageID: UUID().uuidString.lowercased(), appID: "catalog-service"))
    }

    /// Publishes `catalog.knowledge_support.published.v1` for a support; returns its id.
    @discardableResult
    func publishSupport(
        id: String = UUID().uuidString.lowercased(), slug: String, url: String = "", version: Int32 = 1,
        status: Kunskapsloop_Catalog_V1_KnowledgeSupportStatus = .published, updatedAt: Date = Date(),
        title: String = "Ett kunskapsstöd"
    ) async throws -> String {
        let support = Kunskapsloop_Catalog_V1_KnowledgeSupport.with {
            $0.id = id
            $0.slug = slug
            $0.url = url
            $0.version = version
            $0.status = status
            $0.title = title
            $0.kind = .patientKnowledgeSupport
            $0.level = .national
            $0.ownerOrganisation.id = "SE"
            $0.updatedAt = Google_Protobuf_Timestamp(date: updatedAt)
        }
        try await publishCatalog(
            Kunskapsloop_Catalog_V1_KnowledgeSupportPublished.with { $0.knowledgeSupport = support },
            routingKey: "catalog.knowledge_support.published.v1")
        return id
    }

    func publishOrganisation(id: String, name: String) async throws {
        try await publishCatalog(
            Kunskapsloop_Catalog_V1_OrganisationUpserted.with {
                $0.organisation.id = id
                $0.organisation.name = name
                $0.organisation.level = .unit
                $0.organisation.parentID = "SE-03"
                $0.organisation.ancestorIds = ["SE", "SVR-MELLAN", "SE-03"]
                $0.organisation.updatedAt = Google_Protobuf_Timestamp(date: Date())
            }, routingKey: "catalog.organisation.upserted.v1")
    }

    /// A support the projection knows, ready for feedback; returns its id.
    @discardableResult
    func knownSupport(slug: String = "stod-\(UUID().uuidString.prefix(8).lowercased())", url: String = "") async throws -> String {
        let id = try await publishSupport(slug: slug, url: url)
        try await eventually("the projection to know \(slug)") {
            try await count("SELECT count(*) FROM \(unescaped: service).catalog_supports WHERE id = \(id)") == 1
        }
        return id
    }

    func knownOrganisation(_ id: String, name: String) async throws {
        try await publishOrganisation(id: id, name: name)
        try await eventually("the projection to know \(id)") {
            try await count("SELECT count(*) FROM \(unescaped: service).catalog_organisations WHERE id = \(id)") == 1
        }
    }

    func count(_ sql: PostgresQuery) async throws -> Int {
        for try await n in try await database.query(sql, logger: LocalStack.logger).decode(Int.self) { return n }
        return -1
    }

    func deadLettered() async throws -> Int { try await managementCount("\(inbound).dlq") }
}

/// Test settings: a short wait for unknown supports, periods closed at once, quick rounds.
extension FeedbackConfiguration {
    static func forTests(retrySeconds: Int = 3) -> FeedbackConfiguration {
        var settings = FeedbackConfiguration()
        settings.unknownSupportRetry = .seconds(retrySeconds)
        settings.pendingCheckInterval = .milliseconds(300)
        settings.periodGrace = .zero
        settings.summaryInterval = .milliseconds(300)
        return settings
    }
}

func withFeedback(settings: FeedbackConfiguration = .forTests(), _ body: @Sendable (FeedbackUnderTest) async throws -> Void) async throws {
    try await withInProcessService({ name, rpcTopology in
        // Intake and catalog events under the test's own routing keys, so parallel tests never
        // take each other's messages.
        var topology = rpcTopology
        topology.addQuorumQueue("\(name).inbound", bindings: [("kl.inbound", "\(name).feedback.submitted.v1")])
        topology.addQuorumQueue("\(name).events", bindings: [("kl.events", "\(name).catalog.#")])
        return FeedbackDefinition.make(
            name: name, configuration: settings, queues: .init(inbound: "\(name).inbound", events: "\(name).events"),
            topology: topology)
    }) { service in
        let tap = try await EventTap(connection: service.consumer, bindingKey: "feedback.#", appID: "\(service.name)-service")
        try await whileRunning(tap) {
            try await body(
                FeedbackUnderTest(
                    service: service.name, client: service.client, events: tap, database: service.database,
                    broker: service.consumer, settings: settings))
        }
    }
}

typealias Submitted = Kunskapsloop_Feedback_V1_FeedbackSubmitted
typealias Recorded = Kunskapsloop_Feedback_V1_FeedbackRecorded
typealias Rejected = Kunskapsloop_Feedback_V1_FeedbackRejected
typealias Summary = Kunskapsloop_Feedback_V1_FeedbackSummary

extension Submitted {
    /// A valid helpfulness answer for `slug`, now; `tweak` changes what a test needs.
    static func valid(slug: String, _ tweak: (inout Submitted) -> Void = { _ in }) -> Submitted {
        var message = Submitted()
        message.knowledgeSupportSlug = slug
        message.kind = .helpfulness
        message.helpful = true
        message.respondentRole = .patient
        message.occurredAt = Google_Protobuf_Timestamp(date: Date())
        message.sourceSystem = "1177-web"
        tweak(&message)
        return message
    }
}

struct ExpectationFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
