import Foundation
import Logging
import Messaging
import Metrics
import PostgresNIO
import ServiceLifecycle
import Synchronization

/// Publishes a schema's outbox to RabbitMQ: in id order, pipelined, each row deleted only after
/// the broker confirmed it.
///
/// One relay per schema publishes at a time: it holds the lease row in its own schema's
/// `outbox_relay_lease`, which only the service's role can write (a database-wide advisory lock
/// could be taken by any role, and so stop another service's relay). Replicas wait as standbys
/// and take over when the holder's listening session is gone (its process died) or the lease
/// has expired (it stopped renewing). It wakes on `NOTIFY <schema>_outbox` (a listening
/// connection of its own, `ChannelListener`) and polls as a fallback. Rows left by a crash or a
/// failed publish are simply still pending and go out on the next pass; a row that keeps failing
/// is retried with backoff (`attempts`, `last_error`, `kl_outbox_publish_failures_total`), never
/// dropped. A lost database is logged once, waited out with backoff, and reported to `/readyz`.
public final class OutboxRelay: Service, ReadinessReporting, Sendable {
    public struct Configuration: Sendable {
        /// Rows per pass (default 500).
        public var batchSize = 500
        /// Fallback poll when no notification comes (default 1 s); the lease is renewed as often.
        public var pollInterval: Duration = .seconds(1)
        /// How long the lease lasts unrenewed (default 60 s): how long standbys wait for a leader
        /// that stopped renewing while its listening session lives on. A leader whose session is
        /// gone (its process died) is replaced at once.
        public var leaseDuration: Duration = .seconds(60)
        /// How long one pass waits for the broker's confirms (default 30 s, inside the lease: a
        /// publish given up on may still have arrived, and goes out again).
        public var publishTimeout: Duration = .seconds(30)
        /// Inbox rows older than this are deleted (default 7 days): the window in which a redelivered
        /// message is recognised.
        public var retention: Duration = .seconds(7 * 24 * 3600)
        /// How often pruning runs (default 10 minutes).
        public var pruneInterval: Duration = .seconds(600)
        /// The AMQP `app_id` of published events.
        public var appID: String
        public init(appID: String) { self.appID = appID }
    }

    let database: Database
    let listener: ChannelListener
    let connection: AMQPConnection
    let configuration: Configuration
    let logger: Logger
    /// This relay's lease holder id.
    let holder = UUID.random()
    let outage: Outage
    let leading = Mutex(false)
    /// Rows the broker confirmed whose delete did not go through (the database went away in
    /// between): deleted first on the next pass, and never published again by this relay.
    let confirmedNotDeleted = Mutex<[Int64]>([])
    let published: Counter
    let failures: Counter
    let pending: Gauge
    let oldestPending: Gauge

    public var schema: String { database.schema }

    /// - Parameters:
    ///   - database: the schema on the service's pool; the relay's reads and deletes go through it.
    ///   - listenConfiguration: where to open the relay's own listening connection.
    ///   - connection: the AMQP connection to publish on.
    public init(
        database: Database, listenConfiguration: DatabaseConfiguration, connection: AMQPConnection,
        configuration: Configuration, logger: Logger
    ) {
        self.database = database
        self.connection = connection
        self.configuration = configuration
        self.logger = logger
        listener = ChannelListener(configuration: listenConfiguration, channel: "\(database.schema)_outbox", part: "outbox notifications", logger: logger)
        outage = Outage(part: "outbox relay of \(database.schema)")
        let dims = [("schema", database.schema)]
        published = Counter(label: "kl_outbox_published_total", dimensions: dims)
        failures = Counter(label: "kl_outbox_publish_failures_total", dimensions: dims)
        pending = Gauge(label: "kl_outbox_pending", dimensions: dims)
        oldestPending = Gauge(label: "kl_outbox_oldest_pending_seconds", dimensions: dims)
    }

    public var readinessProblem: String? {
        outage.problem ?? listener.outage.problem
    }

