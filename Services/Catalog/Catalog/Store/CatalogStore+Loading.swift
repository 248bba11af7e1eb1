import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import RPC
import Storage
import SwiftProtobuf

extension CatalogTransaction {
    /// Reads supports as their contract messages, with owner, programme area, building blocks
    /// and links (from both ends), in the order of `ids`; unknown ids are left out.
    /// - Parameter working: show a revision in progress instead of the version in force.
    func supports(_ ids: [UUID], working: Bool = false) async throws -> [ProtoSupport] {
        guard !ids.isEmpty else { return [] }
        let (byID, _) = try await load(SupportRows.ByID(ids: ids), working: working)
        return ids.compactMap { byID[$0] }
    }

    /// One support by id or slug, as `supports` reads it, with its published version numbers
    /// (ascending), in one round trip (two when it has building blocks or links).
    func supportWithVersions(id: UUID?, slug: String?, working: Bool) async throws -> (support: ProtoSupport, versions: [Int32])? {
        let (byID, versions) = if let id {
            try await load(SupportRows.ByID(ids: [id]), working: working)
        } else {
            try await load(SupportRows.BySlug(slug: slug ?? ""), working: working)
        }
        guard let (id, support) = byID.first else { return nil }
        return (support, versions[id] ?? [])
    }

    /// The supports `statement` selects, by id, with their structure and published version numbers.
    private func load<Statement: PostgresPreparedStatement>(_ statement: Statement, working: Bool) async throws
        -> (supports: [UUID: ProtoSupport], versions: [UUID: [Int32]]) where Statement.Row == PostgresRow {
        var byID: [UUID: ProtoSupport] = [:]
        var versionsByID: [UUID: [Int32]] = [:]
        var structured: [UUID] = []
        // Read to the end first: a revision in progress looks names up on this same connection,
        // which would wait behind rows not yet read.
        var rows: [PostgresRow] = []
        for try await row in try await connection.execute(statement, logger: logger) { rows.append(row) }
        for row in rows {
            let columns = row.makeRandomAccess()
            var support = try Self.support(from: columns)
            if working, let draft = try columns["revision_draft"].decode(ByteBuffer?.self) {
                let content = try ProtoDraft(serializedBytes: Array(buffer: draft))
                try await applyWorking(content, to: &support)
            }
            let id = try columns["id"].decode(UUID.self)
            byID[id] = support
            versionsByID[id] = try columns["versions"].decode([Int32].self)
            if try columns["structured"].decode(Bool.self) { structured.append(id) }
        }
        // Most supports have no blocks or links: then the structure's round trip is skipped.
        if !structured.isEmpty { try await attachStructure(structured, to: &byID) }
        return (byID, versionsByID)
    }

    /// One support by id, or NOT_FOUND.
    func support(_ id: UUID, working: Bool = false) async throws -> ProtoSupport {
        guard let support = try await supports([id], working: working).first else {
            throw CatalogError.unknownSupport(id.uuidString.lowercased())
        }
        return support
    }

    static func support(from row: PostgresRandomAccessRow) throws -> ProtoSupport {
        var s = ProtoSupport()
        s.id = try row["id"].decode(UUID.self).uuidString.lowercased()
        s.slug = try row["slug"].decode(String.self)
        s.title = try row["title"].decode(String.self)
        s.summary = try row["summary"].decode(String.self)
        s.kind = KnowledgeSupport.Kind(rawValue: try row["kind"].decode(String.self))?.contract ?? .other
        s.audiences = try row["audiences"].decode([String].self).compactMap { KnowledgeSupport.Audience(rawValue: $0)?.contract }
        s.level = Organisation.Level(rawValue: try row["level"].decode(String.self))?.contract ?? .unspecified
        s.ownerOrganisation = .with {
            $0.id = (try? row["owner_organisation_id"].decode(String.self)) ?? ""
            $0.name = (try? row["owner_name"].decode(String.self)) ?? ""
            $0.level = Organisation.Level(rawValue: (try? row["owner_level"].decode(String.self)) ?? "")?.contract ?? .unspecified
        }
        if let area = try row["programme_area_id"].decode(String?.self) {
            s.programmeArea = .with {
                $0.id = area
                $0.name = (try? row["area_name"].decode(String?.self) ?? nil) ?? ""
            }
        }
        s.status = KnowledgeSupport.Status(rawValue: try row["status"].decode(String.self))?.contract ?? .unspecified
        s.version = try row["version"].decode(Int32.self)
        s.url = try row["url"].decode(String.self)
        s.tags = try row["tags"].decode([String].self)
        s.icd10Codes = try row["icd10_codes"].decode([String].self)
        if let days = try row["published_on"].decode(Int?.self) { s.publishedOn = ProtoDate(CivilDate(daysSinceEpoch: days)) }
        if let days = try row["revised_on"].decode(Int?.self) { s.revisedOn = ProtoDate(CivilDate(daysSinceEpoch: days)) }
        if let days = try row["review_due_on"].decode(Int?.self) { s.reviewDueOn = ProtoDate(CivilDate(daysSinceEpoch: days)) }
        s.revisionNote = try row["revision_note"].decode(String.self)
        s.createdAt = Google_Protobuf_Timestamp(date: try row["created_at"].decode(Date.self))
        s.updatedAt = Google_Protobuf_Timestamp(date: try row["updated_at"].decode(Date.self))
        return s
    }

