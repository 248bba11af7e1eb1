import Domain
import Foundation
import Messaging
import PostgresNIO
import Storage

/// A support as read, with the revision in progress beside it (`KnowledgeSupportDraft` bytes).
struct LoadedSupport: Sendable {
    var record: KnowledgeSupportRecord
    let revisionDraft: [UInt8]?
}

extension CatalogStore {
    /// The supports with these ids, with owner, programme area, structure and published versions,
    /// by id; unknown ids are left out. One round trip (two when one has blocks or links).
    func supports(_ ids: [UUID]) async throws -> [UUID: LoadedSupport] {
        guard !ids.isEmpty else { return [:] }
        return try await load(SupportRows.ByID(ids: ids))
    }

    /// The support with this slug, if any, as `supports` reads it.
    func support(slug: String) async throws -> LoadedSupport? {
        try await load(SupportRows.BySlug(slug: slug)).values.first
    }

    /// The supports `statement` selects, by id, with their structure.
    private func load<Statement: PostgresPreparedStatement>(_ statement: Statement) async throws -> [UUID: LoadedSupport]
    where Statement.Row == PostgresRow {
        var byID: [UUID: LoadedSupport] = [:]
        var structured: [UUID] = []
        for try await row in try await connection.execute(statement, logger: logger) {
            let columns = row.makeRandomAccess()
            let id = try columns["id"].decode(UUID.self)
            byID[id] = LoadedSupport(
                record: try Self.record(from: columns, id: id),
                revisionDraft: try columns["revision_draft"].decode(ByteBuffer?.self).map { Array(buffer: $0) })
            if try columns["structured"].decode(Bool.self) { structured.append(id) }
        }
        // Most supports have no blocks or links: then the structure's round trip is skipped.
        if !structured.isEmpty { try await attachStructure(structured, to: &byID) }
        return byID
    }

    /// Building blocks and links of the supports `ids` (in `supports`), with a `retired` flag on each end.
    private func attachStructure(_ ids: [UUID], to supports: inout [UUID: LoadedSupport]) async throws {
        // Blocks, and links stated from either end (seen from the target, the relation is
        // inverted), in one round trip.
        let rows = try await query(
            """
            SELECT b.knowledge_support_id AS me, 'block' AS what, b.position, '' AS relation, false AS inverted,
                   NULL::timestamptz AS linked_at, k.id, k.slug, k.title, k.kind, k.status
            FROM \(unescaped: table("building_blocks")) b JOIN \(unescaped: table("knowledge_supports")) k ON k.id = b.block_id
            WHERE b.knowledge_support_id = ANY(\(ids))
            UNION ALL
            SELECT l.source_id, 'link', 0, l.relation, false, l.created_at, k.id, k.slug, k.title, k.kind, k.status
            FROM \(unescaped: table("links")) l JOIN \(unescaped: table("knowledge_supports")) k ON k.id = l.target_id
            WHERE l.source_id = ANY(\(ids))
            UNION ALL
            SELECT l.target_id, 'link', 0, l.relation, true, l.created_at, k.id, k.slug, k.title, k.kind, k.status
            FROM \(unescaped: table("links")) l JOIN \(unescaped: table("knowledge_supports")) k ON k.id = l.source_id
            WHERE l.target_id = ANY(\(ids))
            ORDER BY 1, 2, 3, 6, 7
            """)
        for try await (me, what, position, relation, inverted, _, id, slug, title, kind, status)
            in rows.decode((UUID, String, Int32, String, Bool, Date?, UUID, String, String, String, String).self)
        {
            let other = Self.reference(id: id, slug: slug, title: title, kind: kind, status: status)
            if what == "block" {
                supports[me]?.record.buildingBlocks.append(KnowledgeSupport.BuildingBlock(support: other, position: Int(position)))
            } else {
                // A relation this build does not know reads as plain `related`.
                let stated = KnowledgeSupport.Link.Relation(rawValue: relation) ?? .related
                supports[me]?.record.links.append(KnowledgeSupport.Link(support: other, relation: inverted ? stated.inverse : stated))
            }
        }
    }

    /// A short reference to one support, if it exists.
    func reference(_ id: UUID) async throws -> KnowledgeSupport.Reference? {
        let rows = try await query(
            """
            SELECT id, slug, title, kind, status FROM \(unescaped: table("knowledge_supports")) WHERE id = \(id)
            """)
        for try await (id, slug, title, kind, status) in rows.decode((UUID, String, String, String, String).self) {
            return Self.reference(id: id, slug: slug, title: title, kind: kind, status: status)
        }
        return nil
    }

