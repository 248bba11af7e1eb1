import Catalog
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

/// A catalog running in-process on a scratch schema of its own, with its own RPC routing prefix,
/// talking to the real database and broker: tests run side by side without seeing each other.
struct CatalogUnderTest: Sendable {
    let service: String
    let client: RPCClient
    let events: EventTap
    let database: PostgresClient

    func call<Response: SwiftProtobuf.Message>(
        _ method: String, _ request: some SwiftProtobuf.Message, returning: Response.Type = Response.self
    ) async throws(RPCError) -> Response {
        try await client.call("\(service).\(method)", request, returning: Response.self, timeout: .seconds(15))
    }

    /// The review-due job's work over this catalog's schema, as a second replica would run it.
    func scheduler(windowDays: Int = 30) throws -> ReviewDueCheck {
        ReviewDueCheck(
            database: try Database(client: database, schema: service, logger: LocalStack.logger), windowDays: windowDays,
            eventPrefix: "\(service).")
    }
}

func withCatalog(_ body: @Sendable (CatalogUnderTest) async throws -> Void) async throws {
    // Events go out as `<name>.catalog.…`, so the real services' queues never see a test's catalog.
    try await withInProcessService({ name, topology in CatalogDefinition.make(name: name, topology: topology, eventPrefix: "\(name).") }) { service in
        let tap = try await EventTap(connection: service.consumer, bindingKey: "\(service.name).catalog.#", prefix: "\(service.name).")
        try await whileRunning(tap) {
            try await body(CatalogUnderTest(service: service.name, client: service.client, events: tap, database: service.database))
        }
    }
}

// Short names for the contracts the tests use most.
typealias Draft = Kunskapsloop_Catalog_V1_KnowledgeSupportDraft
typealias Support = Kunskapsloop_Catalog_V1_KnowledgeSupport
typealias CreateDraft = Kunskapsloop_Catalog_V1_CreateDraftRequest
typealias CreateDraftResponse = Kunskapsloop_Catalog_V1_CreateDraftResponse
typealias Publish = Kunskapsloop_Catalog_V1_PublishKnowledgeSupportRequest
typealias PublishResponse = Kunskapsloop_Catalog_V1_PublishKnowledgeSupportResponse
typealias GetSupport = Kunskapsloop_Catalog_V1_GetKnowledgeSupportRequest
typealias GetSupportResponse = Kunskapsloop_Catalog_V1_GetKnowledgeSupportResponse
typealias Search = Kunskapsloop_Catalog_V1_SearchKnowledgeSupportsRequest
typealias SearchResponse = Kunskapsloop_Catalog_V1_SearchKnowledgeSupportsResponse
typealias Upsert = Kunskapsloop_Catalog_V1_UpsertOrganisationRequest
typealias UpsertResponse = Kunskapsloop_Catalog_V1_UpsertOrganisationResponse

extension CatalogUnderTest {
    /// A valid draft; `tweak` changes what a test needs.
    static func draft(_ title: String, kind: Kunskapsloop_Catalog_V1_KnowledgeSupportKind = .carePathway, _ tweak: (inout Draft) -> Void = { _ in }) -> Draft {
        var d = Draft()
        d.title = title
        d.summary = "Om \(title.lowercased())."
        d.kind = kind
        d.audiences = [.professionals]
        d.level = .national
        d.ownerOrganisationID = "SE"
        tweak(&d)
        return d
    }

    func create(_ draft: Draft) async throws -> Support {
        try await call(
            "CreateDraft",
            CreateDraft.with {
                $0.draft = draft
                $0.actor = "test"
            }, returning: CreateDraftResponse.self
        ).knowledgeSupport
    }

    func publish(_ id: String, note: String = "") async throws -> Support {
        try await call(
            "PublishKnowledgeSupport",
            Publish.with {
                $0.id = id
                $0.revisionNote = note
                $0.actor = "test"
            }, returning: PublishResponse.self
        ).knowledgeSupport
    }

    func createPublished(_ draft: Draft) async throws -> Support {
        try await publish(try await create(draft).id)
    }

    func get(_ id: String, version: Int32? = nil) async throws -> GetSupportResponse {
        try await call(
            "GetKnowledgeSupport",
            GetSupport.with {
                $0.id = id
                if let version { $0.version = version }
            }, returning: GetSupportResponse.self)
    }

    func search(_ tweak: (inout Search) -> Void) async throws -> SearchResponse {
        var request = Search()
        tweak(&request)
        return try await call("SearchKnowledgeSupports", request, returning: SearchResponse.self)
    }

    /// Returns once every event the catalog wrote before the call has arrived: it makes a marker
    /// (a new unit) and waits for its event, which the outbox publishes after theirs. The way to
    /// see that nothing else arrived, without sleeping.
    func barrier() async throws {
        let marker = try await unit("Markör \(UUID().uuidString.prefix(8))", under: "SE-01")
        _ = try await events.first("catalog.organisation.upserted.v1", Kunskapsloop_Catalog_V1_OrganisationUpserted.self) {
            $0.organisation.id == marker.id
        }
    }

    func unit(_ name: String, under parent: String) async throws -> Kunskapsloop_Catalog_V1_Organisation {
        try await call(
            "UpsertOrganisation",
            Upsert.with {
                $0.organisation.name = name
                $0.organisation.level = .unit
                $0.organisation.parentID = parent
                $0.actor = "test"
            }, returning: UpsertResponse.self
        ).organisation
    }
}

/// Expects `body` to fail with `code`, and returns the error for more checks.
@discardableResult
func expectFailure(_ code: StatusCode, _ body: () async throws -> Void) async throws -> RPCError {
    do {
        try await body()
    } catch let error as RPCError {
        guard error.code == code else { throw ExpectationFailure("expected \(code.name), got \(error)") }
        return error
    }
    throw ExpectationFailure("expected \(code.name), but the call succeeded")
}

struct ExpectationFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
