import Foundation
import Logging
import Messaging
import RPC

/// Connects, runs `body` with a ready RPC client, and disconnects.
func withRPCClient<T: Sendable>(_ options: GlobalOptions, _ body: @Sendable (RPCClient) async throws -> T) async throws -> T {
    let configuration: AMQPConfiguration
    do {
        configuration = try AMQPConfiguration(url: options.amqpURL, connectionName: "kl")
    } catch {
        throw CLIError(error.message)
    }
    var logger = Logger(label: "kl")
    // Quiet unless asked; a level that is not one is refused like any wrong setting.
    if let level = ProcessInfo.processInfo.environment["KL_LOG_LEVEL"] {
        guard let parsed = Logger.Level(rawValue: level) else {
            throw CLIError("KL_LOG_LEVEL '\(level)' is not one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        logger.logLevel = parsed
    } else {
        logger.logLevel = .critical
    }
    let connection = AMQPConnection(configuration: configuration, logger: logger)
    let client = RPCClient(connection: connection, appID: "kl")
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await connection.run() }
        group.addTask { try await client.run() }
        defer {
            connection.stop()
            group.cancelAll()
        }
        return try await body(client)
    }
}
