import Contracts
import Domain
import Foundation
import SwiftProtobuf

extension CatalogTransaction {
    /// Publishes a draft (version 1, `published`) or a revision (next version, `revised`): the
    /// working content goes in force, is frozen as a numbered version, and the event carries it.
    func publish(_ id: UUID, revisionNote: String, reviewDueOn override: ProtoDate, actor: String) async throws -> ProtoSupport {
        let locked = try await lock(id)
        _ = try Self.check(locked.status, .publish)
        let note = revisionNote.trimmingCharacters(in: .whitespacesAndNewlines)
        if locked.status == .underReview && note.isEmpty {
            throw CatalogError.invalid(field: "revision_note", "say what changed in this version (required when publishing a revision)")
        }
        let content = try DraftContent.validated(locked.working, forPublish: true)
        try await checkReferences(of: content)
        let today = try await store.today()
        let due: CivilDate
        do {
            if let chosen = try override.civilDate() {
                guard chosen > today else { throw CatalogError.invalid(field: "review_due_on", "the review-due date \(chosen) is not after today (\(today))") }
                due = chosen
            } else if let drafted = try content.reviewDueOn.civilDate(), drafted > today,
                locked.status == .draft || drafted != locked.live.reviewDueOn.civilDateOrNil
            {
                due = drafted
            } else {
                due = KnowledgeSupport.defaultReviewDue(publishedOn: today)
            }
        } catch let error as PeriodError {
            throw CatalogError.invalid(field: "review_due_on", "\(error)")
        }
        try await store.write(id, content: DraftContent.content(of: content, id: id))
        try await store.markPublished(id, note: note, today: today, due: due)
        let published = try await support(id)
        try await store.addVersion(id, Int(published.version), snapshot: try published.serializedBytes())
        emit(
            locked.version == 0
                ? CatalogEvents.published(published, actor: actor)
                : CatalogEvents.revised(published, previousVersion: locked.version, actor: actor))
        return published
    }

    /// Opens a revision beside the published version, which stays in force.
    func startRevision(_ id: UUID) async throws {
        let locked = try await lock(id)
        _ = try Self.check(locked.status, .startRevision)
        try await store.markUnderReview(id)
        try await save(working: LockedSupport(id: id, status: .underReview, version: locked.version, working: locked.live, live: locked.live))
    }

    /// Retires a support for good; a replacement gets a REPLACES link to it. The event names the
    /// supports that use it as a building block.
    func retire(_ id: UUID, reason: String, replacedBy: String, actor: String) async throws -> ProtoSupport {
        let replacement = replacedBy.isEmpty ? nil : try Self.uuid(replacedBy, field: "replaced_by_id")
        guard replacement != id else { throw CatalogError.invalid(field: "replaced_by_id", "a support cannot replace itself") }
        // With a replacement both rows are locked: it cannot be retired while it is named.
        let locked = if let replacement { try await lock(id, alongWith: replacement, otherField: "replaced_by_id") } else { try await lock(id) }
        _ = try Self.check(locked.status, .retire)
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !why.isEmpty else { throw CatalogError.invalid(field: "reason", "say why the support is retired") }
        if let replacement {
            let ref = try await reference(replacement, field: "replaced_by_id")
            guard !ref.retired else { throw CatalogError.precondition("the replacement '\(ref.slug)' is retired itself") }
            _ = try await store.deleteLinks(between: replacement, id)
            try await store.insertLink(replacement, id, relation: .replaces)
            try await store.touch([replacement])
        }
        try await store.markRetired(id)
        let dependents = try await store.dependents(of: id)
        let retired = try await support(id)
        emit(CatalogEvents.retired(retired, reason: why, replacedBy: replacedBy.lowercased(), dependents: dependents, actor: actor))
        return retired
    }
}

extension Kunskapsloop_Common_V1_Date {
    var civilDateOrNil: CivilDate? { (try? civilDate()) ?? nil }
}