    func supportID(slug: String) async throws -> UUID? {
        try await query("SELECT id FROM \(unescaped: table("knowledge_supports")) WHERE slug = \(slug)").decode(UUID.self).collect().first
    }

    /// A support's id and published version numbers (ascending), found by id or slug.
    func versions(id: UUID?, slug: String?) async throws -> (id: UUID, versions: [Int])? {
        let rows = try await query(
            """
            SELECT k.id, ARRAY(SELECT v.version FROM \(unescaped: table("knowledge_support_versions")) v
                               WHERE v.knowledge_support_id = k.id ORDER BY v.version)
            FROM \(unescaped: table("knowledge_supports")) k WHERE k.id = \(id) OR k.slug = \(slug)
            """)
        for try await (id, versions) in rows.decode((UUID, [Int32]).self) { return (id, versions.map(Int.init)) }
        return nil
    }

    /// A published version as it was published (`KnowledgeSupport` bytes).
    func snapshot(of id: UUID, version: Int) async throws -> [UInt8]? {
        try await query(
            """
            SELECT snapshot FROM \(unescaped: table("knowledge_support_versions")) WHERE knowledge_support_id = \(id) AND version = \(Int32(version))
            """
        ).decode(ByteBuffer.self).collect().first.map { Array(buffer: $0) }
    }
}

extension CatalogStore {
    /// A support's row (`SupportRows.select`) as the domain record, without its structure.
    static func record(from row: PostgresRandomAccessRow, id: UUID) throws -> KnowledgeSupportRecord {
        let statusName = try row["status"].decode(String.self)
        guard let status = KnowledgeSupport.Status(rawValue: statusName) else { throw StorageError.unreadable("a support status", statusName) }
        var support = try content(from: row, id: id, status: status, version: Int(try row["version"].decode(Int32.self)))
        support.publishedOn = CivilDate(days: try row["published_on"].decode(Int?.self))
        support.revisedOn = CivilDate(days: try row["revised_on"].decode(Int?.self))
        let ownerLevel = try row["owner_level"].decode(String.self)
        guard let level = Organisation.Level(rawValue: ownerLevel) else { throw StorageError.unreadable("an organisation level", ownerLevel) }
        return KnowledgeSupportRecord(
            support: support, ownerName: try row["owner_name"].decode(String.self), ownerLevel: level,
            programmeArea: try support.programmeAreaID.map { ProgrammeArea(id: $0, name: try row["area_name"].decode(String?.self) ?? "") },
            revisionNote: try row["revision_note"].decode(String.self),
            publishedVersions: try row["versions"].decode([Int32].self).map(Int.init),
            createdAt: Instant(try row["created_at"].decode(Date.self)), updatedAt: Instant(try row["updated_at"].decode(Date.self)))
    }

    /// The content columns of a support's row (a kind this build does not know reads as `other`).
    static func content(from row: PostgresRandomAccessRow, id: UUID, status: KnowledgeSupport.Status, version: Int) throws -> KnowledgeSupport {
        let levelName = try row["level"].decode(String.self)
        guard let level = Organisation.Level(rawValue: levelName) else { throw StorageError.unreadable("a support level", levelName) }
        let url = try row["url"].decode(String.self)
        return KnowledgeSupport(
            id: id.lowercasedString, slug: try row["slug"].decode(String.self), title: try row["title"].decode(String.self),
            summary: try row["summary"].decode(String.self), kind: KnowledgeSupport.Kind(rawValue: try row["kind"].decode(String.self)) ?? .other,
            audiences: Set(try row["audiences"].decode([String].self).compactMap(KnowledgeSupport.Audience.init(rawValue:))), level: level,
            ownerOrganisationID: try row["owner_organisation_id"].decode(String.self),
            programmeAreaID: try row["programme_area_id"].decode(String?.self), status: status, version: version,
            url: url.isEmpty ? nil : url, tags: try row["tags"].decode([String].self), icd10Codes: try row["icd10_codes"].decode([String].self),
            reviewDueOn: CivilDate(days: try row["review_due_on"].decode(Int?.self)))
    }

    static func reference(id: UUID, slug: String, title: String, kind: String, status: String) -> KnowledgeSupport.Reference {
        KnowledgeSupport.Reference(
            id: id.lowercasedString, slug: slug, title: title, kind: KnowledgeSupport.Kind(rawValue: kind) ?? .other,
            retired: status == KnowledgeSupport.Status.retired.rawValue)
    }
}
