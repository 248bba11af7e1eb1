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
        let migrator = try Migrator(schema: definition.name, migrations: Migration.kernel + definition.migrations())
        let applied = try await migrator.migrate(context.database, logger: logger)
        logger.info("schema ready", metadata: ["applied": "\(applied.isEmpty ? "nothing new" : applied.joined(separator: ", "))"])
        try await SearchPath.require(definition.name, on: context.database, logger: logger)
        try await context.consumer.declare(definition.topology)
        try await definition.prepare(context)

        var services: [any Service] = [
            try OutboxRelay(database: context.configuration.database, connection: context.publisher, schema: definition.name,
                            configuration: .init(appID: "\(definition.name)-service"), logger: logger),
        ]
        // Always answer on <service>.rpc: a method not (yet) registered gets UNIMPLEMENTED, not silence.
        let router = try definition.router(context) ?? RPCRouter(service: definition.name)
        services.append(RPCServer(router: router, consumerConnection: context.consumer, publisher: context.publisher, logger: logger))
        services += try definition.services(context)
        readiness?.markStarted()
        logger.info("started", metadata: ["http": "\(context.configuration.httpHost):\(context.configuration.httpPort)"])

        try await withThrowingTaskGroup(of: Void.self) { group in
            for service in services { group.addTask { try await service.run() } }
            try await group.waitForAll()
        }
    }
}
