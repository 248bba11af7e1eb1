import Logging
import Messaging
import Storage

/// The settings every service reads (`KL_*`), with defaults that point at the local stack so a
/// bare start works after `make stack-up`.
public struct RuntimeConfiguration: Sendable {
    /// `catalog`, `feedback`, `followup`, `notification`: schema, role, broker user, queue prefix.
    public var service: String
    public var amqp: AMQPConfiguration
    public var database: DatabaseConfiguration
    public var httpHost: String
    public var httpPort: Int
    public var logLevel: Logger.Level
    /// `text` for people, `json` for containers.
    public var logFormat: String
    /// Where leaders' links point (`KL_PUBLIC_URL`), e.g. `http://127.0.0.1:8083`.
    public var publicURL: String
    /// How long SIGTERM may take (`KL_SHUTDOWN_TIMEOUT_SECONDS`, default 30): then what still runs
    /// is cancelled, leaving work in hand unacked for the broker to redeliver.
    public var shutdownTimeout: Duration

    /// Reads the environment.
    /// - Parameters:
    ///   - service: the service's name, also its schema and user on the local stack.
    ///   - defaultHTTPPort: the local-stack port (each service has its own so all four run side by side).
    /// - Throws: `ConfigurationError` naming the first bad variable.
    public init(service: String, defaultHTTPPort: Int, environment: Environment = Environment()) throws(ConfigurationError) {
        self.service = service
        let amqpURL = environment.get("KL_AMQP_URL") ?? "amqp://\(service):\(service)@127.0.0.1:5673/kunskapsloop"
        do {
            amqp = try AMQPConfiguration(url: amqpURL, connectionName: service)
        } catch {
            throw ConfigurationError(variable: "KL_AMQP_URL", problem: error.message)
        }
        let databaseURL = environment.get("KL_DATABASE_URL") ?? "postgres://\(service):\(service)@127.0.0.1:5433/kunskapsloop?sslmode=disable"
        do {
            database = try DatabaseConfiguration(url: databaseURL)
            database.schema = service
        } catch {
            throw ConfigurationError(variable: "KL_DATABASE_URL", problem: error.message)
        }
        httpHost = environment.get("KL_HTTP_HOST") ?? "127.0.0.1"
        httpPort = try environment.int("KL_HTTP_PORT", default: defaultHTTPPort, in: 1...65535)
        let level = try environment.choice("KL_LOG_LEVEL", default: "info", from: Logger.Level.allCases.map(\.rawValue))
        logLevel = Logger.Level(rawValue: level) ?? .info
        logFormat = try environment.choice("KL_LOG_FORMAT", default: "text", from: ["text", "json"])
        publicURL = environment.get("KL_PUBLIC_URL") ?? "http://127.0.0.1:\(httpPort)"
        shutdownTimeout = .seconds(try environment.int("KL_SHUTDOWN_TIMEOUT_SECONDS", default: 30, in: 1...3600))
    }
}
