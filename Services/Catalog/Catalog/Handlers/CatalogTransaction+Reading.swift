import Contracts
import Domain
import Foundation
import Messaging
import RPC
import SwiftProtobuf

extension CatalogTransaction {
    /// Supports as their contract messages, with owner, programme area, building blocks and links
    /// (from both ends), in the order of `ids`; unknown ids are left out.
    /// - Parameter working: show a revision in progress instead of the version in force.
    func supports(_ ids: [UUID], working: Bool = false) async throws -> [ProtoSupport] {
        let rows = try await store.supports(ids)
        var result: [ProtoSupport] = []
        for id in ids {
            if let row = rows[id] { result.append(try await shown(row, working: working)) }
        }
        return result
    }

    /// One support by id or slug, as `supports` shows it, with its published version numbers
    /// (ascending).
    func supportWithVersions(id: UUID?, slug: String?, working: Bool) async throws -> (support: ProtoSupport, versions: [Int32])? {
        let row = if let id { try await store.supports([id])[id] } else { try await store.support(slug: slug ?? "") }
        guard let row else { return nil }
        return (try await shown(row, working: working), row.record.publishedVersions.map(Int32.init))
    }

    /// One support by id, or NOT_FOUND.
    func support(_ id: UUID, working: Bool = false) async throws -> ProtoSupport {
        guard let support = try await supports([id], working: working).first else { throw CatalogError.unknownSupport(id.lowercasedString) }
        return support
    }

    /// A short reference to one support, or NOT_FOUND naming `field`.
    func reference(_ id: UUID, field: String) async throws -> KnowledgeSupport.Reference {
        guard let reference = try await store.reference(id) else { throw CatalogError.unknownSupport(id.lowercasedString, field: field) }
        return reference
    }

    func organisationRef(_ id: String, field: String = "owner_organisation_id") async throws -> Kunskapsloop_Common_V1_OrganisationRef {
        guard let record = try await store.organisation(id) else { throw CatalogError.unknownOrganisation(id, field: field) }
        return Kunskapsloop_Common_V1_OrganisationRef(id: record.id, name: record.organisation.name, level: record.organisation.level)
    }

    func programmeAreaRef(_ id: String, field: String = "draft.programme_area_id") async throws -> Kunskapsloop_Common_V1_ProgrammeAreaRef {
        guard let area = try await store.programmeArea(id) else {
            throw CatalogError.notFound(field: field, "no programme area with id \(quoted(id)); `kl catalog areas` lists them")
        }
        return .with {
            $0.id = area.id
            $0.name = area.name
        }
    }

    /// The support as shown: the version in force, or with `working` the revision in progress
    /// over it (its owner's and programme area's names looked up).
    private func shown(_ row: LoadedSupport, working: Bool) async throws -> ProtoSupport {
        var support = ProtoSupport(row.record)
        if working, let bytes = row.revisionDraft {
            let draft = try ProtoDraft(serializedBytes: bytes)
            support.slug = draft.slug
            support.title = draft.title
            support.summary = draft.summary
            support.kind = draft.kind
            support.audiences = draft.audiences
            support.level = draft.level
            support.url = draft.url
            support.tags = draft.tags
            support.icd10Codes = draft.icd10Codes
            if draft.hasReviewDueOn { support.reviewDueOn = draft.reviewDueOn }
            if draft.ownerOrganisationID != support.ownerOrganisation.id {
                support.ownerOrganisation = try await organisationRef(draft.ownerOrganisationID)
            }
            if draft.programmeAreaID != support.programmeArea.id {
                support.clearProgrammeArea()
                if !draft.programmeAreaID.isEmpty { support.programmeArea = try await programmeAreaRef(draft.programmeAreaID) }
            }
        }
        return support
    }
}
