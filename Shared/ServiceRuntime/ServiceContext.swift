import Hummingbird
import Logging
import Messaging
import PostgresNIO
import RPC
import ServiceLifecycle
import Storage

/// What a service's own parts are built from: the configuration and the shared clients.
public struct ServiceContext: Sendable {
    public let configuration: RuntimeConfiguration
    /// The service's schema on the shared pool (`database.client` is the pool itself).
    public let database: Database
    /// For publishing (the outbox relay, RPC replies).
    public let publisher: AMQPConnection
    /// For consuming (inbound messages, events, RPC requests).
    public let consumer: AMQPConnection
    public let logger: Logger

    /// - Throws: `StorageError` when the service's name is not a plain schema name.
    public init(
        configuration: RuntimeConfiguration, database: PostgresClient, schema: String, publisher: AMQPConnection,
        consumer: AMQPConnection, logger: Logger
    ) throws(StorageError) {
        self.configuration = configuration
        self.database = try Database(client: database, schema: schema, logger: logger)
        self.publisher = publisher
        self.consumer = consumer
        self.logger = logger
    }

    /// A transactional consumer of one of the service's queues on the shared connections.
    public func transactionalConsumer(
        queue: String, batchSize: Int = 200, handler: @escaping TransactionalConsumer.Handler
    ) throws(StorageError) -> TransactionalConsumer {
        try TransactionalConsumer(
            configuration: consumerConfiguration(queue, batchSize), connection: consumer, client: database.client,
            schema: database.schema, logger: logger, handler: handler)
    }

    /// A transactional consumer whose handler takes the new messages of each batch together
    /// (`linger` and `memory` as in `TransactionalConsumer.Configuration`).
    public func transactionalConsumer(
        queue: String, batchSize: Int = 200, linger: Duration = .zero, memory: TransactionalConsumer.Memory = .inbox,
        batchHandler: @escaping TransactionalConsumer.BatchHandler
    ) throws(StorageError) -> TransactionalConsumer {
        var configuration = consumerConfiguration(queue, batchSize)
        configuration.linger = linger
        configuration.memory = memory
        return try TransactionalConsumer(
            configuration: configuration, connection: consumer, client: database.client,
            schema: database.schema, logger: logger, batchHandler: batchHandler)
    }

    private func consumerConfiguration(_ queue: String, _ batchSize: Int) -> TransactionalConsumer.Configuration {
        var config = TransactionalConsumer.Configuration(queue: queue)
        config.batchSize = batchSize
        config.prefetch = UInt16(min(Int(UInt16.max), batchSize * 2))
        return config
    }
}

/// What a service brings to the runtime.
public struct ServiceDefinition: Sendable {
    /// `feedback`: schema, role, broker user and queue prefix.
    public var name: String
    /// The local-stack HTTP port when `KL_HTTP_PORT` is unset.
    public var defaultHTTPPort: Int
    /// The service's own migrations (the kernel's are added in front).
    public var migrations: @Sendable () throws -> [Migration]
    /// What the service declares on the broker at start-up (and after reconnects).
    public var topology: Topology
    /// Work that must finish before the service serves anything (seeding reference data), run
    /// after migrations and topology.
    public var prepare: @Sendable (ServiceContext) async throws -> Void
    /// RPC methods, when the service answers any.
    public var router: @Sendable (ServiceContext) throws -> RPCRouter?
    /// Consumers, scheduled jobs and other long-running parts, started after migrations.
    public var services: @Sendable (ServiceContext) throws -> [any Service]
    /// HTTP routes of its own beside `/healthz`, `/readyz` and `/metrics` (pages, links).
    public var routes: @Sendable (ServiceContext, Router<BasicRequestContext>) throws -> Void

    public init(
        name: String, defaultHTTPPort: Int, migrations: @escaping @Sendable () throws -> [Migration] = { [] },
        topology: Topology, prepare: @escaping @Sendable (ServiceContext) async throws -> Void = { _ in },
        router: @escaping @Sendable (ServiceContext) throws -> RPCRouter? = { _ in nil },
        services: @escaping @Sendable (ServiceContext) throws -> [any Service] = { _ in [] },
        routes: @escaping @Sendable (ServiceContext, Router<BasicRequestContext>) throws -> Void = { _, _ in }
    ) {
        self.name = name
        self.defaultHTTPPort = defaultHTTPPort
        self.migrations = migrations
        self.topology = topology
        self.prepare = prepare
        self.router = router
        self.services = services
        self.routes = routes
    }
}
