import CatalogProjection
import Contracts
import Domain
import Foundation
import Logging
import Messaging
import PostgresNIO
import Storage
import SwiftProtobuf

/// Keeps the feedback service's own copy of the catalog — supports and organisations — from the
/// catalog's events, which carry full state. Order-tolerant: an event older than what is stored
/// (a lower version, or an earlier change of the same version) changes nothing. A support that
/// arrives places the submissions waiting for it, in the same transaction.
struct CatalogProjection: Sendable {
    let store: FeedbackStore
    let intake: FeedbackIntake

    func handle(_ delivery: Delivery, _ context: inout TransactionalConsumer.Context) async throws -> TransactionalConsumer.Disposition {
        let type = delivery.properties.type ?? ""
        let support: Kunskapsloop_Catalog_V1_KnowledgeSupport
        do {
            switch type {
            case Kunskapsloop_Catalog_V1_KnowledgeSupportPublished.protoMessageName:
                support = try Kunskapsloop_Catalog_V1_KnowledgeSupportPublished(serializedBytes: delivery.body).knowledgeSupport
            case Kunskapsloop_Catalog_V1_KnowledgeSupportRevised.protoMessageName:
                support = try Kunskapsloop_Catalog_V1_KnowledgeSupportRevised(serializedBytes: delivery.body).knowledgeSupport
            case Kunskapsloop_Catalog_V1_KnowledgeSupportRetired.protoMessageName:
                support = try Kunskapsloop_Catalog_V1_KnowledgeSupportRetired(serializedBytes: delivery.body).knowledgeSupport
            case Kunskapsloop_Catalog_V1_KnowledgeSupportReviewDue.protoMessageName:
                support = try Kunskapsloop_Catalog_V1_KnowledgeSupportReviewDue(serializedBytes: delivery.body).knowledgeSupport
            case Kunskapsloop_Catalog_V1_OrganisationUpserted.protoMessageName:
                let organisation = try Kunskapsloop_Catalog_V1_OrganisationUpserted(serializedBytes: delivery.body).organisation
                try await upsert(organisation, on: context.connection)
                return .processed
            default:
                return .processed // adoption and future events: nothing this projection keeps
            }
        } catch {
            return .rejected(reason: "undecodable \(type): \(error)")
        }
        guard !support.id.isEmpty else { return .rejected(reason: "\(type) without a knowledge support id") }
        try await upsert(support, on: context.connection)
        for event in try await placeWaiting(for: support, on: context.connection) { context.emit(event) }
        return .processed
    }

    private func upsert(_ support: Kunskapsloop_Catalog_V1_KnowledgeSupport, on connection: PostgresConnection) async throws {
        let status = KnowledgeSupport.Status(support.status)?.rawValue ?? "unknown"
        let updatedAt = support.hasUpdatedAt ? support.updatedAt.date : Date(timeIntervalSince1970: 0)
        try await connection.query("""
            INSERT INTO \(unescaped: store.table("supports")) AS s (id, slug, url_normalised, version, status, title, updated_at)
            VALUES (\(support.id.lowercased()), \(support.slug.lowercased()), \(url(support)), \(support.version), \(status), \(support.title), \(updatedAt))
            ON CONFLICT (id) DO UPDATE SET slug = EXCLUDED.slug, url_normalised = EXCLUDED.url_normalised, version = EXCLUDED.version,
                status = EXCLUDED.status, title = EXCLUDED.title, updated_at = EXCLUDED.updated_at
            WHERE (s.version, s.updated_at) <= (EXCLUDED.version, EXCLUDED.updated_at)
            """, logger: store.logger)
    }

    private func upsert(_ organisation: Kunskapsloop_Catalog_V1_Organisation, on connection: PostgresConnection) async throws {
        guard !organisation.id.isEmpty else { return }
        let updatedAt = organisation.hasUpdatedAt ? organisation.updatedAt.date : Date(timeIntervalSince1970: 0)
        try await connection.query("""
            INSERT INTO \(unescaped: store.table("organisations")) AS o (id, name, updated_at)
            VALUES (\(organisation.id), \(organisation.name), \(updatedAt))
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, updated_at = EXCLUDED.updated_at
            WHERE o.updated_at <= EXCLUDED.updated_at
            """, logger: store.logger)
    }

    private func url(_ support: Kunskapsloop_Catalog_V1_KnowledgeSupport) -> String {
        support.url.isEmpty ? "" : SupportReference.normalised(url: support.url)
    }

    /// Places the submissions that wait for this support (by its id, slug or URL).
    private func placeWaiting(for support: Kunskapsloop_Catalog_V1_KnowledgeSupport, on connection: PostgresConnection) async throws -> [OutboxEvent] {
        let url = url(support)
        let condition: PostgresQuery = """
            (reference_kind = 'id' AND reference_value = \(support.id.lowercased()))
            OR (reference_kind = 'slug' AND reference_value = \(support.slug.lowercased()))
            OR (reference_kind = 'url' AND reference_value = \(url) AND \(url) <> '')
            """
        var events: [OutboxEvent] = []
        var tried = Set<String>()
        while true {
            let waiting = try await store.lockWaiting(condition, on: connection)
            events += try await intake.retryWaiting(waiting, expire: false, on: connection)
            // Rows that stay waiting (the projection disagrees with this event, e.g. an older one)
            // would come back on every pass: stop as soon as a batch brings nothing new.
            let keys = Set(waiting.map(\.message.key))
            if waiting.count < 200 || keys.isSubset(of: tried) { return events }
            tried.formUnion(keys)
        }
    }
}
