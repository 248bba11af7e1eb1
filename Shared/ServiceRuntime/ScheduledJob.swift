import Foundation
import Logging
import Messaging
import PostgresNIO
import ServiceLifecycle
import Storage

/// Work a service does on a clock (closing periods, looking for due reviews or overdue steps,
/// expiring waiting submissions): once per tick across replicas, its failures logged and tried
/// again at the next tick, ended by graceful shutdown. The work itself must still be safe to run
/// twice (a tick claimed by a replica that then died is not run again): the jobs lock their rows
/// and write each effect with a key that allows it once.
public struct ScheduledJob: Service {
    /// What the job does at a tick, given the time it runs at; returns how many things it did
    /// (logged when more than none).
    public typealias Work = @Sendable (Date) async throws -> Int

    public let name: String
    let interval: Duration
    let database: Database
    let logger: Logger
    let now: @Sendable () -> Date
    let work: Work

    /// - Parameters:
    ///   - name: the job's name, unique in the service (`review_due`).
    ///   - interval: the tick; replicas wake at its boundaries and one of them runs the work.
    ///   - now: the clock (tests inject their own).
    public init(
        _ name: String, every interval: Duration, database: Database, logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }, work: @escaping Work
    ) {
        self.name = name
        self.interval = interval
        self.database = database
        var logger = logger
        logger[metadataKey: LogKey.job] = .string(name)
        self.logger = logger
        self.now = now
        self.work = work
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    if let done = try await runOnce(), done > 0 { logger.info("\(name): \(done) done") }
                } catch is CancellationError {
                    return
                } catch {
                    logger.warning("\(name) failed; trying again next tick", metadata: ["error": "\(String(reflecting: error))"])
                }
                // Shutdown cancels the sleep: that is the normal way out, not an error.
                do { try await Task.sleep(for: untilNextTick()) } catch { return }
            }
        }
    }

    /// Claims the current tick and, when this replica won it, runs the work; nil when another
    /// replica had the tick.
    @discardableResult
    public func runOnce() async throws -> Int? {
        let at = now()
        guard try await claim(tick(at)) else { return nil }
        return try await work(at)
    }

    func tick(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / seconds).rounded(.down))
    }

    private var seconds: Double {
        max(0.001, Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18)
    }

    private func untilNextTick() -> Duration {
        let at = now().timeIntervalSince1970
        let next = (at / seconds).rounded(.down) * seconds + seconds
        // A little spread, so replicas do not all reach the database in the same millisecond.
        return .milliseconds(Int((next - at) * 1000) + Int.random(in: 0...50))
    }

    private func claim(_ tick: Int64) async throws -> Bool {
        let (table, name, logger) = (database.table("scheduled_ticks"), name, logger)
        return try await database.read { connection in
            let won = try await connection.query(
                """
                INSERT INTO \(unescaped: table) (job, tick) VALUES (\(name), \(tick))
                ON CONFLICT DO NOTHING RETURNING 1
                """, logger: logger
            ).decode(Int.self).collect()
            if !won.isEmpty {
                try await connection.query("DELETE FROM \(unescaped: table) WHERE job = \(name) AND tick < \(tick - 1000)", logger: logger)
            }
            return !won.isEmpty
        }
    }
}
