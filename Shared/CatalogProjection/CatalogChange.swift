import Contracts
import Domain
import Foundation
import Messaging
import SwiftProtobuf

/// A catalog event as the projection read it: what it says happened, in domain values.
public enum CatalogChange: Sendable {
    /// An organisation was created, renamed or moved (a move announces every organisation of the
    /// moved subtree). `previousParentID` is set on a move.
    case organisation(Organisation, ancestorIDs: [String], previousParentID: String?, updatedAt: Date)
    /// A knowledge support was published, revised, retired or came due for review.
    case support(KnowledgeSupport, SupportEvent, updatedAt: Date)
    /// A unit's adoption of a support was recorded.
    case adoption(KnowledgeSupportAdoption, recordedAt: Date)
    /// An event the projection does not keep.
    case other

    public enum SupportEvent: Sendable, Hashable {
        case published, revised, retired
        case reviewDue(overdue: Bool, dueOn: CivilDate?)
    }

    /// Reads a delivery by its AMQP type.
    /// - Throws: `CatalogEventError` when a known event cannot be read.
    public init(_ delivery: Delivery) throws(CatalogEventError) {
        let type = delivery.properties.type ?? ""
        do {
            switch type {
            case Kunskapsloop_Catalog_V1_OrganisationUpserted.protoMessageName:
                let event = try Kunskapsloop_Catalog_V1_OrganisationUpserted(serializedBytes: delivery.body)
                guard let organisation = Organisation(event.organisation) else { throw CatalogEventError(type: type, "no id or an unknown level") }
                self = .organisation(
                    organisation, ancestorIDs: event.organisation.ancestorIds,
                    previousParentID: event.previousParentID.isEmpty ? nil : event.previousParentID,
                    updatedAt: Self.time(event.organisation.updatedAt, event.organisation.hasUpdatedAt))
            case Kunskapsloop_Catalog_V1_KnowledgeSupportPublished.protoMessageName:
                self = try Self.support(
                    try Kunskapsloop_Catalog_V1_KnowledgeSupportPublished(serializedBytes: delivery.body).knowledgeSupport,
                    .published, type)
            case Kunskapsloop_Catalog_V1_KnowledgeSupportRevised.protoMessageName:
                self = try Self.support(
                    try Kunskapsloop_Catalog_V1_KnowledgeSupportRevised(serializedBytes: delivery.body).knowledgeSupport,
                    .revised, type)
            case Kunskapsloop_Catalog_V1_KnowledgeSupportRetired.protoMessageName:
                self = try Self.support(
                    try Kunskapsloop_Catalog_V1_KnowledgeSupportRetired(serializedBytes: delivery.body).knowledgeSupport,
                    .retired, type)
            case Kunskapsloop_Catalog_V1_KnowledgeSupportReviewDue.protoMessageName:
                let event = try Kunskapsloop_Catalog_V1_KnowledgeSupportReviewDue(serializedBytes: delivery.body)
                let due = event.hasReviewDueOn ? (try? event.reviewDueOn.civilDate()) ?? nil : nil
                self = try Self.support(event.knowledgeSupport, .reviewDue(overdue: event.stage == .overdue, dueOn: due), type)
            case Kunskapsloop_Catalog_V1_AdoptionRecorded.protoMessageName:
                let event = try Kunskapsloop_Catalog_V1_AdoptionRecorded(serializedBytes: delivery.body)
                guard let adoption = KnowledgeSupportAdoption(event.adoption) else { throw CatalogEventError(type: type, "no support, unit or status") }
                self = .adoption(adoption, recordedAt: Self.time(event.adoption.recordedAt, event.adoption.hasRecordedAt))
            default:
                self = .other
            }
        } catch let error as CatalogEventError {
            throw error
        } catch {
            throw CatalogEventError(type: type, "undecodable: \(error)")
        }
    }

    private static func support(
        _ support: Kunskapsloop_Catalog_V1_KnowledgeSupport, _ event: SupportEvent, _ type: String
    ) throws(CatalogEventError) -> CatalogChange {
        guard let domain = KnowledgeSupport(support) else { throw CatalogEventError(type: type, "no id, or an unknown kind, level or status") }
        return .support(domain, event, updatedAt: time(support.updatedAt, support.hasUpdatedAt))
    }

    /// Events without a time sort before every timed one.
    private static func time(_ timestamp: Google_Protobuf_Timestamp, _ present: Bool) -> Date {
        present ? timestamp.date : Date(timeIntervalSince1970: 0)
    }
}

/// A catalog event that cannot be read; the consumer rejects it (the dead-letter queue keeps it).
public struct CatalogEventError: Error, Sendable, CustomStringConvertible {
    public let type: String
    public let problem: String

    init(type: String, _ problem: String) {
        self.type = type
        self.problem = problem
    }

    public var description: String { "\(type): \(problem)" }
}
