import Domain
import Foundation
import Logging
import PostgresNIO
import Storage

extension FeedbackStore {
    /// Tallies of closed periods changed since their last summary, locked for this transaction
    /// (rows another transaction holds are skipped: it is summarising them).
    func dueTallies(closedBefore cutoff: Date, limit: Int, on connection: PostgresConnection) async throws -> [StoredTally] {
        let rows = try await connection.query(
            """
            SELECT \(unescaped: Self.tallyColumns) FROM \(unescaped: table("tallies"))
            WHERE due AND ends_at <= \(cutoff)
            ORDER BY ends_at, knowledge_support_id, organisation_id, period
            LIMIT \(limit) FOR UPDATE SKIP LOCKED
            """, logger: logger)
        var due: [StoredTally] = []
        for try await row in rows { due.append(try Self.tally(from: row)) }
        return try await named(due, on: connection)
    }

    /// The tallies with their organisations' names from the projection.
    private func named(_ tallies: [StoredTally], on connection: PostgresConnection) async throws -> [StoredTally] {
        let ids = Set(tallies.compactMap(\.tally.organisationID))
        guard !ids.isEmpty else { return tallies }
        let names = try await connection.query(
            """
            SELECT id, name FROM \(unescaped: table("catalog_organisations")) WHERE id = ANY(\(Array(ids))::text[])
            """, logger: logger
        ).decode((String, String).self).collect()
        let byID = Dictionary(names, uniquingKeysWith: { first, _ in first })
        return tallies.map { tally in
            var named = tally
            named.organisationName = tally.tally.organisationID.flatMap { byID[$0] } ?? ""
            return named
        }
    }

    /// Records the next revision of each tally as emitted. Returns the `support|organisation|period` keys whose
    /// emission row is new: a racing replica that recorded one first makes it absent here.
    func recordEmissions(_ due: [StoredTally], on connection: PostgresConnection) async throws -> Set<String> {
        guard !due.isEmpty else { return [] }
        let supports = due.map(\.tally.knowledgeSupportID)
        let organisations = due.map { $0.tally.organisationID ?? "" }
        let periods = due.map(\.tally.period.description)
        let revisions = due.map { $0.revision + 1 }
        let inserted = try await connection.query(
            """
            INSERT INTO \(unescaped: table("summary_emissions")) (knowledge_support_id, organisation_id, period, revision)
            SELECT * FROM unnest(\(supports)::text[], \(organisations)::text[], \(periods)::text[], \(revisions)::int[])
            ON CONFLICT DO NOTHING RETURNING knowledge_support_id || '|' || organisation_id || '|' || period
            """, logger: logger
        ).decode(String.self).collect()
        try await connection.query(
            """
            UPDATE \(unescaped: table("tallies")) AS t SET revision = u.r, emitted_changes = u.c, due = false
            FROM unnest(\(supports)::text[], \(organisations)::text[], \(periods)::text[], \(revisions)::int[],
                        \(due.map(\.changes))::int8[]) AS u(s, o, p, r, c)
            WHERE t.knowledge_support_id = u.s AND t.organisation_id = u.o AND t.period = u.p
            """, logger: logger)
        return Set(inserted)
    }

    /// One tally per period, in order, for all organisations or for one. Periods without
    /// feedback have zero counts and revision 0.
    func tallies(_ support: String, periods: [Period], organisation: String?, on connection: PostgresConnection) async throws -> [StoredTally] {
        var stored: [Period: StoredTally] = [:]
        let rows = try await connection.query(
            """
            SELECT \(unescaped: Self.tallyColumns) FROM \(unescaped: table("tallies"))
            WHERE knowledge_support_id = \(support) AND organisation_id = \(organisation ?? "")
              AND period = ANY(\(periods.map(\.description))::text[])
            """, logger: logger)
        for try await row in rows {
            let entry = try Self.tally(from: row)
            stored[entry.tally.period] = entry
        }
        return periods.map { stored[$0] ?? Self.empty(support, $0, organisation) }
    }

    private static func empty(_ support: String, _ period: Period, _ organisation: String?) -> StoredTally {
        StoredTally(
            tally: FeedbackTally(knowledgeSupportID: support, period: period, organisationID: organisation),
            endsAt: endOfPeriod(period), revision: 0, changes: 0)
    }
}
