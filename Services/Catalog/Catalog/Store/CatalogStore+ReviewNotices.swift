import Domain
import Foundation
import PostgresNIO
import Storage

extension CatalogStore {
    /// Published supports whose review date lies within `windowDays` of `today` (or has passed)
    /// and whose notice for the stage they are in has not been written: at most `limit`, by date.
    /// Their rows are held (shared) until the transaction ends, so a support retired or
    /// re-published meanwhile waits, and one being changed now is left for the next look.
    func supportsDueForReview(today: CivilDate, windowDays: Int, limit: Int) async throws -> [(id: UUID, due: CivilDate)] {
        try await query(
            """
            SELECT k.id, k.review_due_on - DATE '1970-01-01'
            FROM \(unescaped: table("knowledge_supports")) k
            WHERE k.status IN ('published', 'under_review')
              AND k.review_due_on <= DATE '1970-01-01' + \(today.daysSinceEpoch + windowDays)::int
              AND NOT EXISTS (
                  SELECT 1 FROM \(unescaped: table("review_notices")) n
                  WHERE n.knowledge_support_id = k.id AND n.review_due_on = k.review_due_on
                    AND n.stage = CASE WHEN k.review_due_on < DATE '1970-01-01' + \(today.daysSinceEpoch)::int
                                       THEN 'overdue' ELSE 'approaching' END)
            ORDER BY k.review_due_on, k.id
            LIMIT \(limit)
            FOR SHARE OF k SKIP LOCKED
            """
        ).decode((UUID, Int).self).collect().map { ($0.0, CivilDate(daysSinceEpoch: $0.1)) }
    }

    /// Writes the notice of `stage` for the support and date; false when it was written already
    /// (by a racing replica): its key allows each once.
    func addReviewNotice(_ id: UUID, due: CivilDate, stage: KnowledgeSupport.ReviewStage) async throws -> Bool {
        try await query(
            """
            INSERT INTO \(unescaped: table("review_notices")) (knowledge_support_id, review_due_on, stage)
            VALUES (\(id), DATE '1970-01-01' + \(due.daysSinceEpoch)::int, \(stage.rawValue))
            ON CONFLICT DO NOTHING RETURNING 1
            """
        ).decode(Int.self).collect().count == 1
    }
}
