import Contracts
import Foundation
import Messaging
import PostgresNIO
import RPC
import ServiceRuntime

/// A service running in-process on a scratch schema of its own, with its own RPC routing prefix
/// (the schema's name), against the real database and broker, so runs can sit side by side.
public struct InProcessService: Sendable {
    /// Schema, RPC prefix and app-id stem (`<name>-service` publishes its events).
    public let name: String
    public let client: RPCClient
    public let database: PostgresClient
    /// The broker connection the service consumes on (for a test's own temporary queues).
    public let consumer: AMQPConnection
}

/// Runs the service `make(name)` defines until `body` returns; `make` gets the scratch name and
/// the topology to use (the exchanges and `<name>.rpc`; add the service's other queues to it).
public func withInProcessService<T: Sendable>(
    _ make: @escaping @Sendable (_ name: String, _ topology: Topology) -> ServiceDefinition,
    _ body: @Sendable (InProcessService) async throws -> T
) async throws -> T {
    try await withScratchSchema { database, name in
        let environment = Environment([
            "KL_DATABASE_URL": LocalStack.databaseURL(user: "postgres"),
            "KL_AMQP_URL": LocalStack.amqpURL(user: "admin"),
        ])
        let configuration = try RuntimeConfiguration(service: name, defaultHTTPPort: 1, environment: environment)
        return try await withAMQPConnection(user: "admin", name: "\(name)-consume") { consumer in
            try await withAMQPConnection(user: "admin", name: "\(name)-publish") { publisher in
                var topology = Topology.exchanges
                topology.addRPCQueue("\(name).rpc", bindings: [("kl.rpc", "\(name).*")])
                let definition = make(name, topology)
                let context = try ServiceContext(
                    configuration: configuration, database: database, schema: name, publisher: publisher,
                    consumer: consumer, logger: LocalStack.logger)
                // Quorum queues outlive the connection: remove this run's own, whatever happens.
                let queues = definition.topology.queues.map(\.name)
                do {
                    let result = try await whileRunning(ServiceWork(definition: definition, context: context)) {
                        try await withAMQPConnection(user: "kl", name: "\(name)-client") { connection in
                            let client = RPCClient(connection: connection, appID: "\(name)-test", owner: "kl")
                            return try await whileRunning(client) {
                                // Ready once its RPC server answers (after migrations and preparation).
                                try await eventually(timeout: .seconds(60), "\(name) to answer") {
                                    do {
                                        _ = try await client.call("\(name).Ping", RPCPing(), returning: RPCPing.self, timeout: .seconds(2))
                                        return true
                                    } catch let error as RPCError {
                                        // The service itself says it lacks the method (not the broker finding no queue).
                                        return error.code == .unimplemented && error.message.contains("has no method")
                                    } catch {
                                        return false
                                    }
                                }
                                return try await body(InProcessService(name: name, client: client, database: database, consumer: consumer))
                            }
                        }
                    }
                    for queue in queues { try? await consumer.deleteQueue(queue) }
                    return result
                } catch {
                    for queue in queues { try? await consumer.deleteQueue(queue) }
                    throw error
                }
            }
        }
    }
}

/// An empty message for the readiness probe (any method the service lacks answers UNIMPLEMENTED).
typealias RPCPing = Kunskapsloop_Common_V1_ErrorDetail
