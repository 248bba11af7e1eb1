import Contracts
import Domain
import Foundation
import ServiceRuntime
import Storage
import SwiftProtobuf

/// The catalog's events, as outbox rows: the one place they are built. Each carries the full
/// current state, so consumers keep their projections without calling back; consumers keep the
/// newest state by its `updated_at`, so an event that arrives late or twice changes nothing.
enum CatalogEvents {
    static var now: Google_Protobuf_Timestamp { Google_Protobuf_Timestamp(date: Date()) }

    /// An organisation created or changed; a move names the parent it had (`previousParentID`).
    static func organisationUpserted(_ organisation: OrganisationRecord, created: Bool, previousParentID: String?, actor: String) -> OutboxEvent {
        OutboxEvent(
            Kunskapsloop_Catalog_V1_OrganisationUpserted.with {
                $0.organisation = ProtoOrganisation(organisation)
                $0.created = created
                $0.previousParentID = previousParentID ?? ""
                $0.actor = actor
                $0.occurredAt = now
            }, routingKey: "catalog.organisation.upserted.v1")
    }

    static func published(_ support: ProtoSupport, actor: String) -> OutboxEvent {
        OutboxEvent(
            Kunskapsloop_Catalog_V1_KnowledgeSupportPublished.with {
                $0.knowledgeSupport = support
                $0.actor = actor
                $0.occurredAt = now
            }, routingKey: "catalog.knowledge_support.published.v1")
    }

    static func revised(_ support: ProtoSupport, previousVersion: Int, actor: String) -> OutboxEvent {
        OutboxEvent(
            Kunskapsloop_Catalog_V1_KnowledgeSupportRevised.with {
                $0.knowledgeSupport = support
                $0.previousVersion = Int32(previousVersion)
                $0.actor = actor
                $0.occurredAt = now
            }, routingKey: "catalog.knowledge_support.revised.v1")
    }

    /// A support retired; `dependents` use it as a building block, `replacedBy` is its replacement's id.
    static func retired(
        _ support: ProtoSupport, reason: String, replacedBy: String, dependents: [KnowledgeSupport.Reference], actor: String
    )
        -> OutboxEvent
    {
        OutboxEvent(
            Kunskapsloop_Catalog_V1_KnowledgeSupportRetired.with {
                $0.knowledgeSupport = support
                $0.reason = reason
                $0.replacedByID = replacedBy
                $0.dependentSupports = dependents.map(ProtoSupportRef.init)
                $0.actor = actor
                $0.occurredAt = now
            }, routingKey: "catalog.knowledge_support.retired.v1")
    }

    static func reviewDue(_ support: ProtoSupport, stage: KnowledgeSupport.ReviewStage, due: CivilDate, daysUntilDue: Int) -> OutboxEvent {
        OutboxEvent(
            Kunskapsloop_Catalog_V1_KnowledgeSupportReviewDue.with {
                $0.knowledgeSupport = support
                $0.stage = stage == .overdue ? .overdue : .approaching
                $0.reviewDueOn = ProtoDate(due)
                $0.daysUntilDue = Int32(daysUntilDue)
                $0.occurredAt = now
            }, routingKey: "catalog.knowledge_support.review_due.v1")
    }

    /// A unit's adoption recorded; `previous` is where it stood before (nil: no record).
    static func adoptionRecorded(
        _ adoption: AdoptionRecord, support: KnowledgeSupport.Reference, previous: KnowledgeSupportAdoption.Status?,
        unitAncestors: [String]
    ) -> OutboxEvent {
        OutboxEvent(
            Kunskapsloop_Catalog_V1_AdoptionRecorded.with {
                $0.adoption = ProtoAdoption(adoption)
                $0.knowledgeSupport = ProtoSupportRef(support)
                $0.previousStatus = previous?.contract ?? .unspecified
                $0.unitAncestorIds = unitAncestors
                $0.occurredAt = now
            }, routingKey: "catalog.adoption.recorded.v1")
    }
}
