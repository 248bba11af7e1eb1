import Domain
import Foundation

extension Organisation {
    /// The catalog's organisation as the domain value; nil when its level is not one the domain
    /// knows (a contract newer than this build) or it has no id.
    public init?(_ organisation: Kunskapsloop_Catalog_V1_Organisation) {
        guard !organisation.id.isEmpty, let level = Organisation.Level(organisation.level) else { return nil }
        self.init(
            id: organisation.id, name: organisation.name, level: level,
            parentID: organisation.parentID.isEmpty ? nil : organisation.parentID,
            countyCode: organisation.countyCode.isEmpty ? nil : organisation.countyCode,
            hsaID: organisation.hsaID.isEmpty ? nil : organisation.hsaID)
    }
}

extension KnowledgeSupport {
    /// The catalog's knowledge support as the domain value (without its structure); nil when it
    /// has no id or a kind, level or status the domain does not know.
    public init?(_ support: Kunskapsloop_Catalog_V1_KnowledgeSupport) {
        guard !support.id.isEmpty, let kind = KnowledgeSupport.Kind(support.kind), let level = Organisation.Level(support.level),
            let status = KnowledgeSupport.Status(support.status)
        else { return nil }
        self.init(
            id: support.id.lowercased(), slug: support.slug, title: support.title, summary: support.summary, kind: kind,
            audiences: Set(support.audiences.compactMap(KnowledgeSupport.Audience.init)), level: level,
            ownerOrganisationID: support.ownerOrganisation.id,
            programmeAreaID: support.hasProgrammeArea && !support.programmeArea.id.isEmpty ? support.programmeArea.id : nil,
            status: status, version: Int(support.version), url: support.url.isEmpty ? nil : support.url,
            tags: support.tags, icd10Codes: support.icd10Codes,
            publishedOn: support.hasPublishedOn ? (try? support.publishedOn.civilDate()) ?? nil : nil,
            revisedOn: support.hasRevisedOn ? (try? support.revisedOn.civilDate()) ?? nil : nil,
            reviewDueOn: support.hasReviewDueOn ? (try? support.reviewDueOn.civilDate()) ?? nil : nil)
    }
}

extension KnowledgeSupportAdoption {
    /// The catalog's adoption record as the domain value; nil without a support, a unit or a
    /// known status.
    public init?(_ adoption: Kunskapsloop_Catalog_V1_Adoption) {
        let status: Status
        switch adoption.status {
        case .adopted: status = .adopted
        case .planned: status = .planned
        case .notApplicable: status = .notApplicable
        case .unspecified, .UNRECOGNIZED: return nil
        }
        guard !adoption.knowledgeSupportID.isEmpty, !adoption.unit.id.isEmpty else { return nil }
        self.init(
            knowledgeSupportID: adoption.knowledgeSupportID.lowercased(), organisationID: adoption.unit.id, status: status,
            adoptedOn: adoption.hasAdoptedOn ? (try? adoption.adoptedOn.civilDate()) ?? nil : nil,
            plannedOn: adoption.hasPlannedOn ? (try? adoption.plannedOn.civilDate()) ?? nil : nil)
    }
}
