import Contracts
import Domain
import Foundation
import Messaging
import RPC
import SwiftProtobuf

/// A support's row, locked for a change: its state and the content an editor works on.
struct LockedSupport: Sendable {
    let id: UUID
    let status: KnowledgeSupport.Status
    /// The latest published version; 0 before the first.
    let version: Int
    /// The draft, or while under review the next version's content.
    var working: ProtoDraft
    /// The content in force (equal to `working` for a draft).
    let live: ProtoDraft
}

extension CatalogTransaction {
    /// Creates a draft (status DRAFT, version 0).
    func createDraft(_ input: ProtoDraft) async throws -> UUID {
        let draft = try DraftContent.validated(input)
        try await checkReferences(of: draft)
        let id = UUID()
        try await store.insertDraft(id, DraftContent.content(of: draft, id: id))
        return id
    }

    /// Applies `input` (the fields in `mask`, all when empty) to a draft or to the revision of a
    /// support under review.
    func updateDraft(_ id: UUID, _ input: ProtoDraft, mask: [String]) async throws {
        var locked = try await lock(id)
        _ = try Self.check(locked.status, .edit)
        var next = locked.working
        try DraftContent.apply(input, to: &next, mask: mask)
        if locked.version > 0 && next.slug != locked.live.slug && !next.slug.isEmpty {
            throw CatalogError.invalid(field: "draft.slug", "the slug of a published support never changes (it is '\(locked.live.slug)')")
        }
        if next.slug.isEmpty { next.slug = locked.live.slug }
        next = try DraftContent.validated(next)
        try await checkReferences(of: next)
        locked.working = next
        try await save(working: locked)
    }

    /// Locks two supports' rows in a fixed order (so two transactions locking the same pair
    /// cannot deadlock) and returns the first's state; NOT_FOUND names the missing one's field.
    /// A change that depends on the other support (retired or not) then cannot interleave with
    /// that support's own change.
    func lock(_ id: UUID, field: String = "id", alongWith other: UUID, otherField: String) async throws -> LockedSupport {
        if other.uuidString < id.uuidString { _ = try await lock(other, field: otherField) }
        let locked = try await lock(id, field: field)
        if other.uuidString > id.uuidString { _ = try await lock(other, field: otherField) }
        return locked
    }

    /// Locks the row and reads its state, or NOT_FOUND.
    func lock(_ id: UUID, field: String = "id") async throws -> LockedSupport {
        guard let state = try await store.lock(id) else { throw CatalogError.unknownSupport(id.lowercasedString, field: field) }
        let live = ProtoDraft(content: state.content)
        let working = try state.revisionDraft.map { try ProtoDraft(serializedBytes: $0) } ?? live
        return LockedSupport(id: id, status: state.status, version: state.version, working: working, live: live)
    }

    /// Writes the working content: into the columns for a draft, beside them while under review.
    func save(working locked: LockedSupport) async throws {
        if locked.status == .underReview {
            try await store.write(locked.id, revisionDraft: try locked.working.serializedBytes())
        } else {
            try await store.write(locked.id, content: DraftContent.content(of: locked.working, id: locked.id))
        }
    }

    /// The owner exists at the support's level, and the programme area exists.
    func checkReferences(of draft: ProtoDraft) async throws {
        let owner = try await organisationRef(draft.ownerOrganisationID, field: "draft.owner_organisation_id")
        guard owner.level == draft.level else {
            throw CatalogError.invalid(
                field: "draft.owner_organisation_id",
                "'\(owner.name)' is at level \(Self.words(owner.level)); a support at level \(Self.words(draft.level)) needs an owner at that level")
        }
        if !draft.programmeAreaID.isEmpty { _ = try await programmeAreaRef(draft.programmeAreaID) }
    }

    /// The state after `action`, or FAILED_PRECONDITION naming the state.
    static func check(_ status: KnowledgeSupport.Status, _ action: KnowledgeSupport.Action) throws(CatalogError) -> KnowledgeSupport.Status {
        do {
            return try status.applying(action)
        } catch {
            throw .lifecycle(error)
        }
    }

    static func words(_ level: Kunskapsloop_Common_V1_OrganisationLevel) -> String {
        Organisation.Level(level)?.words ?? "unspecified"
    }

    /// A UUID from a request field, or INVALID_ARGUMENT naming it.
    static func uuid(_ text: String, field: String) throws(CatalogError) -> UUID {
        guard !text.isEmpty else { throw .invalid(field: field, "an id is required") }
        guard let id = UUID(uuidString: text) else { throw .invalid(field: field, "\(quoted(text)) is not a knowledge-support id (a UUID)") }
        return id
    }
}
