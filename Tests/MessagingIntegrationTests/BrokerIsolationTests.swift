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
            do throws(MessagingError) {
                let stolen = try await connection.consume(queue: "\(other).rpc")
                await stolen.cancel()
                Issue.record("\(service) could consume \(other).rpc")
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
            await #expect {
                try await connection.publish([1], exchange: "kl.events", routingKey: "catalog.forged.v1", properties: MessageProperties())
            } throws: { ($0 as? MessagingError)?.code == .accessRefused }
            await #expect { _ = try await connection.consume(queue: "feedback.inbound") } throws: { ($0 as? MessagingError)?.code == .accessRefused }
        }
    }

    @Test func theCommandLineUserSendsRequestsOnly() async throws {
        try await withAMQPConnection(user: "kl") { connection in
            await #expect {
                try await connection.publish([1], exchange: "kl.inbound", routingKey: "feedback.submitted.v1", properties: MessageProperties())
            } throws: { ($0 as? MessagingError)?.code == .accessRefused }
            await #expect { _ = try await connection.consume(queue: "catalog.rpc") } throws: { ($0 as? MessagingError)?.code == .accessRefused }
        }
    }

    @Test func wrongPasswordIsRefusedAtStart() async throws {
        await #expect {
            try await withAMQPConnection(user: "feedback", password: "wrong") { connection in
                try await connection.declare(Topology.exchanges, timeout: .seconds(10))
            }
        } throws: { ($0 as? MessagingError)?.code == .authenticationFailed }
    }

    static func refused(_ body: () async throws -> Void) async -> Bool {
        do {
            try await body()
            return false
        } catch let error as MessagingError {
            return error.code == .accessRefused
        } catch {
            return false
        }
    }

    @Test("a service can neither delete nor declare the shared exchanges", arguments: services)
    func sharedExchangesAreNotTheServices(service: String) async throws {
        try await withAMQPConnection(user: service) { connection in
            for exchange in ["kl.events", "kl.inbound", "kl.rpc", "kl.dead", "kl.replies"] {
                #expect(await Self.refused { try await connection.deleteExchange(exchange) }, "deleting \(exchange)")
                #expect(
                    await Self.refused {
                        try await connection.declare(Topology(exchanges: [.init(exchange, .topic)]))
                    }, "declaring \(exchange)")
            }
            // Still there, and the service can still check them (passively) and work.
            try await connection.declare(Topology.exchanges)
        }
    }

    @Test("a service cannot reach a queue by name through the default exchange", arguments: services)
    func noDefaultExchange(service: String) async throws {
        let other = service == "catalog" ? "feedback" : "catalog"
        try await withAMQPConnection(user: service) { connection in
            for queue in ["\(other).rpc.dlq", "\(service).rpc.dlq", "\(other).rpc"] {
                #expect(
                    await Self.refused {
                        try await connection.publish([1], exchange: "", routingKey: queue, properties: MessageProperties())
                    }, "publishing to \(queue)")
            }
        }
    }

    @Test("a service publishes events under its own prefix only", arguments: services)
    func eventsUnderItsOwnPrefix(service: String) async throws {
        try await withAMQPConnection(user: service) { connection in
            for other in Self.services where other != service {
                #expect(
                    await Self.refused {
                        try await connection.publish([1], exchange: "kl.events", routingKey: "\(other).forged.v1", properties: MessageProperties())
                    }, "\(service) publishing \(other).forged.v1")
                #expect(
                    await Self.refused {
                        try await connection.publish([1], exchange: "kl.dead", routingKey: "\(other).inbound", properties: MessageProperties())
                    }, "\(service) dead-lettering into \(other).inbound.dlq")
            }
            try await connection.publish([1], exchange: "kl.events", routingKey: "\(service).isolation.test.v1", properties: MessageProperties())
            try await connection.publish([1], exchange: Topology.replyExchange, routingKey: "kl.reply.nobody", properties: MessageProperties())
        }
    }
}
