import Foundation
import Logging
import Messaging
import Metrics
import PostgresNIO
import ServiceLifecycle

/// Publishes a schema's outbox to RabbitMQ: in id order, pipelined, each row marked sent only
/// after the broker confirmed it.
///
/// One relay per schema is active at a time (a session advisory lock on the relay's own
/// connection elects it; replicas wait as standbys). It wakes on `NOTIFY <schema>_outbox` and polls as a fallback. Rows left
/// unpublished by a crash or a failed publish are simply still pending and go out on the next
/// pass; a row that keeps failing is retried with backoff (`attempts`, `last_error`,
/// `kl_outbox_publish_failures_total`), never dropped. A confirmed row is deleted; old inbox rows are pruned.
public final class OutboxRelay: Service, Sendable {
    public struct Configuration: Sendable {
        /// Rows per pass (default 500).
        public var batchSize = 500
        /// Fallback poll when no notification comes (default 1 s).
        public var pollInterval: Duration = .seconds(1)
        /// Inbox rows older than this are deleted (default 7 days): the window in which a redelivered
        /// message is recognised.
        public var retention: Duration = .seconds(7 * 24 * 3600)
        /// How often pruning runs (default 10 minutes).
        public var pruneInterval: Duration = .seconds(600)
        /// The AMQP `app_id` of published events.
        public var appID: String
        public init(appID: String) { self.appID = appID }
    }

    let database: DatabaseConfiguration
    let connection: AMQPConnection
    let schema: String
    let configuration: Configuration
    let logger: Logger
    let published: Counter
    let failures: Counter
    let pending: Gauge

    /// - Parameters:
    ///   - database: where the schema lives; the relay opens one connection of its own to lead
    ///     and listen, so that its leader lock ends with that connection, however the relay ends.
    ///   - connection: the AMQP connection to publish on.
    public init(database: DatabaseConfiguration, connection: AMQPConnection, schema: String, configuration: Configuration, logger: Logger) throws(StorageError) {
        try Migrator.validate(schema: schema)
        self.database = database
        self.connection = connection
        self.schema = schema
        self.configuration = configuration
        self.logger = logger
        published = Counter(label: "kl_outbox_published_total", dimensions: [("schema", schema)])
        failures = Counter(label: "kl_outbox_publish_failures_total", dimensions: [("schema", schema)])
        pending = Gauge(label: "kl_outbox_pending", dimensions: [("schema", schema)])
    }

    /// Runs until graceful shutdown, which it answers by publishing what is pending and returning.
    public func run() async throws {
        let wakeup = Wakeup()
        await withGracefulShutdownHandler {
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                do {
                    // A connection of its own, closed on every path: a session advisory lock left
                    // on a pooled connection would keep every later leader waiting.
                    let connection = try await PostgresConnection.connect(
                        configuration: database.connectionConfiguration(), id: 0, logger: logger)
                    do {
                        try await lead(on: connection, wakeup: wakeup)
                    } catch {
                        try? await connection.close()
                        throw error
                    }
                    try? await connection.close()
                } catch {
                    if Task.isShuttingDownGracefully || Task.isCancelled { break }
                    logger.warning("outbox relay lost its database connection; retrying", metadata: ["error": "\(String(reflecting: error))"])
                    await wakeup.wait(timeout: .seconds(1))
                }
            }
        } onGracefulShutdown: {
            wakeup.signal()
        }
    }

    /// Holds the leader lock on `connection`, listens, and publishes until shutdown.
    private func lead(on connection: PostgresConnection, wakeup: Wakeup) async throws {
        let lockKey = "kl.outbox.\(schema)"
        while try await !tryLock(lockKey, on: connection) {
            if Task.isShuttingDownGracefully { return }
            await wakeup.wait(timeout: configuration.pollInterval) // a standby: another replica leads
        }
        logger.info("outbox relay leads", metadata: ["schema": "\(schema)"])
        try await connection.listen(on: "\(schema)_outbox") { notifications in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for try await _ in notifications { wakeup.signal() }
                }
                try await self.publishLoop(on: connection, wakeup: wakeup)
                group.cancelAll()
            }
        }
        try await connection.query("SELECT pg_advisory_unlock(hashtext(\(lockKey)))", logger: logger)
    }

    private func tryLock(_ key: String, on connection: PostgresConnection) async throws -> Bool {
        let rows = try await connection.query("SELECT pg_try_advisory_lock(hashtext(\(key)))", logger: logger)
        for try await locked in rows.decode(Bool.self) { return locked }
        return false
    }

    private func publishLoop(on connection: PostgresConnection, wakeup: Wakeup) async throws {
        var lastPrune = ContinuousClock.now.advanced(by: .zero - configuration.pruneInterval)
        var lastGauge = ContinuousClock.now.advanced(by: .seconds(-1))
        while true {
            var waitFor = configuration.pollInterval
            // Pass after pass while full batches come back.
            while true {
                let outcome = try await publishPending(on: connection)
                if let backoff = outcome.retryIn { waitFor = min(waitFor, backoff); break }
                if outcome.published < configuration.batchSize { break }
            }
            // Counting reads the rows deleted since the last vacuum: once a second is enough.
            if ContinuousClock.now - lastGauge >= .seconds(1) {
                try await updatePendingGauge(on: connection)
                lastGauge = .now
            }
            if ContinuousClock.now - lastPrune >= configuration.pruneInterval {
                try await prune(on: connection)
                lastPrune = .now
            }
            if Task.isShuttingDownGracefully || Task.isCancelled { return }
            await wakeup.wait(timeout: waitFor)
            if Task.isShuttingDownGracefully {
                _ = try await publishPending(on: connection) // flush what came in before the shutdown
                return
            }
        }
    }
}
