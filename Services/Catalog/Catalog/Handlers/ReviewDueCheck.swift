import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import RPC
import ServiceLifecycle
import Storage
import SwiftProtobuf

/// Raises `catalog.knowledge_support.review_due.v1` once when a published support comes within
/// the window of its review date and once more when the date has passed: once per support, due
/// date and stage, whatever the restarts or replicas, because each event is written together with
/// a `review_notices` row whose key allows it only once.
public struct ReviewDueScheduler: Service {
    let store: CatalogStore
    let windowDays: Int
    let interval: Duration

    public init(store: CatalogStore, windowDays: Int, interval: Duration) {
        self.store = store
        self.windowDays = windowDays
        self.interval = interval
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let raised = try await check()
                    if raised > 0 { store.logger.info("review-due events raised", metadata: ["count": "\(raised)"]) }
                    try await store.pruneReplies()
                } catch is CancellationError {
                    return
                } catch {
                    store.logger.warning("review-due check failed; trying again next round", metadata: ["error": "\(error)"])
                }
                // Shutdown cancels the sleep: that is the normal way out, not an error.
                do { try await Task.sleep(for: interval) } catch { return }
            }
        }
    }

    /// One look: raises what is due and returns how many events it wrote.
    /// - Parameter today: the date to judge by; the database's date in Sweden when nil.
    @discardableResult
    public func check(today: CivilDate? = nil) async throws -> Int {
        var raised = 0
        while true {
            let batch = try await store.transaction { tx in
                let day: CivilDate
                if let today { day = today } else { day = try await tx.today() }
                // Held (shared) until the events are written: a support retired or re-published
                // meanwhile waits, and one being changed now is left for the next look.
                let candidates = try await tx.query("""
                    SELECT k.id, k.review_due_on - DATE '1970-01-01'
                    FROM \(unescaped: tx.table("knowledge_supports")) k
                    WHERE k.status IN ('published', 'under_review')
                      AND k.review_due_on <= DATE '1970-01-01' + \(day.daysSinceEpoch + windowDays)::int
                      AND NOT EXISTS (
                          SELECT 1 FROM \(unescaped: tx.table("review_notices")) n
                          WHERE n.knowledge_support_id = k.id AND n.review_due_on = k.review_due_on
                            AND n.stage = CASE WHEN k.review_due_on < DATE '1970-01-01' + \(day.daysSinceEpoch)::int
                                               THEN 'overdue' ELSE 'approaching' END)
                    ORDER BY k.review_due_on, k.id
                    LIMIT 200
                    FOR SHARE OF k SKIP LOCKED
                    """).decode((UUID, Int).self).collect()
                var written = 0
                for (id, dueDays) in candidates {
                    let due = CivilDate(daysSinceEpoch: dueDays)
                    guard let stage = KnowledgeSupport.reviewStage(due: due, today: day, windowDays: windowDays) else { continue }
                    // A racing replica that inserted first makes this return nothing: no second event.
                    let inserted = try await tx.query("""
                        INSERT INTO \(unescaped: tx.table("review_notices")) (knowledge_support_id, review_due_on, stage)
                        VALUES (\(id), DATE '1970-01-01' + \(dueDays)::int, \(stage.rawValue))
                        ON CONFLICT DO NOTHING RETURNING 1
                        """).decode(Int.self).collect()
                    guard !inserted.isEmpty else { continue }
                    let support = try await tx.support(id)
                    tx.emit(CatalogEvents.reviewDue(support, stage: stage == .overdue ? .overdue : .approaching,
                                                    due: ProtoDate(due), daysUntilDue: day.days(to: due)))
                    written += 1
                }
                return (candidates.count, written)
            }
            raised += batch.1
            if batch.0 < 200 { return raised }
        }
    }
}

extension CatalogStore {
    /// Stored RPC replies are only needed while a request can still be redelivered.
    func pruneReplies() async throws {
        try await client.query("DELETE FROM \(unescaped: table("rpc_replies")) WHERE created_at < now() - interval '7 days'", logger: logger)
    }
}
