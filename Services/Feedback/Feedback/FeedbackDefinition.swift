import Foundation
import Messaging
import ServiceRuntime
import Storage

/// The feedback service as the runtime runs it: its migrations, the intake and catalog-event
/// consumers, the sweeper of waiting submissions, the period closer and the RPC methods.
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
    ///   - settings: the service's own settings; default all defaults.
    ///   - queues: the queues to consume; default the suite's.
    ///   - topology: what to declare; default the feedback part of the suite's topology.
    public static func make(
        name: String = "feedback", settings: FeedbackSettings = FeedbackSettings(), queues: Queues = Queues(), topology: Topology? = nil
    ) -> ServiceDefinition {
        ServiceDefinition(
            name: name,
            defaultHTTPPort: 8082,
            migrations: { try migrations() },
            topology: topology ?? Topology.kunskapsloop.owned(by: name),
            router: { context in FeedbackRouter.make(service: name, store: try store(context, name, settings)) },
            services: { context in
                let store = try store(context, name, settings)
                let intake = FeedbackIntake(store: store, inboundQueue: queues.inbound)
                let projection = CatalogProjection(store: store, intake: intake)
                // Two intake consumers, so one batch's commit (slow on this kind of disk) overlaps
                // the next batch's work. Their tally upserts take rows in key order: no deadlock
                // between them. The projection places waiting items support by support, so it can
                // deadlock with an intake batch; the loser's batch runs again (TransactionalConsumer).
                let intakes = try (0..<2).map { _ in
                    try context.transactionalConsumer(queue: queues.inbound, batchSize: 500, batchHandler: { deliveries, context in
                        try await intake.handleBatch(deliveries, &context)
                    })
                }
                return intakes + [
                    try context.transactionalConsumer(queue: queues.events, batchSize: 50, handler: { delivery, context in
                        try await projection.handle(delivery, &context)
                    }),
                    PendingSweeper(intake: intake, interval: settings.pendingCheckInterval),
                    PeriodCloser(store: store, interval: settings.summaryInterval),
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

    static func store(_ context: ServiceContext, _ name: String, _ settings: FeedbackSettings) throws -> FeedbackStore {
        try FeedbackStore(client: context.database.client, schema: name, settings: settings, logger: context.logger)
    }
}
