import Domain
import SwiftProtobuf

// The catalog's domain values as its contracts carry them: what the catalog answers and
// announces. The other direction (contracts to domain) is in Catalog+Domain.swift.

extension Google_Protobuf_Timestamp {
    /// The instant, exactly (microseconds become nanoseconds).
    public init(_ instant: Instant) {
        self.init(seconds: instant.secondsSinceEpoch, nanos: Int32(instant.microsecondsOfSecond * 1000))
    }
}

extension Kunskapsloop_Catalog_V1_Organisation {
    public init(_ record: OrganisationRecord) {
        self.init()
        let organisation = record.organisation
        id = organisation.id
        name = organisation.name
        level = organisation.level.contract
        parentID = organisation.parentID ?? ""
        hsaID = organisation.hsaID ?? ""
        countyCode = organisation.countyCode ?? ""
        ancestorIds = record.ancestorIDs
        createdAt = Google_Protobuf_Timestamp(record.createdAt)
        updatedAt = Google_Protobuf_Timestamp(record.updatedAt)
    }
}

extension Kunskapsloop_Common_V1_OrganisationRef {
    public init(id: String, name: String, level: Organisation.Level) {
        self.init()
        self.id = id
        self.name = name
        self.level = level.contract
    }
}

extension Kunskapsloop_Catalog_V1_KnowledgeSupportRef {
    public init(_ reference: KnowledgeSupport.Reference) {
        self.init()
        id = reference.id
        slug = reference.slug
        title = reference.title
        kind = reference.kind.contract
        retired = reference.retired
    }
}

extension KnowledgeSupport.Link.Relation {
    /// nil for UNSPECIFIED and numbers this code does not know.
    public init?(_ relation: Kunskapsloop_Catalog_V1_LinkRelation) {
        switch relation {
        case .related: self = .related
        case .patientSupportOf: self = .patientSupportOf
        case .hasPatientSupport: self = .hasPatientSupport
        case .details: self = .details
        case .detailedBy: self = .detailedBy
        case .replaces: self = .replaces
        case .replacedBy: self = .replacedBy
        case .unspecified, .UNRECOGNIZED: return nil
        }
    }

    public var contract: Kunskapsloop_Catalog_V1_LinkRelation {
        switch self {
        case .related: .related
        case .patientSupportOf: .patientSupportOf
        case .hasPatientSupport: .hasPatientSupport
        case .details: .details
        case .detailedBy: .detailedBy
        case .replaces: .replaces
        case .replacedBy: .replacedBy
        }
    }
}

extension KnowledgeSupportAdoption.Status {
    /// nil for UNSPECIFIED and numbers this code does not know.
    public init?(_ status: Kunskapsloop_Catalog_V1_AdoptionStatus) {
        switch status {
        case .adopted: self = .adopted
        case .planned: self = .planned
        case .notApplicable: self = .notApplicable
        case .unspecified, .UNRECOGNIZED: return nil
        }
    }

    public var contract: Kunskapsloop_Catalog_V1_AdoptionStatus {
        switch self {
        case .adopted: .adopted
        case .planned: .planned
        case .notApplicable: .notApplicable
        }
    }
}

extension Kunskapsloop_Catalog_V1_KnowledgeSupport {
    /// The support as the catalog shows it, structure included. Audiences come in name order.
    public init(_ record: KnowledgeSupportRecord) {
        self.init()
        let support = record.support
        id = support.id
        slug = support.slug
        title = support.title
        summary = support.summary
        kind = support.kind.contract
        audiences = support.audiences.sorted { $0.rawValue < $1.rawValue }.map(\.contract)
        level = support.level.contract
        ownerOrganisation = Kunskapsloop_Common_V1_OrganisationRef(id: support.ownerOrganisationID, name: record.ownerName, level: record.ownerLevel)
        if let area = record.programmeArea {
            programmeArea = .with {
                $0.id = area.id
                $0.name = area.name
            }
        }
        status = support.status.contract
        version = Int32(support.version)
        url = support.url ?? ""
        tags = support.tags
        icd10Codes = support.icd10Codes
        if let date = support.publishedOn { publishedOn = Kunskapsloop_Common_V1_Date(date) }
        if let date = support.revisedOn { revisedOn = Kunskapsloop_Common_V1_Date(date) }
        if let date = support.reviewDueOn { reviewDueOn = Kunskapsloop_Common_V1_Date(date) }
        revisionNote = record.revisionNote
        createdAt = Google_Protobuf_Timestamp(record.createdAt)
        updatedAt = Google_Protobuf_Timestamp(record.updatedAt)
        buildingBlocks = record.buildingBlocks.map { block in
            .with {
                $0.knowledgeSupport = Kunskapsloop_Catalog_V1_KnowledgeSupportRef(block.support)
                $0.position = Int32(block.position)
            }
        }
        links = record.links.map { link in
            .with {
                $0.knowledgeSupport = Kunskapsloop_Catalog_V1_KnowledgeSupportRef(link.support)
                $0.relation = link.relation.contract
            }
        }
    }
}

extension Kunskapsloop_Catalog_V1_KnowledgeSupportDraft {
    /// The editable content of `support` (its id, status and dates other than review-due are
    /// not part of a draft). Audiences come in name order.
    public init(content support: KnowledgeSupport) {
        self.init()
        slug = support.slug
        title = support.title
        summary = support.summary
        kind = support.kind.contract
        audiences = support.audiences.sorted { $0.rawValue < $1.rawValue }.map(\.contract)
        level = support.level.contract
        ownerOrganisationID = support.ownerOrganisationID
        programmeAreaID = support.programmeAreaID ?? ""
        url = support.url ?? ""
        tags = support.tags
        icd10Codes = support.icd10Codes
        if let date = support.reviewDueOn { reviewDueOn = Kunskapsloop_Common_V1_Date(date) }
    }
}

extension Kunskapsloop_Catalog_V1_Adoption {
    public init(_ record: AdoptionRecord) {
        self.init()
        let adoption = record.adoption
        knowledgeSupportID = adoption.knowledgeSupportID
        knowledgeSupportVersion = Int32(record.knowledgeSupportVersion)
        unit = Kunskapsloop_Common_V1_OrganisationRef(id: adoption.organisationID, name: record.unitName, level: .unit)
        status = adoption.status.contract
        if let date = adoption.adoptedOn { adoptedOn = Kunskapsloop_Common_V1_Date(date) }
        if let date = adoption.plannedOn { plannedOn = Kunskapsloop_Common_V1_Date(date) }
        reason = record.reason
        recordedBy = record.recordedBy
        recordedAt = Google_Protobuf_Timestamp(record.recordedAt)
    }
}

extension Kunskapsloop_Catalog_V1_AdoptionTally {
    public init(_ tally: AdoptionTally) {
        self.init()
        adoptedCount = Int32(tally.adopted)
        plannedCount = Int32(tally.planned)
        notApplicableCount = Int32(tally.notApplicable)
        unrecordedCount = Int32(tally.unrecorded)
    }
}
