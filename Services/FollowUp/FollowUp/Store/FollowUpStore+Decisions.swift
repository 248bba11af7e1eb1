import Domain
import Foundation
import PostgresNIO

extension FollowUpStore {
    /// The decisions of these indicators, oldest first, by indicator code.
    func decisions(_ codes: Set<String>, granularity: [String: Period.Granularity], on connection: PostgresConnection) async throws -> [String: [ChartDecision]]
    {
        guard !codes.isEmpty else { return [:] }
        let rows = try await connection.query(
            """
            SELECT indicator_code, id::text, kind, organisation_id, period_ordinal, baseline_length, withdrawn_decision_id::text, reason, label,
                   author, decided_at, withdrawn_by_decision_id::text
            FROM \(unescaped: table("decisions")) WHERE indicator_code = ANY(\(Array(codes))::text[]) ORDER BY seq
            """, logger: logger)
        var result: [String: [ChartDecision]] = [:]
        for try await (code, id, kind, org, ordinal, length, withdrawn, reason, label, author, at, withdrawnBy)
            in rows.decode((String, String, String, String?, Int?, Int, String?, String, String, String, Date, String?).self)
        {
            guard let kind = ChartDecision.Kind(rawValue: kind), let g = granularity[code] else { continue }
            result[code, default: []].append(
                ChartDecision(
                    id: id, kind: kind, organisationID: org, period: ordinal.map { Period(ordinal: $0, granularity: g) }, baselineLength: length,
                    withdrawnDecisionID: withdrawn, reason: reason, label: label, author: author, decidedAt: at.timeIntervalSince1970,
                    withdrawnByDecisionID: withdrawnBy))
        }
        return result
    }

    /// Records a decision (and, for a withdrawal, marks the decision it withdraws).
    func insert(_ decision: ChartDecision, indicatorCode: String, on connection: PostgresConnection) async throws {
        try await connection.query(
            """
            INSERT INTO \(unescaped: table("decisions")) (id, indicator_code, kind, organisation_id, period_ordinal, baseline_length,
                withdrawn_decision_id, reason, label, author, decided_at)
            VALUES (\(decision.id)::uuid, \(indicatorCode), \(decision.kind.rawValue), \(decision.organisationID), \(decision.period?.ordinal),
                \(decision.baselineLength), \(decision.withdrawnDecisionID)::uuid, \(decision.reason), \(decision.label), \(decision.author),
                \(Date(timeIntervalSince1970: decision.decidedAt)))
            """, logger: logger)
        if decision.kind == .withdrawal, let withdrawn = decision.withdrawnDecisionID {
            try await connection.query(
                """
                UPDATE \(unescaped: table("decisions")) SET withdrawn_by_decision_id = \(decision.id)::uuid
                WHERE id = \(withdrawn)::uuid AND indicator_code = \(indicatorCode)
                """, logger: logger)
        }
    }
}
