import Contracts
import Domain
import Foundation
import Logging
import Messaging
import PostgresNIO
import Storage
import SwiftProtobuf

/// A service's own copy of the catalog — organisations with their place in the tree, knowledge
/// supports, adoptions — kept from the catalog's events, which carry full state. Its tables
/// (`catalog_*`) live in the including service's schema, created by `CatalogProjection.migrations`;
/// services read them with the queries here, or join them in their own SQL.
///
/// Order-tolerant: an event older than what is stored (an earlier change) changes nothing, so a
/// redelivered or late event cannot roll the copy back.
public struct CatalogProjection: Sendable {
    public let schema: String
    let logger: Logger

    /// - Throws: `StorageError` for a schema name that is not a plain identifier.
    public init(schema: String, logger: Logger) throws(StorageError) {
        _ = try Outbox(schema: schema)  // validates the name, which goes into SQL text
        self.schema = schema
        self.logger = logger
    }

    /// `schema.catalog_<name>`.
    public func table(_ name: String) -> String { "\(schema).catalog_\(name)" }

    /// Applies one catalog event inside the consumer's transaction and says what it was; events
    /// the projection does not keep are `.other`.
    /// - Throws: `CatalogEventError` for an event that cannot be read (the consumer rejects
    ///   it); database errors as they come.
    public func apply(_ delivery: Delivery, on connection: PostgresConnection) async throws -> CatalogChange {
        let change = try CatalogChange(delivery)
        switch change {
        case .organisation(let organisation, let ancestorIDs, _, let updatedAt):
            try await upsert(organisation, ancestorIDs: ancestorIDs, updatedAt: updatedAt, on: connection)
        case .support(let support, _, let updatedAt):
            try await upsert(support, updatedAt: updatedAt, on: connection)
        case .adoption(let adoption, let recordedAt):
            try await upsert(adoption, recordedAt: recordedAt, on: connection)
        case .other:
            break
        }
        return change
    }

    private func upsert(_ organisation: Organisation, ancestorIDs: [String], updatedAt: Date, on connection: PostgresConnection) async throws {
        try await connection.query(
            """
            INSERT INTO \(unescaped: table("organisations")) AS o (id, name, level, parent_id, ancestor_ids, hsa_id, updated_at)
            VALUES (\(organisation.id), \(organisation.name), \(organisation.level.rawValue), \(organisation.parentID),
                    \(ancestorIDs)::text[], \(organisation.hsaID ?? ""), \(updatedAt))
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, level = EXCLUDED.level, parent_id = EXCLUDED.parent_id,
                ancestor_ids = EXCLUDED.ancestor_ids, hsa_id = EXCLUDED.hsa_id, updated_at = EXCLUDED.updated_at
            WHERE o.updated_at <= EXCLUDED.updated_at
            """, logger: logger)
    }

    private func upsert(_ support: KnowledgeSupport, updatedAt: Date, on connection: PostgresConnection) async throws {
        try await connection.query(
            """
            INSERT INTO \(unescaped: table("supports")) AS s
                (id, slug, url_normalised, version, status, title, kind, level, owner_organisation_id, programme_area_id, updated_at)
            VALUES (\(support.id), \(support.slug.lowercased()), \(support.url.map(SupportReference.normalised(url:)) ?? ""),
                    \(support.version), \(support.status.rawValue), \(support.title), \(support.kind.rawValue), \(support.level.rawValue),
                    \(support.ownerOrganisationID), \(support.programmeAreaID), \(updatedAt))
            ON CONFLICT (id) DO UPDATE SET slug = EXCLUDED.slug, url_normalised = EXCLUDED.url_normalised, version = EXCLUDED.version,
                status = EXCLUDED.status, title = EXCLUDED.title, kind = EXCLUDED.kind, level = EXCLUDED.level,
                owner_organisation_id = EXCLUDED.owner_organisation_id, programme_area_id = EXCLUDED.programme_area_id,
                updated_at = EXCLUDED.updated_at
            WHERE (s.version, s.updated_at) <= (EXCLUDED.version, EXCLUDED.updated_at)
            """, logger: logger)
    }

    private func upsert(_ adoption: KnowledgeSupportAdoption, recordedAt: Date, on connection: PostgresConnection) async throws {
        try await connection.query(
            """
            INSERT INTO \(unescaped: table("adoptions")) AS a (knowledge_support_id, organisation_id, status, adopted_on, planned_on, recorded_at)
            VALUES (\(adoption.knowledgeSupportID), \(adoption.organisationID), \(adoption.status.rawValue),
                    \(adoption.adoptedOn?.description)::date, \(adoption.plannedOn?.description)::date, \(recordedAt))
            ON CONFLICT (knowledge_support_id, organisation_id) DO UPDATE SET status = EXCLUDED.status,
                adopted_on = EXCLUDED.adopted_on, planned_on = EXCLUDED.planned_on, recorded_at = EXCLUDED.recorded_at
            WHERE a.recorded_at <= EXCLUDED.recorded_at
            """, logger: logger)
    }
}
