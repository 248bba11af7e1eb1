import CatalogProjection
import Foundation
import Messaging
import ServiceRuntime
import Storage

/// The feedback service as the runtime runs it: its migrations (with the catalog projection's),
/// the intake and catalog-event consumers, the scheduled sweep of waiting submissions and the
/// period summaries, and its RPC methods.
public enum FeedbackDefinition {
    /// Where the service takes its messages from. The defaults are the suite's queues; tests give
    /// their own names and routing keys, so that parallel tests never take each other's messages.
    public struct Queues: Sendable {
        /// Submissions from other systems (default `feedback.inbound`).
        public var inbound: String
        /// Catalog events for the projection (default `feedback.events`).
        public var events: String

        public init(inbound: String = "feedback.inbound", events: String = "feedback.events") {
            self.inbound = inbound
            self.events = events
        }
    }

    /// - Parameters:
    ///   - name: schema, role and RPC routing prefix (`feedback`; tests use scratch names).
    ///   - configuration: the service's own settings; default all defaults.
    ///   - queues: the queues to consume; default the suite's.
    ///   - topology: what to declare; default the feedback part of the suite's topology.
    public static func make(
        name: String = "feedback", configuration: FeedbackConfiguration = FeedbackConfiguration(), queues: Queues = Queues(),
        topology: Topology? = nil
    ) -> ServiceDefinition {
        ServiceDefinition(
            name: name,
            defaultHTTPPort: 8082,
            migrations: { CatalogProjection.migrations + (try migrations()) },
            topology: topology ?? Topology.kunskapsloop.owned(by: name),
            router: { context in FeedbackMethods.router(service: name, intake: try intake(context, configuration, queues)) },
            services: { context in
                let intake = try intake(context, configuration, queues)
                let inbound = intake.inbound
                let catalogEvents = CatalogEventsHandler(projection: intake.projection, intake: intake)
                let summaries = PeriodSummaries(store: intake.store)
                // Two intake consumers, so one batch's commit (slow on this kind of disk) overlaps
                // the next batch's work. Their tally upserts take rows in key order: no deadlock
                // between them. The catalog events place waiting items support by support, so they
                // can deadlock with an intake batch; the loser's batch runs again (TransactionalConsumer).
                // Batches of up to 2,000 that wait for more while they keep coming: under load,
                // per-batch work (statements, tallies, the event, commit, ack) spread over more
                // messages cut the database's and the service's CPU per message by more than half
                // (make bench, #20). A 50 ms wait left batches of ~400 (each consumer gets half the
                // flow); 250 ms fills them (~1,900), and a lone message still waits only 10 ms.
                // The items (unique message_id) and the waiting submissions are the record of what
                // was taken in: no inbox row each.
                let intakes = try (0..<2).map { _ in
                    try context.transactionalConsumer(
                        queue: queues.inbound, batchSize: 2000, linger: .milliseconds(250), memory: .handler
                    ) { deliveries, consumerContext in
                        try await inbound.handleBatch(deliveries, &consumerContext)
                    }
                }
                return intakes + [
                    try context.transactionalConsumer(queue: queues.events, batchSize: 50) { delivery, consumerContext in
                        try await catalogEvents.handle(delivery, &consumerContext)
                    },
                    ScheduledJob(
                        "waiting_submissions", every: configuration.pendingCheckInterval, database: context.database,
                        logger: context.logger
                    ) { now in try await intake.sweep(now: now) },
                    ScheduledJob(
                        "period_summaries", every: configuration.summaryInterval, database: context.database,
                        logger: context.logger
                    ) { now in try await summaries.close(now: now) },
                ]
            })
    }

    /// The feedback service's SQL migrations, shipped in this module's bundle.
    public static func migrations() throws -> [Migration] {
        guard let directory = Bundle.module.url(forResource: "Migrations", withExtension: nil) else {
            throw StorageError(.invalidMigration, "the feedback service's Migrations folder is missing from its bundle")
        }
        return try Migration.load(from: directory)
    }

    static func intake(_ context: ServiceContext, _ configuration: FeedbackConfiguration, _ queues: Queues) throws -> FeedbackIntake {
        FeedbackIntake(
            store: FeedbackStore(database: context.database, configuration: configuration),
            projection: try CatalogProjection(schema: context.database.schema, logger: context.logger),
            configuration: configuration, inboundQueue: queues.inbound)
    }
}
