import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import Storage

/// Emits `feedback.summary.v1` for each support and period once the period has closed (its last
/// day in Stockholm plus the grace), and again with the next revision whenever late feedback has
/// changed a closed period since. Once per revision whatever the restarts or replicas: the tally
/// rows are locked, and each emission is written with a `summary_emissions` row whose key allows
/// it once, in the transaction that writes the event.
public struct PeriodCloser: Service {
    let store: FeedbackStore
    let interval: Duration

    public init(store: FeedbackStore, interval: Duration) {
        self.store = store
        self.interval = interval
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let emitted = try await close()
                    if emitted > 0 { store.logger.info("feedback summaries emitted", metadata: ["count": "\(emitted)"]) }
                } catch is CancellationError {
                    return
                } catch {
                    store.logger.warning("closing periods failed; trying again next round", metadata: ["error": "\(error)"])
                }
                // Shutdown cancels the sleep: that is the normal way out, not an error.
                do { try await Task.sleep(for: interval) } catch { return }
            }
        }
    }

    /// One look: emits what is due and returns how many summaries it wrote.
    @discardableResult
    public func close() async throws -> Int {
        var emitted = 0
        let grace = Double(store.settings.periodGrace.seconds)
        while true {
            let (seen, written) = try await store.transaction { connection in
                let rows = try await connection.query("""
                    SELECT \(unescaped: FeedbackStore.tallyColumns) FROM \(unescaped: store.table("tallies"))
                    WHERE due AND ends_at <= now() - \(grace) * interval '1 second'
                    ORDER BY ends_at, knowledge_support_id, period
                    LIMIT 200 FOR UPDATE SKIP LOCKED
                    """, logger: store.logger)
                var due: [StoredTally] = []
                for try await row in rows { due.append(try FeedbackStore.tally(from: row)) }
                guard !due.isEmpty else { return ((0, 0), [OutboxEvent]()) }
                let supports = due.map(\.tally.knowledgeSupportID)
                let periods = due.map(\.tally.period.description)
                let revisions = due.map { $0.revision + 1 }
                let inserted = try await connection.query("""
                    INSERT INTO \(unescaped: store.table("summary_emissions")) (knowledge_support_id, period, revision)
                    SELECT * FROM unnest(\(supports)::text[], \(periods)::text[], \(revisions)::int[])
                    ON CONFLICT DO NOTHING RETURNING knowledge_support_id || '|' || period
                    """, logger: store.logger).decode(String.self).collect()
                try await connection.query("""
                    UPDATE \(unescaped: store.table("tallies")) AS t SET revision = u.r, emitted_changes = u.c, due = false
                    FROM unnest(\(supports)::text[], \(periods)::text[], \(revisions)::int[], \(due.map(\.changes))::int8[]) AS u(s, p, r, c)
                    WHERE t.knowledge_support_id = u.s AND t.period = u.p
                    """, logger: store.logger)
                let fresh = Set(inserted)
                let now = Int64(Date().timeIntervalSince1970)
                let events = due.filter { fresh.contains("\($0.tally.knowledgeSupportID)|\($0.tally.period)") }.map {
                    FeedbackEvents.summary(Kunskapsloop_Feedback_V1_FeedbackSummary($0.tally, revision: $0.revision + 1, closed: true, computedAt: now))
                }
                return ((due.count, events.count), events)
            }
            emitted += written
            if seen < 200 { return emitted }
        }
    }
}
