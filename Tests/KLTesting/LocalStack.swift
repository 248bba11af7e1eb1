import Foundation
import Logging
import Messaging

/// Where the local stack (`make stack-up`) listens, overridable by the same variables as the
/// stack script, as postgres-nio's integration tests read `POSTGRES_*`.
public enum LocalStack {
    public static func env(_ name: String) -> String? { ProcessInfo.processInfo.environment[name] }

    public static var host: String { env("KL_STACK_HOST") ?? "127.0.0.1" }
    public static var amqpPort: Int { env("KL_AMQP_PORT").flatMap(Int.init) ?? 5673 }
    public static var managementPort: Int { env("KL_MGMT_PORT").flatMap(Int.init) ?? 15673 }
    public static var postgresPort: Int { env("KL_PG_PORT").flatMap(Int.init) ?? 5433 }
    public static var vhost: String { "kunskapsloop" }

    /// The AMQP URL of one of the stack's users (password = user name on the local stack).
    public static func amqpURL(user: String, password: String? = nil, heartbeat: Int = 10) -> String {
        "amqp://\(user):\(password ?? user)@\(host):\(amqpPort)/\(vhost)?heartbeat=\(heartbeat)"
    }

    public static let logger: Logger = {
        var logger = Logger(label: "kl.test")
        logger.logLevel = env("KL_TEST_LOG_LEVEL").flatMap(Logger.Level.init(rawValue:)) ?? .critical
        return logger
    }()

    /// A unique name for a test's own queues or schemas, so that tests can run in parallel.
    public static func uniqueName(_ prefix: String) -> String {
        "\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
    }
}

/// Runs `body` with a live connection as `user`, and stops the connection afterwards.
public func withAMQPConnection<T: Sendable>(
    user: String, password: String? = nil, name: String = "test", heartbeat: Int = 10,
    _ body: @Sendable (AMQPConnection) async throws -> T
) async throws -> T {
    let config = try AMQPConfiguration(url: LocalStack.amqpURL(user: user, password: password, heartbeat: heartbeat), connectionName: name)
    let connection = AMQPConnection(configuration: config, logger: LocalStack.logger)
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await connection.run() }
        do {
            let result = try await body(connection)
            connection.stop()
            try await group.waitForAll()
            return result
        } catch {
            connection.stop()
            try? await group.waitForAll()
            throw error
        }
    }
}
