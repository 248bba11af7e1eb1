import Domain
import Foundation
import Logging
import PostgresNIO
import Storage

/// A tally as stored, with the summary bookkeeping.
struct StoredTally: Sendable {
    var tally: FeedbackTally
    /// The organisation's name as the projection knows it ("" for all organisations).
    var organisationName = ""
    /// Stockholm midnight after the period's last day (seconds since the epoch).
    let endsAt: Int64
    /// The last revision emitted (0: none yet).
    let revision: Int
    let changes: Int64
}

extension FeedbackStore {
    /// Adds items to their week's and month's tallies, for all organisations and for the one the
    /// item names: one upsert for the batch, rows in key order so that two replicas cannot
    /// deadlock on them.
    func addToTallies(_ items: [FeedbackItem], on connection: PostgresConnection) async throws {
        guard !items.isEmpty else { return }
        // Keyed by value, not by a formatted string: this runs four times for every item taken in.
        struct Key: Hashable {
            let support: String
            let organisation: String?
            let period: Period
        }
        var tallies: [Key: FeedbackTally] = [:]
        func add(_ item: FeedbackItem, _ period: Period, _ organisation: String?) {
            let key = Key(support: item.knowledgeSupportID, organisation: organisation, period: period)
            tallies[key, default: FeedbackTally(knowledgeSupportID: key.support, period: period, organisationID: organisation)]
                .add(kind: item.kind, answer: item.answer, respondentRole: item.respondentRole)
        }
        for item in items {
            add(item, item.week, nil)
            add(item, item.month, nil)
            if let organisation = item.organisationID {
                add(item, item.week, organisation)
                add(item, item.month, organisation)
            }
        }
        let rows = tallies.values.map { ($0, $0.period.description) }
            .sorted { ($0.0.knowledgeSupportID, $0.0.organisationID ?? "", $0.1) < ($1.0.knowledgeSupportID, $1.0.organisationID ?? "", $1.1) }
            .map(\.0)
        func column(_ value: (FeedbackTally) -> Int) -> [Int] { rows.map(value) }
        try await connection.query(
            """
            INSERT INTO \(unescaped: table("tallies")) AS t
                (knowledge_support_id, organisation_id, period, ends_at, total, helpful_yes, helpful_no, rating_1, rating_2, rating_3, rating_4,
                 rating_5, experience, improvement_suggestion, role_patient, role_relative, role_professional, role_unknown, changes, due)
            SELECT s, o, p, to_timestamp(e::float8), n, y, no, r1, r2, r3, r4, r5, ex, im, pa, re, pr, un, n, true
            FROM unnest(\(rows.map(\.knowledgeSupportID))::text[], \(rows.map { $0.organisationID ?? "" })::text[],
                        \(rows.map(\.period.description))::text[],
                        \(rows.map { Self.endOfPeriod($0.period) })::int8[], \(column(\.totalCount))::int[],
                        \(column(\.helpfulYesCount))::int[], \(column(\.helpfulNoCount))::int[],
                        \(column { $0.ratingCounts[0] })::int[], \(column { $0.ratingCounts[1] })::int[], \(column { $0.ratingCounts[2] })::int[],
                        \(column { $0.ratingCounts[3] })::int[], \(column { $0.ratingCounts[4] })::int[],
                        \(column(\.experienceCount))::int[], \(column(\.improvementSuggestionCount))::int[],
                        \(column(\.respondentRoleCounts.patient))::int[], \(column(\.respondentRoleCounts.relative))::int[],
                        \(column(\.respondentRoleCounts.professional))::int[], \(column(\.respondentRoleCounts.unknown))::int[])
                AS u(s, o, p, e, n, y, no, r1, r2, r3, r4, r5, ex, im, pa, re, pr, un)
            ON CONFLICT (knowledge_support_id, organisation_id, period) DO UPDATE SET
                total = t.total + EXCLUDED.total, helpful_yes = t.helpful_yes + EXCLUDED.helpful_yes,
                helpful_no = t.helpful_no + EXCLUDED.helpful_no, rating_1 = t.rating_1 + EXCLUDED.rating_1,
                rating_2 = t.rating_2 + EXCLUDED.rating_2, rating_3 = t.rating_3 + EXCLUDED.rating_3,
                rating_4 = t.rating_4 + EXCLUDED.rating_4, rating_5 = t.rating_5 + EXCLUDED.rating_5,
                experience = t.experience + EXCLUDED.experience,
                improvement_suggestion = t.improvement_suggestion + EXCLUDED.improvement_suggestion,
                role_patient = t.role_patient + EXCLUDED.role_patient, role_relative = t.role_relative + EXCLUDED.role_relative,
                role_professional = t.role_professional + EXCLUDED.role_professional,
                role_unknown = t.role_unknown + EXCLUDED.role_unknown, changes = t.changes + EXCLUDED.changes, due = true
            """, logger: logger)
    }

    /// Stockholm midnight after the period's last day, in seconds since the epoch.
    static func endOfPeriod(_ period: Period) -> Int64 {
        let midnightUTC = Int64(period.end.adding(days: 1).daysSinceEpoch) * 86_400
        // Clocks change at 01:00 UTC, so two hours before UTC midnight has the offset of local midnight.
        return midnightUTC - StockholmTime.utcOffset(at: midnightUTC - 7_200)
    }

    /// The columns `tally(from:)` reads.
    static let tallyColumns = """
        knowledge_support_id, organisation_id, period, extract(epoch FROM ends_at)::int8 AS ends_at, total, helpful_yes, helpful_no,
        rating_1, rating_2, rating_3, rating_4, rating_5, experience, improvement_suggestion,
        role_patient, role_relative, role_professional, role_unknown, revision, changes
        """

    static func tally(from row: PostgresRow) throws -> StoredTally {
        let r = row.makeRandomAccess()
        let int = { (name: String) throws -> Int in Int(try r[name].decode(Int32.self)) }
        let period = try Period(parsing: try r["period"].decode(String.self))
        let ratings = try (1...5).map { try int("rating_\($0)") }
        let roles = FeedbackTally.RoleCounts(
            patient: try int("role_patient"), relative: try int("role_relative"),
            professional: try int("role_professional"), unknown: try int("role_unknown"))
        let organisation = try r["organisation_id"].decode(String.self)
        let tally = FeedbackTally(
            knowledgeSupportID: try r["knowledge_support_id"].decode(String.self), period: period,
            organisationID: organisation.isEmpty ? nil : organisation,
            totalCount: try int("total"), helpfulYesCount: try int("helpful_yes"), helpfulNoCount: try int("helpful_no"),
            ratingCounts: ratings, experienceCount: try int("experience"),
            improvementSuggestionCount: try int("improvement_suggestion"), respondentRoleCounts: roles)
        return StoredTally(
            tally: tally, endsAt: try r["ends_at"].decode(Int64.self), revision: try int("revision"),
            changes: try r["changes"].decode(Int64.self))
    }
}
