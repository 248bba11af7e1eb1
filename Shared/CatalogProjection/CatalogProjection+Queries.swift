import Domain
import Foundation
import PostgresNIO
import Storage

/// An organisation with its place in the tree: its ancestors' ids, root first.
public struct PlacedOrganisation: Sendable, Hashable {
    public let organisation: Organisation
    public let ancestorIDs: [String]

    public init(organisation: Organisation, ancestorIDs: [String]) {
        self.organisation = organisation
        self.ancestorIDs = ancestorIDs
    }

    public var id: String { organisation.id }

    /// Whether it is `id` or lies below it.
    public func isWithin(_ id: String) -> Bool { organisation.id == id || ancestorIDs.contains(id) }
}

extension CatalogProjection {
    static let organisationColumns = "id, name, level, parent_id, ancestor_ids, hsa_id"

    /// The organisations among `ids` the projection knows, by id.
    public func organisations(_ ids: Set<String>, on connection: PostgresConnection) async throws -> [String: PlacedOrganisation] {
        guard !ids.isEmpty else { return [:] }
        return try await placed(
            """
            SELECT \(unescaped: Self.organisationColumns) FROM \(unescaped: table("organisations")) WHERE id = ANY(\(Array(ids))::text[])
            """, on: connection
        ).reduce(into: [:]) { $0[$1.id] = $1 }
    }

    public func organisation(_ id: String, on connection: PostgresConnection) async throws -> PlacedOrganisation? {
        try await organisations([id], on: connection)[id]
    }

    /// The organisations directly below `id`, by name.
    public func children(of id: String, on connection: PostgresConnection) async throws -> [PlacedOrganisation] {
        try await placed(
            """
            SELECT \(unescaped: Self.organisationColumns) FROM \(unescaped: table("organisations")) WHERE parent_id = \(id) ORDER BY name, id
            """, on: connection)
    }

    /// The organisations below `id` at `level` (any depth), by name.
    public func descendants(of id: String, at level: Organisation.Level? = nil, on connection: PostgresConnection) async throws -> [PlacedOrganisation] {
        try await placed(
            """
            SELECT \(unescaped: Self.organisationColumns) FROM \(unescaped: table("organisations"))
            WHERE \(id) = ANY(ancestor_ids) AND (\(level?.rawValue)::text IS NULL OR level = \(level?.rawValue))
            ORDER BY name, id
            """, on: connection)
    }

    /// The national root, when the projection has it.
    public func root(on connection: PostgresConnection) async throws -> PlacedOrganisation? {
        try await placed(
            """
            SELECT \(unescaped: Self.organisationColumns) FROM \(unescaped: table("organisations")) WHERE parent_id IS NULL ORDER BY id LIMIT 1
            """, on: connection
        ).first
    }

    private func placed(_ query: PostgresQuery, on connection: PostgresConnection) async throws -> [PlacedOrganisation] {
        var result: [PlacedOrganisation] = []
        let rows = try await connection.query(query, logger: logger)
        for try await (id, name, level, parent, ancestors, hsa) in rows.decode((String, String, String, String?, [String], String).self) {
            // A level this build does not know (a newer catalog): left out rather than guessed.
            guard let level = Organisation.Level(rawValue: level) else { continue }
            result.append(
                PlacedOrganisation(
                    organisation: Organisation(id: id, name: name, level: level, parentID: parent, hsaID: hsa.isEmpty ? nil : hsa),
                    ancestorIDs: ancestors))
        }
        return result
    }

    /// The supports the references name, by reference (ids and slugs lower-cased, URLs normalised).
    /// A slug or URL that several supports share goes to the one not retired, then the most
    /// recently changed (rows come in ascending preference, the last one written wins).
    public func supports(_ references: Set<SupportReference>, on connection: PostgresConnection) async throws -> [SupportReference: KnowledgeSupport] {
        guard !references.isEmpty else { return [:] }
        let ids = references.filter { $0.kind == .id }.map(\.value)
        let slugs = references.filter { $0.kind == .slug }.map(\.value)
        let urls = references.filter { $0.kind == .url }.map(\.value)
        let rows = try await connection.query(
            """
            SELECT id, slug, url_normalised, version, status, title, kind, level, owner_organisation_id, programme_area_id
            FROM \(unescaped: table("supports"))
            WHERE id = ANY(\(ids)::text[]) OR slug = ANY(\(slugs)::text[]) OR (url_normalised <> '' AND url_normalised = ANY(\(urls)::text[]))
            ORDER BY status = 'retired' DESC, updated_at
            """, logger: logger)
        var result: [SupportReference: KnowledgeSupport] = [:]
        for try await (id, slug, url, version, status, title, kind, level, owner, area)
            in rows.decode((String, String, String, Int, String, String, String, String, String, String?).self)
        {
            guard let status = KnowledgeSupport.Status(rawValue: status), let kind = KnowledgeSupport.Kind(rawValue: kind),
                let level = Organisation.Level(rawValue: level)
            else { continue }  // a newer catalog's values: left out
            let support = KnowledgeSupport(
                id: id, slug: slug, title: title, kind: kind, level: level, ownerOrganisationID: owner,
                programmeAreaID: area, status: status, version: version, url: url.isEmpty ? nil : url)
            for reference in [
                SupportReference(kind: .id, value: id), SupportReference(kind: .slug, value: slug),
                SupportReference(kind: .url, value: url),
            ] where references.contains(reference) {
                result[reference] = support
            }
        }
        return result
    }

    public func support(_ id: String, on connection: PostgresConnection) async throws -> KnowledgeSupport? {
        let reference = SupportReference(kind: .id, value: id.lowercased())
        return try await supports([reference], on: connection)[reference]
    }

    /// How `organisationID` stands with the support, when the catalog recorded it.
    public func adoption(of supportID: String, by organisationID: String, on connection: PostgresConnection) async throws -> KnowledgeSupportAdoption? {
        let rows = try await connection.query(
            """
            SELECT status, adopted_on::text, planned_on::text FROM \(unescaped: table("adoptions"))
            WHERE knowledge_support_id = \(supportID.lowercased()) AND organisation_id = \(organisationID)
            """, logger: logger)
        for try await (status, adopted, planned) in rows.decode((String, String?, String?).self) {
            guard let status = KnowledgeSupportAdoption.Status(rawValue: status) else { return nil }
            return KnowledgeSupportAdoption(
                knowledgeSupportID: supportID.lowercased(), organisationID: organisationID, status: status,
                adoptedOn: adopted.flatMap { try? CivilDate(parsing: $0) },
                plannedOn: planned.flatMap { try? CivilDate(parsing: $0) })
        }
        return nil
    }
}
