import Contracts
import Domain
import Foundation
import Messaging
import Storage

extension CatalogTransaction {
    /// Creates or changes an organisation; a new parent moves it with its whole subtree. Emits
    /// `organisation.upserted` for it and for every moved descendant; an unchanged one emits
    /// nothing. Where an organisation may sit (levels, parents, cycles) is `OrganisationHierarchy`'s
    /// rule, applied to the part of the tree the change touches.
    func upsertOrganisation(_ input: ProtoOrganisation, actor: String) async throws -> (OrganisationRecord, created: Bool) {
        let name = input.name.trimmingCharacters(in: .whitespacesAndNewlines)
        try refusing { () throws(OrganisationError) in try Organisation.validate(name: name) }
        guard let level = Organisation.Level(input.level) else {
            throw CatalogError.invalid(field: "organisation.level", "set a level: national, healthcare region, region or unit")
        }
        let organisation = Organisation(
            id: input.id.isEmpty ? UUID().lowercasedString : input.id, name: name, level: level, parentID: input.parentID.isEmpty ? nil : input.parentID,
            countyCode: input.countyCode.isEmpty ? nil : input.countyCode, hsaID: input.hsaID.isEmpty ? nil : input.hsaID)
        try refusing { () throws(OrganisationError) in try organisation.validate() }
        let id = organisation.id
        if level.allowedParentLevels.isEmpty, organisation.parentID != nil {
            throw CatalogError.invalid(field: "organisation.parent_id", "the national root has no parent")
        }

        // Held to the end of the transaction: the tree changes one change at a time.
        try await store.lockOrganisations()
        let existing = try await store.organisation(id)
        var parent: OrganisationRecord?
        if let parentID = organisation.parentID {
            guard let found = try await store.organisation(parentID) else {
                throw CatalogError.unknownOrganisation(parentID, field: "organisation.parent_id")
            }
            parent = found
        }
        // The paths from the root to the organisation as it is and to its new parent: every
        // organisation the rules look at.
        let path = Set((existing.map { $0.ancestorIDs + [$0.id] } ?? []) + (parent.map { $0.ancestorIDs + [$0.id] } ?? []))
        let known = try await store.organisations(Array(path)).map(\.organisation)
        do {
            _ = try OrganisationHierarchy(known).inserting(organisation)
        } catch {
            throw refusal(error, organisation, existing: existing?.organisation, parent: parent?.organisation)
        }
        if level == .national && existing == nil {
            throw CatalogError.precondition("the catalog has its national root already; add healthcare regions, regions or units under it")
        }
        if let existing, existing.organisation == organisation { return (existing, false) }

        let ancestors = parent.map { $0.ancestorIDs + [$0.id] } ?? []
        try await store.upsert(organisation, ancestors: ancestors)
        guard let stored = try await store.organisation(id) else {
            throw StorageError(.handlerFailed, "the organisation '\(id)' just written cannot be read back")
        }
        let previousParent = existing?.organisation.parentID
        let moved = existing != nil && previousParent != organisation.parentID
        emit(CatalogEvents.organisationUpserted(stored, created: existing == nil, previousParentID: moved ? previousParent : nil, actor: actor))
        if moved {
            for descendant in try await store.moveSubtree(of: id, under: ancestors) {
                emit(CatalogEvents.organisationUpserted(descendant, created: false, previousParentID: nil, actor: actor))
            }
        }
        return (stored, existing == nil)
    }

    private func refusing(_ check: () throws(OrganisationError) -> Void) throws(CatalogError) {
        do {
            try check()
        } catch {
            switch error.code {
            case .invalidID: throw .invalid(field: "organisation.id", error.message)
            case .misplacedHSAID: throw .invalid(field: "organisation.hsa_id", error.message)
            case .invalidCountyCode: throw .invalid(field: "organisation.county_code", error.message)
            default: throw .invalid(field: "organisation.name", error.message)
            }
        }
    }

    /// What the hierarchy's refusal of `organisation` means to the editor, naming the field.
    private func refusal(_ error: OrganisationError, _ organisation: Organisation, existing: Organisation?, parent: Organisation?) -> any Error {
        guard error.organisationID == organisation.id else {
            return StorageError(.handlerFailed, "the catalog's tree is inconsistent around '\(error.organisationID)': \(error.message)")
        }
        let (id, level) = (organisation.id, organisation.level)
        switch error.code {
        case .levelChange:
            return CatalogError.invalid(
                field: "organisation.level",
                "the level of '\(id)' is \(existing?.level.words ?? "another") and cannot change; create a new organisation instead")
        case .cycle:
            return CatalogError.invalid(field: "organisation.parent_id", "'\(parent?.id ?? "")' lies within '\(id)'; moving it there would make a cycle")
        case .wrongParentLevel:
            return CatalogError.invalid(
                field: "organisation.parent_id",
                "a \(level.words) cannot sit under a \(parent?.level.words ?? "organisation of that level")")
        case .missingParent:
            return CatalogError.invalid(field: "organisation.parent_id", "a \(level.words) needs a parent")
        case .unknownParent:
            return CatalogError.unknownOrganisation(organisation.parentID ?? "", field: "organisation.parent_id")
        default:
            return CatalogError.invalid(field: "organisation", error.message)
        }
    }
}
