import Foundation
import Hummingbird
import Logging
import Messaging
import Metrics
import PostgresNIO
import Prometheus
import RPC
import ServiceLifecycle
import Storage
import UnixSignals

/// Runs a service: read configuration (a bad setting: one line, exit 2), set up logging and
/// metrics, start the database client and both broker connections, migrate and declare
/// topology, then run the outbox relay, the RPC server, the service's own parts and the HTTP
/// endpoints until SIGTERM/SIGINT. Shutdown goes in reverse: HTTP closes, consumers stop taking
/// work and finish what they hold, the relay flushes, connections close; exit 0.
public enum ServiceMain {
    public static func run(_ definition: ServiceDefinition) async -> Never {
        let program = "\(definition.name)-service"
        let configuration: RuntimeConfiguration
        do {
            configuration = try RuntimeConfiguration(service: definition.name, defaultHTTPPort: definition.defaultHTTPPort)
        } catch {
            FileHandle.standardError.write(Data("\(program): \(error)\n".utf8))
            exit(2)
        }
        let logger = bootstrap(configuration)
        do {
            try await runServices(definition, configuration: configuration, logger: logger)
            logger.info("stopped")
            exit(0)
        } catch {
            logger.critical("stopped on error: \(error)")
            FileHandle.standardError.write(Data("\(program): \(error)\n".utf8))
            exit(1)
        }
    }

    /// Reads a service's own settings before anything starts; a bad one prints one line
    /// (`catalog-service: KL_X: problem`) and exits 2, like the common settings.
    public static func settings<T>(program: String, _ read: () throws(ConfigurationError) -> T) -> T {
        do {
            return try read()
        } catch {
            FileHandle.standardError.write(Data("\(program): \(error)\n".utf8))
            exit(2)
        }
    }

    static func bootstrap(_ configuration: RuntimeConfiguration) -> Logger {
        let service = configuration.service
        let level = configuration.logLevel
        if configuration.logFormat == "json" {
            LoggingSystem.bootstrap { label in
                var handler = JSONLogHandler(label: label, service: service)
                handler.logLevel = level
                return handler
            }
        } else {
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        }
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return Logger(label: "kl.\(service)")
    }

    /// The registry `/metrics` shows; every swift-metrics metric lands here.
    static let registry = PrometheusCollectorRegistry()

    static func runServices(_ definition: ServiceDefinition, configuration: RuntimeConfiguration, logger: Logger) async throws {
        // The pool logs every failed reconnect at info; the parts that need the database log
        // one line per outage themselves. Its details stay visible at debug.
        var poolLogger = logger
        if poolLogger.logLevel > .debug { poolLogger.logLevel = max(poolLogger.logLevel, .warning) }
        let database = PostgresClient(configuration: configuration.database.clientConfiguration, backgroundLogger: poolLogger)
        var publishConfig = configuration.amqp
        publishConfig.connectionName = "\(definition.name)-publish"
        var consumeConfig = configuration.amqp
        consumeConfig.connectionName = "\(definition.name)-consume"
        let publisher = AMQPConnection(configuration: publishConfig, logger: logger)
        let consumer = AMQPConnection(configuration: consumeConfig, logger: logger)
        let context = try ServiceContext(
            configuration: configuration, database: database, schema: definition.name,
            publisher: publisher, consumer: consumer, logger: logger)
        let readiness = Readiness(database: context.database, parts: [publisher, consumer])

        let work = ServiceWork(definition: definition, context: context, readiness: readiness)
        var appConfiguration = ApplicationConfiguration(address: .hostname(configuration.httpHost, port: configuration.httpPort))
        appConfiguration.serverName = definition.name
        let router = HealthServer.router(readiness: readiness, registry: registry, logger: logger)
        try definition.routes(context, router)
        let http = Application(router: router, configuration: appConfiguration, logger: logger)

        // Start order is dependency order; graceful shutdown runs in reverse. Past the shutdown
        // timeout whatever still runs is cancelled (work in hand stays unacked), and past that
        // the backstop ends the process.
        var groupConfiguration = ServiceGroupConfiguration(
            services: [
                .init(service: database),
                .init(service: consumer),
                .init(service: publisher),
                .init(service: work, successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup),
                .init(service: http),
                .init(service: ShutdownBackstop(timeout: configuration.shutdownTimeout, logger: logger), successTerminationBehavior: .ignore),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            cancellationSignals: [],
            logger: logger)
        groupConfiguration.maximumGracefulShutdownDuration = configuration.shutdownTimeout
        try await ServiceGroup(configuration: groupConfiguration).run()
    }
}
