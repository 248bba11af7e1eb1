import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import RPC
import Storage
import SwiftProtobuf

/// A support's row, locked for a change: its state and the content an editor works on.
struct LockedSupport: Sendable {
    let id: UUID
    let status: KnowledgeSupport.Status
    let version: Int32
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
        do {
            try await query("""
                INSERT INTO \(unescaped: table("knowledge_supports"))
                    (id, slug, title, summary, kind, audiences, level, owner_organisation_id, programme_area_id,
                     status, url, tags, icd10_codes, review_due_on)
                VALUES (\(id), \(draft.slug), \(draft.title), \(draft.summary), \(Self.kind(draft)), \(Self.audiences(draft)),
                        \(Self.level(draft)), \(draft.ownerOrganisationID), \(Self.nonEmpty(draft.programmeAreaID)),
                        'draft', \(draft.url), \(draft.tags), \(draft.icd10Codes), DATE '1970-01-01' + \(Self.days(draft.reviewDueOn))::int)
                """)
        } catch where isUniqueViolation(error, constraint: "knowledge_supports_slug_key") {
            throw CatalogError.alreadyExists(field: "draft.slug", "the slug '\(draft.slug)' is taken; choose another")
        }
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
        try await store(working: locked)
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
        let rows = try await query("""
            SELECT status, version, slug, title, summary, kind, audiences, level, owner_organisation_id, programme_area_id,
                   url, tags, icd10_codes, review_due_on - DATE '1970-01-01' AS review_due_on, revision_draft
            FROM \(unescaped: table("knowledge_supports")) WHERE id = \(id) FOR UPDATE
            """)
        for try await row in rows {
            let r = row.makeRandomAccess()
            var live = ProtoDraft()
            live.slug = try r["slug"].decode(String.self)
            live.title = try r["title"].decode(String.self)
            live.summary = try r["summary"].decode(String.self)
            live.kind = KnowledgeSupport.Kind(rawValue: try r["kind"].decode(String.self))?.contract ?? .other
            live.audiences = try r["audiences"].decode([String].self).compactMap { KnowledgeSupport.Audience(rawValue: $0)?.contract }
            live.level = Organisation.Level(rawValue: try r["level"].decode(String.self))?.contract ?? .unspecified
            live.ownerOrganisationID = try r["owner_organisation_id"].decode(String.self)
            live.programmeAreaID = try r["programme_area_id"].decode(String?.self) ?? ""
            live.url = try r["url"].decode(String.self)
            live.tags = try r["tags"].decode([String].self)
            live.icd10Codes = try r["icd10_codes"].decode([String].self)
            if let days = try r["review_due_on"].decode(Int?.self) { live.reviewDueOn = ProtoDate(CivilDate(daysSinceEpoch: days)) }
            let status = KnowledgeSupport.Status(rawValue: try r["status"].decode(String.self)) ?? .draft
            var working = live
            if let bytes = try r["revision_draft"].decode(ByteBuffer?.self) {
                working = try ProtoDraft(serializedBytes: Array(buffer: bytes))
            }
            return LockedSupport(id: id, status: status, version: try r["version"].decode(Int32.self), working: working, live: live)
        }
        throw CatalogError.unknownSupport(id.uuidString.lowercased(), field: field)
    }

    /// Writes the working content: into the columns for a draft, beside them while under review.
    func store(working locked: LockedSupport) async throws {
        if locked.status == .underReview {
            let bytes = ByteBuffer(bytes: try locked.working.serializedBytes() as [UInt8])
            try await query("""
                UPDATE \(unescaped: table("knowledge_supports")) SET revision_draft = \(bytes), updated_at = greatest(clock_timestamp(), updated_at + interval '1 microsecond') WHERE id = \(locked.id)
                """)
        } else {
            try await writeColumns(locked.id, locked.working)
        }
    }

    /// Makes `draft` the content in force (columns) of support `id`.
    func writeColumns(_ id: UUID, _ draft: ProtoDraft) async throws {
        do {
            try await query("""
                UPDATE \(unescaped: table("knowledge_supports")) SET
                    slug = \(draft.slug), title = \(draft.title), summary = \(draft.summary), kind = \(Self.kind(draft)),
                    audiences = \(Self.audiences(draft)), level = \(Self.level(draft)), owner_organisation_id = \(draft.ownerOrganisationID),
                    programme_area_id = \(Self.nonEmpty(draft.programmeAreaID)), url = \(draft.url), tags = \(draft.tags),
                    icd10_codes = \(draft.icd10Codes), review_due_on = DATE '1970-01-01' + \(Self.days(draft.reviewDueOn))::int,
                    updated_at = greatest(clock_timestamp(), updated_at + interval '1 microsecond')
                WHERE id = \(id)
                """)
        } catch where isUniqueViolation(error, constraint: "knowledge_supports_slug_key") {
            throw CatalogError.alreadyExists(field: "draft.slug", "the slug '\(draft.slug)' is taken; choose another")
        }
    }

    /// The owner exists at the support's level, and the programme area exists.
    func checkReferences(of draft: ProtoDraft) async throws {
        let owner = try await organisationRef(draft.ownerOrganisationID, field: "draft.owner_organisation_id")
        guard owner.level == draft.level else {
            throw CatalogError.invalid(field: "draft.owner_organisation_id",
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

    static func kind(_ d: ProtoDraft) -> String { KnowledgeSupport.Kind(d.kind)?.rawValue ?? "other" }
    static func level(_ d: ProtoDraft) -> String { Organisation.Level(d.level)?.rawValue ?? "unit" }
    static func audiences(_ d: ProtoDraft) -> [String] { Array(Set(d.audiences.compactMap { KnowledgeSupport.Audience($0)?.rawValue })).sorted() }
    static func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }
    static func days(_ date: ProtoDate) -> Int? { (try? date.civilDate())?.daysSinceEpoch }
    static func words(_ level: Kunskapsloop_Common_V1_OrganisationLevel) -> String {
        Organisation.Level(level)?.rawValue.replacingOccurrences(of: "_", with: " ") ?? "unspecified"
    }
}
