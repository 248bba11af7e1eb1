import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import RPC
import Storage
import SwiftProtobuf

/// The catalog's events, each carrying the full current state so consumers keep their
/// projections without calling back.
enum CatalogEvents {
    static func event(_ message: some SwiftProtobuf.Message, routingKey: String) -> OutboxEvent {
        // Serialising a message we built ourselves cannot fail (no unset required fields in proto3).
        let body: [UInt8] = (try? message.serializedBytes()) ?? []
        return OutboxEvent(routingKey: routingKey, type: type(of: message).protoMessageName, body: body)
    }

    static var now: Google_Protobuf_Timestamp { Google_Protobuf_Timestamp(date: Date()) }

    static func organisationUpserted(_ org: ProtoOrganisation, created: Bool, previousParentID: String, actor: String) -> OutboxEvent {
        event(Kunskapsloop_Catalog_V1_OrganisationUpserted.with {
            $0.organisation = org
            $0.created = created
            $0.previousParentID = previousParentID
            $0.actor = actor
            $0.occurredAt = now
        }, routingKey: "catalog.organisation.upserted.v1")
    }

    static func published(_ support: ProtoSupport, actor: String) -> OutboxEvent {
        event(Kunskapsloop_Catalog_V1_KnowledgeSupportPublished.with {
            $0.knowledgeSupport = support
            $0.actor = actor
            $0.occurredAt = now
        }, routingKey: "catalog.knowledge_support.published.v1")
    }

    static func revised(_ support: ProtoSupport, previousVersion: Int32, actor: String) -> OutboxEvent {
        event(Kunskapsloop_Catalog_V1_KnowledgeSupportRevised.with {
            $0.knowledgeSupport = support
            $0.previousVersion = previousVersion
            $0.actor = actor
            $0.occurredAt = now
        }, routingKey: "catalog.knowledge_support.revised.v1")
    }

    static func retired(_ support: ProtoSupport, reason: String, replacedBy: String, dependents: [ProtoSupportRef], actor: String) -> OutboxEvent {
        event(Kunskapsloop_Catalog_V1_KnowledgeSupportRetired.with {
            $0.knowledgeSupport = support
            $0.reason = reason
            $0.replacedByID = replacedBy
            $0.dependentSupports = dependents
            $0.actor = actor
            $0.occurredAt = now
        }, routingKey: "catalog.knowledge_support.retired.v1")
    }

    static func reviewDue(_ support: ProtoSupport, stage: Kunskapsloop_Catalog_V1_ReviewDueStage, due: ProtoDate, daysUntilDue: Int) -> OutboxEvent {
        event(Kunskapsloop_Catalog_V1_KnowledgeSupportReviewDue.with {
            $0.knowledgeSupport = support
            $0.stage = stage
            $0.reviewDueOn = due
            $0.daysUntilDue = Int32(daysUntilDue)
            $0.occurredAt = now
        }, routingKey: "catalog.knowledge_support.review_due.v1")
    }

    static func adoptionRecorded(_ adoption: ProtoAdoption, support: ProtoSupportRef, previous: AdoptionStatus, unitAncestors: [String]) -> OutboxEvent {
        event(Kunskapsloop_Catalog_V1_AdoptionRecorded.with {
            $0.adoption = adoption
            $0.knowledgeSupport = support
            $0.previousStatus = previous
            $0.unitAncestorIds = unitAncestors
            $0.occurredAt = now
        }, routingKey: "catalog.adoption.recorded.v1")
    }
}
