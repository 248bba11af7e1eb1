import Messaging
import ServiceLifecycle
import SwiftProtobuf
import Synchronization

/// Every event on `kl.events` matching a binding key, collected from a temporary queue, for a
/// test that runs beside others on the shared broker: only events from `appID` are kept (when
/// given), and routing keys are read without the test's `prefix`.
public final class EventTap: Service, Sendable {
    let connection: AMQPConnection
    let queue: String
    let appID: String?
    let prefix: String
    private let received = Mutex<[Delivery]>([])

    public init(connection: AMQPConnection, bindingKey: String, appID: String? = nil, prefix: String = "") async throws {
        self.connection = connection
        self.appID = appID
        self.prefix = prefix
        queue = try await connection.declareTemporaryQueue()
        try await connection.declare(Topology(bindings: [Topology.Binding(exchange: "kl.events", queue: queue, routingKey: bindingKey)]))
    }

    public func run() async throws {
        let consumer = try await connection.consume(queue: queue, prefetch: 500)
        for try await delivery in consumer {
            if appID == nil || delivery.properties.appID == appID { received.withLock { $0.append(delivery) } }
            try await consumer.ack(delivery)
        }
    }

    /// The events so far with `routingKey` (without the prefix), decoded, that satisfy `filter`.
    public func all<M: SwiftProtobuf.Message>(_ routingKey: String, _ type: M.Type, where filter: (M) -> Bool = { _ in true }) -> [M] {
        let deliveries = received.withLock { $0 }
        return deliveries.filter { $0.routingKey == prefix + routingKey }.compactMap { try? M(serializedBytes: $0.body) }.filter(filter)
    }

    /// The raw deliveries with `routingKey` (without the prefix), for diagnosing duplicates.
    public func deliveries(_ routingKey: String) -> [Delivery] {
        received.withLock { $0 }.filter { $0.routingKey == prefix + routingKey }
    }

    /// Waits for the first matching event.
    public func first<M: SwiftProtobuf.Message>(_ routingKey: String, _ type: M.Type, where filter: @escaping @Sendable (M) -> Bool) async throws -> M {
        try await eventually("event \(routingKey)") { !self.all(routingKey, M.self, where: filter).isEmpty }
        return all(routingKey, M.self, where: filter)[0]
    }
}