    /// Runs until graceful shutdown, which it answers by publishing what is pending (when it
    /// leads), giving up the lease and returning.
    public func run() async throws {
        let wakeup = listener.wakeup
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await self.listener.run() }
            group.addTask { await self.measure() }
            await withGracefulShutdownHandler {
                await self.relay(wakeup: wakeup)
            } onGracefulShutdown: {
                wakeup.signal()
            }
            group.cancelAll()
            try await group.waitForAll()
        }
    }

    private func relay(wakeup: Wakeup) async {
        // Lead with the listening session named in the lease, so that a crash hands over at
        // once: wait (a few seconds at most) for the listener's first connection.
        let start = ContinuousClock.now
        while listener.backendPID.withLock({ $0 }) == nil, !listener.outage.isOngoing, ContinuousClock.now - start < .seconds(5),
            !Task.isCancelled, !Task.isShuttingDownGracefully
        {
            try? await Task.sleep(for: .milliseconds(20))
        }
        var backoff = Duration.milliseconds(500)
        var lastPrune = ContinuousClock.now.advanced(by: .zero - configuration.pruneInterval)
        while !Task.isCancelled {
            let shuttingDown = Task.isShuttingDownGracefully
            // Nothing to flush or give back while the database is away: the lease runs out.
            if shuttingDown && outage.isOngoing { return }
            var waitFor = configuration.pollInterval
            do {
                // Pass after pass while full batches come back, renewing the lease before each, so
                // a long drain never outlives it.
                var leads = false
                while try await holdLease() {
                    leads = true
                    let outcome = try await publishPending()
                    if let retry = outcome.retryIn {
                        waitFor = min(waitFor, retry)
                        break
                    }
                    if outcome.published < configuration.batchSize || shuttingDown { break }
                }
                if leads {
                    if !shuttingDown, ContinuousClock.now - lastPrune >= configuration.pruneInterval {
                        try await prune()
                        lastPrune = .now
                    }
                }
                outage.ended(logger: logger)
                backoff = .milliseconds(500)
            } catch {
                outage.failed("database unavailable (\(Self.describe(error)))", logger: logger)
                waitFor = backoff
                backoff = min(backoff * 2, .seconds(5))
            }
            if shuttingDown {
                await releaseLease()
                return
            }
            await wakeup.wait(timeout: waitFor)
        }
        await releaseLease()
    }

    /// Takes or renews the lease; false while another relay holds it.
    func holdLease() async throws -> Bool {
        let seconds = Double(configuration.leaseDuration.components.seconds)
        let holder = holder
        let pid = listener.backendPID.withLock { $0 }
        let table = database.table("outbox_relay_lease")
        let logger = logger
        let held = try await database.read { connection in
            try await connection.query(
                """
                UPDATE \(unescaped: table) AS l
                SET holder = \(holder), holder_pid = \(pid), expires_at = now() + make_interval(secs => \(seconds))
                WHERE l.holder = \(holder) OR l.expires_at < now()
                   OR (l.holder_pid IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = l.holder_pid))
                RETURNING true
                """, logger: logger
            ).decode(Bool.self).collect().first ?? false
        }
        let was = leading.withLock { state in
            defer { state = held }
            return state
        }
        if held && !was { logger.info("outbox relay leads", metadata: [LogKey.schema: "\(schema)"]) }
        if !held && was { logger.warning("outbox relay lost its lease to another replica", metadata: [LogKey.schema: "\(schema)"]) }
        return held
    }

    /// Lets a standby take over at once instead of after the lease runs out.
    func releaseLease() async {
        guard leading.withLock({ $0 }) else { return }
        let holder = holder
        let table = database.table("outbox_relay_lease")
        let logger = logger
        _ = try? await database.read { connection in
            try await connection.query("UPDATE \(unescaped: table) SET expires_at = '-infinity' WHERE holder = \(holder)", logger: logger)
        }
        leading.withLock { $0 = false }
    }

    static func describe(_ error: any Error) -> String {
        if let psql = error as? PSQLError { return "\(psql.code)" + (psql.serverInfo?[.message].map { ": \($0)" } ?? "") }
        return "\(error)"
    }
}
