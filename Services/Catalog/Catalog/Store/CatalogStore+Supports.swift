import Domain
import Foundation
import PostgresNIO
import Storage

/// A support's row as a change finds it, locked for the rest of the transaction.
struct SupportState: Sendable {
    let id: UUID
    let status: KnowledgeSupport.Status
    /// The latest published version; 0 before the first.
    let version: Int
    /// The content in columns: the draft, or the version in force.
    let content: KnowledgeSupport
    /// While under review, the next version's content (`KnowledgeSupportDraft` bytes).
    let revisionDraft: [UInt8]?
}

extension CatalogStore {
    /// Locks the support's row and reads its state; nil when there is none.
    func lock(_ id: UUID) async throws -> SupportState? {
        let rows = try await query(
            """
            SELECT id, status, version, slug, title, summary, kind, audiences, level, owner_organisation_id, programme_area_id,
                   url, tags, icd10_codes, review_due_on - DATE '1970-01-01' AS review_due_on, revision_draft
            FROM \(unescaped: table("knowledge_supports")) WHERE id = \(id) FOR UPDATE
            """)
        for try await row in rows {
            let r = row.makeRandomAccess()
            let statusName = try r["status"].decode(String.self)
            guard let status = KnowledgeSupport.Status(rawValue: statusName) else { throw StorageError.unreadable("a support status", statusName) }
            let version = Int(try r["version"].decode(Int32.self))
            let content = try Self.content(from: r, id: id, status: status, version: version)
            return SupportState(
                id: id, status: status, version: version, content: content,
                revisionDraft: try r["revision_draft"].decode(ByteBuffer?.self).map { Array(buffer: $0) })
        }
        return nil
    }

    /// Creates a draft (status `draft`, version 0) with `content`.
    /// - Throws: `CatalogError.alreadyExists` when the slug is taken.
    func insertDraft(_ id: UUID, _ content: KnowledgeSupport) async throws {
        do {
            try await query(
                """
                INSERT INTO \(unescaped: table("knowledge_supports"))
                    (id, slug, title, summary, kind, audiences, level, owner_organisation_id, programme_area_id,
                     status, url, tags, icd10_codes, review_due_on)
                VALUES (\(id), \(content.slug), \(content.title), \(content.summary), \(content.kind.rawValue), \(Self.audiences(content)),
                        \(content.level.rawValue), \(content.ownerOrganisationID), \(content.programmeAreaID),
                        'draft', \(content.url ?? ""), \(content.tags), \(content.icd10Codes),
                        DATE '1970-01-01' + \(content.reviewDueOn?.daysSinceEpoch)::int)
                """)
        } catch  where isUniqueViolation(error, constraint: "knowledge_supports_slug_key") {
            throw CatalogError.alreadyExists(field: "draft.slug", "the slug '\(content.slug)' is taken; choose another")
        }
    }

    /// Makes `content` the content in columns of support `id` (a draft's, or the version in force).
    /// - Throws: `CatalogError.alreadyExists` when the slug is taken.
    func write(_ id: UUID, content: KnowledgeSupport) async throws {
        do {
            try await query(
                """
                UPDATE \(unescaped: table("knowledge_supports")) SET
                    slug = \(content.slug), title = \(content.title), summary = \(content.summary), kind = \(content.kind.rawValue),
                    audiences = \(Self.audiences(content)), level = \(content.level.rawValue), owner_organisation_id = \(content.ownerOrganisationID),
                    programme_area_id = \(content.programmeAreaID), url = \(content.url ?? ""), tags = \(content.tags),
                    icd10_codes = \(content.icd10Codes), review_due_on = DATE '1970-01-01' + \(content.reviewDueOn?.daysSinceEpoch)::int,
                    updated_at = greatest(clock_timestamp(), updated_at + interval '1 microsecond')
                WHERE id = \(id)
                """)
        } catch  where isUniqueViolation(error, constraint: "knowledge_supports_slug_key") {
            throw CatalogError.alreadyExists(field: "draft.slug", "the slug '\(content.slug)' is taken; choose another")
        }
    }

    /// Keeps the next version's content beside the version in force.
    func write(_ id: UUID, revisionDraft: [UInt8]) async throws {
        try await query(
            """
            UPDATE \(unescaped: table("knowledge_supports")) SET revision_draft = \(ByteBuffer(bytes: revisionDraft)),
                updated_at = greatest(clock_timestamp(), updated_at + interval '1 microsecond')
            WHERE id = \(id)
            """)
    }

    func markUnderReview(_ id: UUID) async throws {
        try await query("UPDATE \(unescaped: table("knowledge_supports")) SET status = 'under_review' WHERE id = \(id)")
    }

    /// Puts the content in columns in force as the next version, published `today` and due for
    /// review on `due`.
    func markPublished(_ id: UUID, note: String, today: CivilDate, due: CivilDate) async throws {
        try await query(
            """
            UPDATE \(unescaped: table("knowledge_supports")) SET
                status = 'published', version = version + 1, revision_draft = NULL, revision_note = \(note),
                published_on = coalesce(published_on, DATE '1970-01-01' + \(today.daysSinceEpoch)::int),
                revised_on = DATE '1970-01-01' + \(today.daysSinceEpoch)::int,
                review_due_on = DATE '1970-01-01' + \(due.daysSinceEpoch)::int, updated_at = greatest(clock_timestamp(), updated_at + interval '1 microsecond')
            WHERE id = \(id)
            """)
    }

    /// Freezes a published version (the `KnowledgeSupport` message it was published as).
    func addVersion(_ id: UUID, _ version: Int, snapshot: [UInt8]) async throws {
        try await query(
            """
            INSERT INTO \(unescaped: table("knowledge_support_versions")) (knowledge_support_id, version, snapshot)
            VALUES (\(id), \(Int32(version)), \(ByteBuffer(bytes: snapshot)))
            """)
    }

    func markRetired(_ id: UUID) async throws {
        try await query(
            """
            UPDATE \(unescaped: table("knowledge_supports")) SET status = 'retired', revision_draft = NULL,
                updated_at = greatest(clock_timestamp(), updated_at + interval '1 microsecond')
            WHERE id = \(id)
            """)
    }

    /// Marks supports as changed (their blocks or links changed).
    func touch(_ ids: [UUID]) async throws {
        try await query(
            """
            UPDATE \(unescaped: table("knowledge_supports")) SET updated_at = greatest(clock_timestamp(), updated_at + interval '1 microsecond')
            WHERE id = ANY(\(ids))
            """)
    }

    /// Audiences as stored: by name, once each.
    static func audiences(_ content: KnowledgeSupport) -> [String] { content.audiences.map(\.rawValue).sorted() }
}
