import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import RPC
import Storage
import SwiftProtobuf

extension CatalogTransaction {
    /// Today in Sweden, by the database's clock.
    func today() async throws -> CivilDate {
        let days = try await count("SELECT (now() AT TIME ZONE 'Europe/Stockholm')::date - DATE '1970-01-01'")
        return CivilDate(daysSinceEpoch: days)
    }

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
        let today = try await today()
        let due: CivilDate
        do {
            if let chosen = try override.civilDate() {
                guard chosen > today else { throw CatalogError.invalid(field: "review_due_on", "the review-due date \(chosen) is not after today (\(today))") }
                due = chosen
            } else if let drafted = try content.reviewDueOn.civilDate(), drafted > today, locked.status == .draft || drafted != locked.live.reviewDueOn.civilDateOrNil {
                due = drafted
            } else {
                due = KnowledgeSupport.defaultReviewDue(publishedOn: today)
            }
        } catch let error as PeriodError {
            throw CatalogError.invalid(field: "review_due_on", "\(error)")
        }
        try await writeColumns(id, content)
        try await query("""
            UPDATE \(unescaped: table("knowledge_supports")) SET
                status = 'published', version = version + 1, revision_draft = NULL, revision_note = \(note),
                published_on = coalesce(published_on, DATE '1970-01-01' + \(today.daysSinceEpoch)::int),
                revised_on = DATE '1970-01-01' + \(today.daysSinceEpoch)::int,
                review_due_on = DATE '1970-01-01' + \(due.daysSinceEpoch)::int, updated_at = greatest(clock_timestamp(), updated_at + interval '1 microsecond')
            WHERE id = \(id)
            """)
        let published = try await support(id)
        try await query("""
            INSERT INTO \(unescaped: table("knowledge_support_versions")) (knowledge_support_id, version, snapshot)
            VALUES (\(id), \(published.version), \(ByteBuffer(bytes: try published.serializedBytes() as [UInt8])))
            """)
        emit(locked.version == 0
             ? CatalogEvents.published(published, actor: actor)
             : CatalogEvents.revised(published, previousVersion: locked.version, actor: actor))
        return published
    }

    /// Opens a revision beside the published version, which stays in force.
    func startRevision(_ id: UUID) async throws {
        var locked = try await lock(id)
        _ = try Self.check(locked.status, .startRevision)
        locked.working = locked.live
        try await query("UPDATE \(unescaped: table("knowledge_supports")) SET status = 'under_review' WHERE id = \(id)")
        try await store(working: LockedSupport(id: id, status: .underReview, version: locked.version, working: locked.working, live: locked.live))
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
            let ref = try await supportRef(replacement, field: "replaced_by_id")
            guard !ref.retired else { throw CatalogError.precondition("the replacement '\(ref.slug)' is retired itself") }
            try await query("""
                DELETE FROM \(unescaped: table("links"))
                WHERE (source_id = \(replacement) AND target_id = \(id)) OR (source_id = \(id) AND target_id = \(replacement))
                """)
            try await query("""
                INSERT INTO \(unescaped: table("links")) (source_id, target_id, relation) VALUES (\(replacement), \(id), 'replaces')
                """)
            try await touch([replacement])
        }
        try await query("""
            UPDATE \(unescaped: table("knowledge_supports")) SET status = 'retired', revision_draft = NULL, updated_at = greatest(clock_timestamp(), updated_at + interval '1 microsecond') WHERE id = \(id)
            """)
        let dependents = try await query("""
            SELECT k.id, k.slug, k.title, k.kind, k.status FROM \(unescaped: table("building_blocks")) b
            JOIN \(unescaped: table("knowledge_supports")) k ON k.id = b.knowledge_support_id
            WHERE b.block_id = \(id) AND k.status <> 'retired' ORDER BY k.slug
            """)
        var refs: [ProtoSupportRef] = []
        for try await (id, slug, title, kind, status) in dependents.decode((UUID, String, String, String, String).self) {
            refs.append(Self.ref(id: id, slug: slug, title: title, kind: kind, status: status))
        }
        let retired = try await support(id)
        emit(CatalogEvents.retired(retired, reason: why, replacedBy: replacedBy.lowercased(), dependents: refs, actor: actor))
        return retired
    }

    /// Marks supports as changed (their blocks or links changed).
    func touch(_ ids: [UUID]) async throws {
        try await query("UPDATE \(unescaped: table("knowledge_supports")) SET updated_at = greatest(clock_timestamp(), updated_at + interval '1 microsecond') WHERE id = ANY(\(ids))")
    }

    /// A UUID from a request field, or INVALID_ARGUMENT naming it.
    static func uuid(_ text: String, field: String) throws(CatalogError) -> UUID {
        guard !text.isEmpty else { throw .invalid(field: field, "an id is required") }
        guard let id = UUID(uuidString: text) else { throw .invalid(field: field, "\(quoted(text)) is not a knowledge-support id (a UUID)") }
        return id
    }
}

extension Kunskapsloop_Common_V1_Date {
    var civilDateOrNil: CivilDate? { (try? civilDate()) ?? nil }
}
