import AsyncHTTPClient
import CatalogProjection
import Domain
import Foundation
import Logging
import Mail
import Messaging
import Metrics
import PostgresNIO
import ServiceLifecycle
import Storage
import Synchronization

/// Sends due deliveries: each round it takes the groups (recipient × channel, or a retry's
/// dispatch) whose time has come, at most `maxInFlight` at once, and sends each group as one
/// message. Claiming happens under the recipient's row lock, so two replicas never send the same
/// deliveries; the send itself runs outside any transaction, bounded by its channel's timeout.
final class Dispatcher: Service, ReadinessReporting, Sendable {
    let store: NotificationStore
    let projection: CatalogProjection
    let composer: MessageComposer
    let configuration: NotificationConfiguration
    let publicURL: String
    /// The database to listen on for new deliveries; nil: poll only.
    let listenConfiguration: DatabaseConfiguration?
    private let inFlight = Mutex<Set<DispatchGroup>>([])
    /// Woken by a new delivery (a trigger notifies `<schema>_deliveries` at commit; polling stays
    /// the floor) and by each finished dispatch.
    private let wakeup = Wakeup()
    private let outage = Outage(part: "notification dispatcher")
    private let inFlightGauge = Gauge(label: "kl_notification_dispatches_in_flight")

    init(
        store: NotificationStore, projection: CatalogProjection, configuration: NotificationConfiguration, publicURL: String,
        listenConfiguration: DatabaseConfiguration? = nil
    ) throws {
        self.listenConfiguration = listenConfiguration
        self.store = store
        self.projection = projection
        self.configuration = configuration
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        composer = try MessageComposer()
    }

    /// The clients a dispatcher sends with, made when it starts and shut down when it stops.
    struct Senders: Sendable {
        let smtp: SMTPClient
        let http: HTTPClient
    }

    private func withSenders<T: Sendable>(_ body: (Senders) async throws -> T) async throws -> T {
        let senders = Senders(
            smtp: SMTPClient(configuration: configuration.smtp, threads: min(configuration.maxInFlight, 8)),
            http: WebhookChannel.makeClient())
        senders.smtp.start()
        do {
            let result = try await body(senders)
            await senders.smtp.shutdown()
            try? await senders.http.shutdown()
            return result
        } catch {
            await senders.smtp.shutdown()
            try? await senders.http.shutdown()
            throw error
        }
    }

    /// Shown by `/readyz` while the dispatcher cannot reach the database.
    var readinessProblem: String? { outage.problem }

    func run() async throws {
        try await withSenders { senders in await loop(senders) }
    }

    private func loop(_ senders: Senders) async {
        await withTaskGroup(of: Void.self) { listening in
            if let listen = listenConfiguration {
                let listener = ChannelListener(
                    configuration: listen, channel: "\(store.schema)_deliveries", part: "dispatcher notifications",
                    wakeup: wakeup, logger: store.logger)
                listening.addTask { await listener.run() }
            }
            await dispatching(senders)
            listening.cancelAll()
        }
    }

    private func dispatching(_ senders: Senders) async {
        var rounds = 0
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled && !Task.isShuttingDownGracefully {
                do {
                    if rounds % 50 == 0 { try await housekeeping() }
                    _ = try await round(senders) { dispatch in group.addTask { await dispatch() } }
                    outage.ended(logger: store.logger)
                } catch {
                    outage.failed("\(error)", logger: store.logger)
                }
                rounds += 1
                // A new delivery wakes the loop at once; a finished dispatch frees a slot for the next poll.
                await wakeup.wait(timeout: configuration.pollInterval)
            }
        }
    }

    /// One round, waiting for what it started: for tests and benchmarks that drive the clock.
    /// Returns how many dispatches it started.
    @discardableResult
    func dispatchDue() async throws -> Int {
        try await withSenders { senders in
            try await withThrowingDiscardingTaskGroup { group in
                try await round(senders) { dispatch in group.addTask { await dispatch() } }
            }
        }
    }

    /// Starts a dispatch for each due group not already in flight, while slots are free.
    private func round(_ senders: Senders, start: (@escaping @Sendable () async -> Void) -> Void) async throws -> Int {
        let busy = inFlight.withLock { $0 }
        let free = configuration.maxInFlight - busy.count
        guard free > 0 else { return 0 }
        let now = configuration.clock()
        let groups = try await store.read { tx in try await self.store.dueGroups(now: now, limit: free + busy.count, on: tx) }
        var started = 0
        for group in groups where started < free {
            guard inFlight.withLock({ $0.insert(group).inserted }) else { continue }
            started += 1
            inFlightGauge.record(inFlight.withLock { $0.count })
            start {
                await self.dispatch(group, senders)
                self.inFlight.withLock { _ = $0.remove(group) }
                // Deliveries that came due while the group was in flight go out without waiting.
                self.wakeup.signal()
            }
        }
        return started
    }

    /// Gives back deliveries a dead sender left SENDING, and counts the open ones for `/metrics`.
    private func housekeeping() async throws {
        let recovered = try await store.transaction { tx in try await self.store.recoverAbandoned(on: tx) }
        if recovered > 0 { store.logger.warning("deliveries left sending by a stopped sender taken again", metadata: ["count": "\(recovered)"]) }
        let counts = try await store.read { tx in
            try await tx.query(
                """
                SELECT status, count(*)::int FROM \(unescaped: self.store.table("deliveries"))
                WHERE status IN ('pending', 'sending') GROUP BY status
                """
            ).decode((String, Int).self).collect()
        }
        for status in ["pending", "sending"] {
            Gauge(label: "kl_notification_deliveries_open", dimensions: [("status", status)])
                .record(counts.first { $0.0 == status }?.1 ?? 0)
        }
    }
}
