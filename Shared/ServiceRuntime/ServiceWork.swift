import Logging
import Messaging
import RPC
import ServiceLifecycle
import Storage

/// The service's own work, started once the database schema and the broker topology are in
/// place: outbox relay, RPC server, consumers and schedulers. They share this task's graceful
/// shutdown. Tests run it in-process with a context of their own.
public struct ServiceWork: Service {
    let definition: ServiceDefinition
    let context: ServiceContext
    let readiness: Readiness?

    public init(definition: ServiceDefinition, context: ServiceContext) {
        self.init(definition: definition, context: context, readiness: nil)
    }

    init(definition: ServiceDefinition, context: ServiceContext, readiness: Readiness?) {
        self.definition = definition
        self.context = context
        self.readiness = readiness
    }

    public func run() async throws {
        let logger = context.logger
        try await startUp()
        let relay = OutboxRelay(
            database: context.database, listenConfiguration: context.configuration.database, connection: context.publisher,
            configuration: .init(appID: "\(definition.name)-service"), logger: logger)
        var services: [any Service] = [relay]
        // Always answer on <service>.rpc: a method not (yet) registered gets UNIMPLEMENTED, not silence.
        var router = try definition.router(context) ?? RPCRouter(service: definition.name)
        router.unexpectedError = { error in
            isDatabaseUnavailable(error) ? RPCError.unavailable("the database is unavailable just now; send the request again shortly") : nil
        }
        services.append(RPCServer(router: router, consumerConnection: context.consumer, publisher: context.publisher, logger: logger))
        services += try definition.services(context)
        readiness?.watch(services.compactMap { $0 as? any ReadinessReporting })
        readiness?.markStarted()
        logger.info("started", metadata: ["http": "\(context.configuration.httpHost):\(context.configuration.httpPort)"])

        try await withThrowingTaskGroup(of: Void.self) { group in
            for service in services { group.addTask { try await service.run() } }
            try await group.waitForAll()
        }
    }

    /// Migrations, topology and the service's preparation; while the database is not there yet
    /// (a compose start, a failover) it waits with backoff and says so, instead of exiting.
    private func startUp() async throws {
        let logger = context.logger
        let outage = Outage(part: "start-up")
        var backoff = Duration.milliseconds(500)
        while true {
            do {
                let migrator = try Migrator(schema: definition.name, migrations: Migration.kernel + definition.migrations())
                let applied = try await migrator.migrate(context.database.client, logger: logger)
                logger.info("schema ready", metadata: ["applied": "\(applied.isEmpty ? "nothing new" : applied.joined(separator: ", "))"])
                try await SearchPath.require(definition.name, on: context.database.client, logger: logger)
                try await context.consumer.declare(definition.topology)
                try await definition.prepare(context)
                outage.ended(logger: logger)
                return
            } catch  where isDatabaseUnavailable(error) && !Task.isShuttingDownGracefully && !Task.isCancelled {
                outage.failed("database unavailable (\(error))", logger: logger)
                readiness?.startupWaits("database unavailable")
                try await Task.sleep(for: backoff)
                backoff = min(backoff * 2, .seconds(5))
            }
        }
    }
}
