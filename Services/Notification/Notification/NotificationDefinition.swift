import CatalogProjection
import Foundation
import Messaging
import ServiceRuntime
import Storage

/// The notification service as the runtime runs it: its migrations (with the catalog projection's),
/// the consumer of `notification.events`, the dispatcher, the sweeper of held events, the RPC
/// methods and the unsubscribe link.
public enum NotificationDefinition {
    /// - Parameters:
    ///   - name: schema, role and RPC routing prefix (`notification`; tests use scratch names).
    ///   - configuration: the service's own settings; default all defaults.
    ///   - topology: what to declare; default the notification part of the suite's topology.
    ///   - queue: the events queue (default `<name>.events`).
    ///   - eventPrefix: put in front of the events' routing keys (tests: `<name>.`); default none.
    public static func make(
        name: String = "notification", configuration: NotificationConfiguration = NotificationConfiguration(), topology: Topology? = nil,
        queue: String? = nil, eventPrefix: String = ""
    ) -> ServiceDefinition {
        ServiceDefinition(
            name: name,
            defaultHTTPPort: 8084,
            migrations: { CatalogProjection.migrations + (try migrations()) },
            topology: topology ?? Topology.kunskapsloop.owned(by: name),
            router: { context in
                NotificationRouter.make(
                    service: name, store: try store(context, eventPrefix),
                    projection: try CatalogProjection(schema: name, logger: context.logger))
            },
            services: { context in
                let store = try store(context, eventPrefix)
                let projection = try CatalogProjection(schema: name, logger: context.logger)
                let router = EventRouter(store: store, projection: projection, configuration: configuration)
                return [
                    try context.transactionalConsumer(
                        queue: queue ?? "\(name).events", batchSize: 100,
                        handler: { delivery, consumer in
                            try await router.handle(delivery, &consumer)
                        }),
                    try Dispatcher(
                        store: store, projection: projection, configuration: configuration, publicURL: context.configuration.publicURL,
                        listenConfiguration: context.configuration.database),
                    ScheduledJob(
                        "held_events", every: configuration.heldCheckInterval, database: context.database, logger: context.logger,
                        now: configuration.clock
                    ) { now in
                        try await HeldEvents.expire(router: router, now: now)
                    },
                ]
            },
            routes: { context, http in UnsubscribeRoutes.add(to: http, store: try store(context, eventPrefix)) })
    }

    /// The service's own SQL migrations, shipped in this module's bundle.
    public static func migrations() throws -> [Migration] {
        guard let directory = Bundle.module.url(forResource: "Migrations", withExtension: nil) else {
            throw StorageError(.invalidMigration, "the notification service's Migrations folder is missing from its bundle")
        }
        return try Migration.load(from: directory)
    }

    static func store(_ context: ServiceContext, _ eventPrefix: String) throws -> NotificationStore {
        NotificationStore(database: context.database, eventPrefix: eventPrefix)
    }
}

/// Events held for an organisation the projection never learnt: past their deadline they are
/// routed by the ancestors they carry, and reported (a warning each, and a metric).
enum HeldEvents {
    static func expire(router: EventRouter, now: Date) async throws -> Int {
        var done = 0
        while true {
            let count = try await router.store.transaction { tx in
                let expired = try await router.store.releaseExpired(now: now, on: tx)
                for event in expired { try await router.route(event, fallback: true, on: tx) }
                return expired.count
            }
            done += count
            if count < 100 { return done }
        }
    }
}
