import CatalogProjection
import Foundation
import Hummingbird
import Messaging
import ServiceRuntime
import Storage

/// The follow-up service as the runtime runs it: its migrations (with the catalog projection's),
/// its consumers, scheduled jobs, RPC methods and HTTP routes.
public enum FollowUpDefinition {
    /// Where the service takes its messages from. The defaults are the suite's queues; tests give
    /// their own names and routing keys, so that parallel tests never take each other's messages.
    public struct Queues: Sendable {
        /// Measurements from other systems (default `followup.inbound`).
        public var inbound: String
        /// Catalog events and feedback summaries (default `followup.events`).
        public var events: String

        public init(inbound: String = "followup.inbound", events: String = "followup.events") {
            self.inbound = inbound
            self.events = events
        }
    }

    /// - Parameters:
    ///   - name: schema, role and RPC routing prefix (`followup`; tests use scratch names).
    ///   - configuration: the service's own settings; default all defaults.
    ///   - queues: the queues to consume; default the suite's.
    ///   - topology: what to declare; default the follow-up part of the suite's topology.
    ///   - eventPrefix: put in front of the events' routing keys (tests: `<name>.`); default none.
    ///   - now: the clock of the overdue next-step job (tests inject their own).
    public static func make(
        name: String = "followup", configuration: FollowUpConfiguration = FollowUpConfiguration(), queues: Queues = Queues(),
        topology: Topology? = nil, eventPrefix: String = "", now: @escaping @Sendable () -> Date = { Date() }
    ) -> ServiceDefinition {
        ServiceDefinition(
            name: name,
            defaultHTTPPort: 8083,
            migrations: { CatalogProjection.migrations + (try migrations()) },
            topology: topology ?? Topology.kunskapsloop.owned(by: name),
            router: { context in try FollowUpRouter.make(service: name, parts: try FollowUpParts(context, name: name, eventPrefix: eventPrefix)) },
            services: { context in
                let parts = try FollowUpParts(context, name: name, eventPrefix: eventPrefix)
                let measurements = MeasurementConsumer(intake: parts.intake, events: parts.events).inbound
                let events = EventsConsumer(store: parts.store, reanalysis: parts.reanalysis)
                return [
                    try context.transactionalConsumer(
                        queue: queues.inbound, batchSize: configuration.intakeBatchSize,
                        batchHandler: { deliveries, context in
                            try await measurements.handleBatch(deliveries, &context)
                        }),
                    try context.transactionalConsumer(
                        queue: queues.events, batchSize: 50,
                        handler: { delivery, context in
                            try await events.handle(delivery, &context)
                        }),
                    OverdueNextSteps(store: parts.store, events: parts.events).job(
                        database: context.database, every: configuration.overdueCheckInterval,
                        logger: context.logger, now: now),
                ]
            },
            routes: { context, router in
                try PageRoutes(parts: try FollowUpParts(context, name: name, eventPrefix: eventPrefix)).add(to: router)
            })
    }

    /// The service's own SQL migrations, shipped in this module's bundle.
    public static func migrations() throws -> [Migration] {
        guard let directory = Bundle.module.url(forResource: "Migrations", withExtension: nil) else {
            throw StorageError(.invalidMigration, "the follow-up service's Migrations folder is missing from its bundle")
        }
        return try Migration.load(from: directory)
    }
}

/// The parts every entry point (consumers, RPC, pages, jobs) shares.
struct FollowUpParts: Sendable {
    let store: FollowUpStore
    let events: FollowUpEvents
    let reanalysis: Reanalysis
    let intake: MeasurementIntake
    let database: Database

    init(_ context: ServiceContext, name: String, eventPrefix: String) throws {
        store = try FollowUpStore(schema: name, logger: context.logger)
        events = FollowUpEvents(prefix: eventPrefix, publicURL: context.configuration.publicURL)
        reanalysis = Reanalysis(store: store, events: events)
        intake = MeasurementIntake(store: store, reanalysis: reanalysis)
        database = context.database
    }
}