    /// Overlays the content of a revision in progress (names of owner and area looked up).
    private func applyWorking(_ draft: ProtoDraft, to support: inout ProtoSupport) async throws {
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

    /// Building blocks and links of the supports `ids` (in `supports`), with a `retired` flag on each end.
    private func attachStructure(_ ids: [UUID], to supports: inout [UUID: ProtoSupport]) async throws {
        // Blocks, and links stated from either end (seen from the target, the relation is
        // inverted), in one round trip.
        let rows = try await query("""
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
            let other = Self.ref(id: id, slug: slug, title: title, kind: kind, status: status)
            if what == "block" {
                supports[me]?.buildingBlocks.append(.with {
                    $0.knowledgeSupport = other
                    $0.position = position
                })
            } else {
                let stated = LinkRelation(name: relation)
                supports[me]?.links.append(.with {
                    $0.knowledgeSupport = other
                    $0.relation = inverted ? stated.inverse : stated
                })
            }
        }
    }

    static func ref(id: UUID, slug: String, title: String, kind: String, status: String) -> ProtoSupportRef {
        .with {
            $0.id = id.uuidString.lowercased()
            $0.slug = slug
            $0.title = title
            $0.kind = KnowledgeSupport.Kind(rawValue: kind)?.contract ?? .other
            $0.retired = status == KnowledgeSupport.Status.retired.rawValue
        }
    }

    /// A short reference to one support, or NOT_FOUND naming `field`.
    func supportRef(_ id: UUID, field: String) async throws -> ProtoSupportRef {
        let rows = try await query("""
            SELECT id, slug, title, kind, status FROM \(unescaped: table("knowledge_supports")) WHERE id = \(id)
            """)
        for try await (id, slug, title, kind, status) in rows.decode((UUID, String, String, String, String).self) {
            return Self.ref(id: id, slug: slug, title: title, kind: kind, status: status)
        }
        throw CatalogError.unknownSupport(id.uuidString.lowercased(), field: field)
    }
}

extension CatalogTransaction {
    func supportID(slug: String) async throws -> UUID? {
        let rows = try await query("SELECT id FROM \(unescaped: table("knowledge_supports")) WHERE slug = \(slug)")
        for try await id in rows.decode(UUID.self) { return id }
        return nil
    }

    /// A support's id and published version numbers (ascending), found by id or slug.
    func versions(id: UUID?, slug: String?) async throws -> (UUID, [Int32])? {
        let rows = try await query("""
            SELECT k.id, ARRAY(SELECT v.version FROM \(unescaped: table("knowledge_support_versions")) v
                               WHERE v.knowledge_support_id = k.id ORDER BY v.version)
            FROM \(unescaped: table("knowledge_supports")) k WHERE k.id = \(id) OR k.slug = \(slug)
            """)
        for try await (id, versions) in rows.decode((UUID, [Int32]).self) { return (id, versions) }
        return nil
    }

    /// A published version as it was published.
    func snapshot(of id: UUID, version: Int32) async throws -> ProtoSupport? {
        let rows = try await query("""
            SELECT snapshot FROM \(unescaped: table("knowledge_support_versions")) WHERE knowledge_support_id = \(id) AND version = \(version)
            """)
        for try await bytes in rows.decode(ByteBuffer.self) { return try ProtoSupport(serializedBytes: Array(buffer: bytes)) }
        return nil
    }
}
