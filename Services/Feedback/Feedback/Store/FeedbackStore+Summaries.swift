import Domain
import Foundation
import Logging
import PostgresNIO
import Storage

extension FeedbackStore {
    /// Tallies of closed periods changed since their last summary, locked for this transaction
    /// (rows another transaction holds are skipped: it is summarising them).
    func dueTallies(closedBefore cutoff: Date, limit: Int, on connection: PostgresConnection) async throws -> [StoredTally] {
        let rows = try await connection.query("""
            SELECT \(unescaped: Self.tallyColumns) FROM \(unescaped: table("tallies"))
            WHERE due AND ends_at <= \(cutoff)
            ORDER BY ends_at, knowledge_support_id, period
            LIMIT \(limit) FOR UPDATE SKIP LOCKED
            """, logger: logger)
        var due: [StoredTally] = []
        for try await row in rows { due.append(try Self.tally(from: row)) }
        return due
    }

    /// Records the next revision of each tally as emitted. Returns the `support|period` keys whose
    /// emission row is new: a racing replica that recorded one first makes it absent here.
    func recordEmissions(_ due: [StoredTally], on connection: PostgresConnection) async throws -> Set<String> {
        guard !due.isEmpty else { return [] }
        let supports = due.map(\.tally.knowledgeSupportID)
        let periods = due.map(\.tally.period.description)
        let revisions = due.map { $0.revision + 1 }
        let inserted = try await connection.query("""
            INSERT INTO \(unescaped: table("summary_emissions")) (knowledge_support_id, period, revision)
            SELECT * FROM unnest(\(supports)::text[], \(periods)::text[], \(revisions)::int[])
            ON CONFLICT DO NOTHING RETURNING knowledge_support_id || '|' || period
            """, logger: logger).decode(String.self).collect()
        try await connection.query("""
            UPDATE \(unescaped: table("tallies")) AS t SET revision = u.r, emitted_changes = u.c, due = false
            FROM unnest(\(supports)::text[], \(periods)::text[], \(revisions)::int[], \(due.map(\.changes))::int8[]) AS u(s, p, r, c)
            WHERE t.knowledge_support_id = u.s AND t.period = u.p
            """, logger: logger)
        return Set(inserted)
    }

    /// One tally per period, in order: the stored tallies for all organisations, or counted from
    /// the items for one. Periods without feedback have zero counts and revision 0.
    func tallies(_ support: String, periods: [Period], organisation: String?, on connection: PostgresConnection) async throws -> [StoredTally] {
        var stored: [Period: StoredTally] = [:]
        if let organisation {
            let column = periods[0].granularity == .isoWeek ? "week" : "month"
            let rows = try await connection.query("""
                SELECT \(unescaped: column), kind, helpful, rating::int4, respondent_role, count(*)::int4
                FROM \(unescaped: table("items"))
                WHERE knowledge_support_id = \(support) AND organisation_id = \(organisation)
                  AND \(unescaped: column) BETWEEN \(periods[0].description) AND \(periods[periods.count - 1].description)
                GROUP BY 1, 2, 3, 4, 5
                """, logger: logger)
            for try await (name, kindName, helpful, rating, roleName, count) in rows.decode((String, String, Bool?, Int32?, String, Int32).self) {
                guard let period = try? Period(parsing: name), let kind = FeedbackKind(rawValue: kindName) else { continue }
                let answer: FeedbackSubmission.Answer = helpful.map { .helpful($0) } ?? rating.map { .rating(Int($0)) } ?? .text("")
                var entry = stored[period] ?? Self.empty(support, period, organisation)
                for _ in 0..<count { entry.tally.add(kind: kind, answer: answer, respondentRole: RespondentRole(rawValue: roleName) ?? .unknown) }
                stored[period] = entry
            }
        } else {
            let rows = try await connection.query("""
                SELECT \(unescaped: Self.tallyColumns) FROM \(unescaped: table("tallies"))
                WHERE knowledge_support_id = \(support) AND period = ANY(\(periods.map(\.description))::text[])
                """, logger: logger)
            for try await row in rows {
                let entry = try Self.tally(from: row)
                stored[entry.tally.period] = entry
            }
        }
        return periods.map { stored[$0] ?? Self.empty(support, $0, organisation) }
    }

    private static func empty(_ support: String, _ period: Period, _ organisation: String?) -> StoredTally {
        StoredTally(tally: FeedbackTally(knowledgeSupportID: support, period: period, organisationID: organisation),
                    endsAt: endOfPeriod(period), revision: 0, changes: 0)
    }
}
