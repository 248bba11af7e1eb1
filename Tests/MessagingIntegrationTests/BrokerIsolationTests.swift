import KLTesting
import Messaging
import Testing

/// Each service user can do what its service needs on the real broker, and is refused elsewhere.
@Suite("Broker isolation per service user")
struct BrokerIsolationTests {
    static let services = ["catalog", "feedback", "followup", "notification"]

    @Test("a service declares its own topology, publishes events and consumes its own queues", arguments: services)
    func serviceDoesItsOwnWork(service: String) async throws {
        try await withAMQPConnection(user: service) { connection in
            try await connection.declare(Topology.kunskapsloop.owned(by: service))
            try await connection.publish(
                Array("ping".utf8), exchange: "kl.events", routingKey: "\(service).isolation.test.v1",
                properties: MessageProperties(messageID: LocalStack.uniqueName("m")))
            let consumer = try await connection.consume(queue: "\(service).rpc", prefetch: 1)
            await consumer.cancel()
        }
    }

    @Test("a service cannot consume another service's queue", arguments: services)
    func serviceCannotConsumeOthers(service: String) async throws {
        let other = service == "catalog" ? "feedback" : "catalog"
        try await withAMQPConnection(user: service) { connection in
            await #expect(throws: MessagingError.self) { _ = try await connection.consume(queue: "\(other).rpc") }
            do throws(MessagingError) {
                _ = try await connection.consume(queue: "\(other).rpc")
            } catch {
                #expect(error.code == .accessRefused)
                #expect(error.replyCode == 403)
            }
            // The connection stays usable after a refused channel.
            let own = try await connection.consume(queue: "\(service).rpc", prefetch: 1)
            await own.cancel()
        }
    }

    @Test("a service cannot publish to kl.inbound, which belongs to other systems", arguments: services)
    func serviceCannotPublishInbound(service: String) async throws {
        try await withAMQPConnection(user: service) { connection in
            do throws(MessagingError) {
                try await connection.publish([1], exchange: "kl.inbound", routingKey: "feedback.submitted.v1", properties: MessageProperties())
                Issue.record("publishing to kl.inbound as \(service) was not refused")
            } catch {
                #expect(error.code == .accessRefused)
            }
            // …and can still publish where it may.
            try await connection.publish([2], exchange: "kl.events", routingKey: "\(service).x.v1", properties: MessageProperties())
        }
    }

    @Test func aServiceCannotDeclareAnotherServicesQueue() async throws {
        try await withAMQPConnection(user: "feedback") { connection in
            var topology = Topology()
            topology.addQuorumQueue("catalog.sneaky")
            await #expect { try await connection.declare(topology) } throws: { ($0 as? MessagingError)?.code == .accessRefused }
        }
    }

    @Test func integratingSystemsPublishInboundButNotEvents() async throws {
        try await withAMQPConnection(user: "integration") { connection in
            try await connection.publish([1], exchange: "kl.inbound", routingKey: "isolation.test.v1", properties: MessageProperties())
            await #expect { try await connection.publish([1], exchange: "kl.events", routingKey: "catalog.forged.v1", properties: MessageProperties()) }
                throws: { ($0 as? MessagingError)?.code == .accessRefused }
            await #expect { _ = try await connection.consume(queue: "feedback.inbound") }
                throws: { ($0 as? MessagingError)?.code == .accessRefused }
        }
    }

    @Test func theCommandLineUserSendsRequestsOnly() async throws {
        try await withAMQPConnection(user: "kl") { connection in
            await #expect { try await connection.publish([1], exchange: "kl.inbound", routingKey: "feedback.submitted.v1", properties: MessageProperties()) }
                throws: { ($0 as? MessagingError)?.code == .accessRefused }
            await #expect { _ = try await connection.consume(queue: "catalog.rpc") }
                throws: { ($0 as? MessagingError)?.code == .accessRefused }
        }
    }

    @Test func wrongPasswordIsRefusedAtStart() async throws {
        await #expect { try await withAMQPConnection(user: "feedback", password: "wrong") { connection in
            try await connection.declare(Topology.exchanges, timeout: .seconds(10))
        } }
            throws: { ($0 as? MessagingError)?.code == .authenticationFailed }
    }
}
