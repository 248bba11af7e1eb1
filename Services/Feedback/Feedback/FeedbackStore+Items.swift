import CatalogProjection
import Contracts
import Domain
import Foundation
import Logging
import Messaging
import PostgresNIO
import Storage
import SwiftProtobuf

/// A knowledge support as the projection knows it.
struct ProjectedSupport: Sendable, Hashable {
    let id: String
    let version: Int32
}

extension FeedbackStore {
    /// The supports `references` name; a slug or URL that several supports share goes to the
    /// one not retired, then the most recently changed.
    func resolve(_ references: Set<SupportReference>, on connection: PostgresConnection) async throws -> [SupportReference: ProjectedSupport] {
        guard !references.isEmpty else { return [:] }
        let values = { (kind: SupportReference.Kind) in references.filter { $0.kind == kind }.map(\.value) }
        let rows = try await connection.query("""
            SELECT id, slug, url_normalised, version FROM \(unescaped: table("supports"))
            WHERE id = ANY(\(values(.id))::text[]) OR slug = ANY(\(values(.slug))::text[])
               OR (url_normalised <> '' AND url_normalised = ANY(\(values(.url))::text[]))
            ORDER BY status = 'retired' DESC, updated_at
            """, logger: logger)
        // Ascending by preference, so the preferred row is written last and wins.
        var found: [SupportReference: ProjectedSupport] = [:]
        for try await (id, slug, url, version) in rows.decode((String, String, String, Int32).self) {
            let support = ProjectedSupport(id: id, version: version)
            found[SupportReference(kind: .id, value: id)] = support
            found[SupportReference(kind: .slug, value: slug)] = support
            if !url.isEmpty { found[SupportReference(kind: .url, value: url)] = support }
        }
        return found.filter { references.contains($0.key) }
    }

    /// Inserts the items (a key stored before is skipped) and adds the new ones to their week's
    /// and month's tallies. Returns the new items by their index in the intake.
    func store(_ placed: [(PreparedSubmission, ProjectedSupport)], organisations: [String: String], recordedAt: Date,
               on connection: PostgresConnection) async throws -> [(Int, Kunskapsloop_Feedback_V1_FeedbackItem)] {
        guard !placed.isEmpty else { return [] }
        let items = placed.map { prepared, support in
            FeedbackItemRecord(id: .random(), prepared: prepared, support: support, recordedAt: recordedAt)
        }
        let rows = try await connection.query("""
            INSERT INTO \(unescaped: table("items"))
                (id, message_id, knowledge_support_id, knowledge_support_version, respondent_role, kind, helpful, rating,
                 answer_text, comment, redaction_count, organisation_id, occurred_at, recorded_at, source_system, source_app_id, week, month)
            SELECT id, m, s, v, r, k, CASE h WHEN 't' THEN true WHEN 'f' THEN false END, NULLIF(rt, 0), NULLIF(t, ''),
                   c, n, NULLIF(o, ''), to_timestamp(oa::float8), \(recordedAt), ss, app, w, mo
            FROM unnest(\(items.map(\.id))::uuid[], \(items.map(\.key))::text[], \(items.map(\.supportID))::text[],
                        \(items.map(\.supportVersion))::int[], \(items.map(\.role.rawValue))::text[], \(items.map(\.kind.rawValue))::text[],
                        \(items.map(\.helpfulCode))::text[], \(items.map(\.ratingValue))::int[], \(items.map(\.textValue))::text[],
                        \(items.map(\.comment))::text[], \(items.map(\.redactions))::int[], \(items.map { $0.organisationID ?? "" })::text[],
                        \(items.map(\.occurredAt))::int8[], \(items.map(\.sourceSystem))::text[], \(items.map(\.appID))::text[],
                        \(items.map(\.week.description))::text[], \(items.map(\.month.description))::text[])
                AS u(id, m, s, v, r, k, h, rt, t, c, n, o, oa, ss, app, w, mo)
            ON CONFLICT (message_id) DO NOTHING
            RETURNING message_id
            """, logger: logger)
        let inserted = Set(try await rows.decode(String.self).collect())
        let fresh = items.enumerated().filter { inserted.contains($0.element.key) }
        try await addToTallies(fresh.map(\.element), on: connection)
        return fresh.map { offset, record in
            (placed[offset].0.index, record.contract(organisationName: record.organisationID.flatMap { organisations[$0] } ?? ""))
        }
    }
}
