import Foundation
import PostgresNIO

/// How many supports match a search: counted, or estimated where a count would read more than
/// `exactUpTo` rows.
///
/// A count reads every matching row. For a word found in a tenth of a 50,000-support catalog
/// that cost more than finding its best page; nobody pages through a thousand hits, and "about
/// 5,400" tells the reader what "5,349" does.
struct SearchTotal: Sendable, Equatable {
    static let exactUpTo = 1_000

    var count: Int
    var isEstimate = false
}

extension CatalogStore {
    /// The total of the rows `matching` (a `FROM … WHERE …` over `k`) selects. With one
    /// condition (the words, or one filter), where the planner expects more than `exactUpTo`,
    /// its estimate is the answer: it comes from the column statistics, close for a frequent word
    /// (5,411 for 5,349), low for a rare one, which is then counted. With `combined` conditions
    /// the planner takes them as independent, which they need not be (30 guidelines among 5,000
    /// methods on a subject came out as 2,545), so the rows are counted. A count reads at most
    /// `exactUpTo + 1` rows; one that reaches it answers the estimate, at least `exactUpTo + 1`,
    /// flagged.
    func total(of matching: SQLBuilder, combined: Bool) async throws -> SearchTotal {
        let estimate = try await estimatedRows(matching)
        let limit = SearchTotal.exactUpTo
        if !combined && estimate > limit { return SearchTotal(count: estimate, isEstimate: true) }
        let counted = try await count(
            PostgresQuery(
                unsafeSQL: "SELECT count(*) FROM (SELECT 1 \(matching.sql) LIMIT \(limit + 1)) c", binds: matching.binds))
        return counted <= limit ? SearchTotal(count: counted) : SearchTotal(count: max(estimate, limit + 1), isEstimate: true)
    }

    /// The planner's estimate of the rows `matching` selects (planning only, nothing is read).
    private func estimatedRows(_ matching: SQLBuilder) async throws -> Int {
        let rows = try await query(PostgresQuery(unsafeSQL: "EXPLAIN (FORMAT JSON) SELECT 1 \(matching.sql)", binds: matching.binds))
        var estimate = 0
        for try await plan in rows.decode(ByteBuffer.self) {
            estimate = SearchTotal.planRows(in: String(buffer: plan)) ?? 0
        }
        return estimate
    }
}

extension SearchTotal {
    /// The top node's "Plan Rows" of an `EXPLAIN (FORMAT JSON)` result.
    static func planRows(in json: String) -> Int? {
        guard let plans = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]],
            let plan = plans.first?["Plan"] as? [String: Any]
        else { return nil }
        return (plan["Plan Rows"] as? NSNumber)?.intValue
    }
}
