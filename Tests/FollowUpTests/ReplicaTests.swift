import Contracts
import Foundation
import KLTesting
import Messaging
import PostgresNIO
import RPC
import ServiceLifecycle
import ServiceRuntime
import SwiftProtobuf
import Testing

@testable import FollowUp

@Suite("Two replicas and a restart never raise a signal twice")
struct ReplicaTests {
    @Test("batches taken by two replicas at once, then redelivered to a restarted one: each signal is raised once")
    func twoReplicasAndARestart() async throws {
        let clock = TestClock()
        try await withScratchSchema { database, name in
            let environment = Environment(["KL_DATABASE_URL": LocalStack.databaseURL(user: "postgres"), "KL_AMQP_URL": LocalStack.amqpURL(user: "admin")])
            let configuration = try RuntimeConfiguration(service: name, defaultHTTPPort: 1, environment: environment)
            var rpcTopology = Topology.exchanges
            rpcTopology.addQuorumQueue("\(name).rpc", bindings: [("kl.rpc", "\(name).*")])
            let definition = followUpDefinition(name: name, rpcTopology: rpcTopology, clock: clock)
            defer { Task { try? await withAMQPConnection(user: "admin") { c in for q in definition.topology.queues { try? await c.deleteQueue(q.name) } } } }

            /// One replica: its own two broker connections, the shared pool and schema.
            @Sendable func replica(_ label: String, _ body: @Sendable () async throws -> Void) async throws {
                try await withAMQPConnection(user: "admin", name: "\(name)-\(label)-consume") { consumer in
                    try await withAMQPConnection(user: "admin", name: "\(name)-\(label)-publish") { publisher in
                        let context = try ServiceContext(
                            configuration: configuration, database: database, schema: name, publisher: publisher,
                            consumer: consumer, logger: LocalStack.logger)
                        try await whileRunning(ServiceWork(definition: definition, context: context)) { try await body() }
                    }
                }
            }

            try await withAMQPConnection(user: "admin", name: "\(name)-test") { broker in
                let tap = try await EventTap(connection: broker, bindingKey: "\(name).followup.#", appID: "\(name)-service", prefix: "\(name).")
                try await whileRunning(tap) {
                    try await withAMQPConnection(user: "kl", name: "\(name)-client") { connection in
                        let client = RPCClient(connection: connection, appID: "\(name)-test", owner: "kl")
                        try await whileRunning(client) {
                            let f = FollowUpUnderTest(service: name, client: client, events: tap, database: database, broker: broker, clock: clock)
                            let units = ["u11", "u12", "u21", "u31"]
                            var jumps: [(String, Batch)] = []
                            for unit in units {
                                jumps.append(
                                    (
                                        UUID().uuidString.lowercased(),
                                        Batch.with {
                                            $0.batchID = "jump-\(unit)"
                                            $0.sourceSystem = "R"
                                            $0.measurements = [ratio("andel", unit, 2025, 1, 95, 100)]
                                        }
                                    ))
                            }
                            let sent = jumps
                            try await replica("a") {
                                try await replica("b") {
                                    try await eventually(timeout: .seconds(60), "the replicas to answer") {
                                        (try? await f.define("andel")) != nil
                                    }
                                    try await f.smallTree()
                                    // A steady year, one message per unit and month, taken by both replicas at once.
                                    for k in 0..<12 {
                                        for unit in units {
                                            try await f.publish(
                                                Batch.with {
                                                    $0.batchID = "\(unit)-\(k)"
                                                    $0.sourceSystem = "R"
                                                    $0.measurements = [ratio("andel", unit, month(k).0, month(k).1, Int64(48 + (k * 7 + unit.count) % 5), 100)]
                                                })
                                        }
                                    }
                                    for (id, batch) in sent { try await f.publish(batch, messageID: id) }
                                    try await eventually(timeout: .seconds(60), "every unit's jump stored") {
                                        try await f.count("SELECT count(*) FROM \(unescaped: name).measurements WHERE period_ordinal = \(2025 * 12)") == 4
                                    }
                                    try await eventually(timeout: .seconds(30), "the intake queue drained") {
                                        try await managementCount("\(name).inbound") == 0
                                    }
                                    try await eventually(timeout: .seconds(30), "the outbox drained") {
                                        try await f.count("SELECT count(*) FROM \(unescaped: name).outbox") == 0
                                    }
                                }
                            }
                            let before = tap.all(FollowUpEvents.signalRaised, Raised.self)
                            #expect(!before.isEmpty)
                            // A restart: a new replica gets the jumps again (same message ids, and the same batches under new ones).
                            try await replica("c") {
                                for (id, batch) in sent {
                                    try await f.publish(batch, messageID: id)
                                    try await f.publish(batch)
                                }
                                // A barrier that changes no series: its only row names no indicator.
                                try await f.publish(
                                    Batch.with {
                                        $0.batchID = "barrier"
                                        $0.sourceSystem = "R"
                                        $0.measurements = [ratio("ingen", "u11", 2024, 1, 49, 100)]
                                    })
                                try await eventually(timeout: .seconds(60), "the barrier") {
                                    try await f.count("SELECT count(*) FROM \(unescaped: name).batches WHERE batch_id = 'barrier'") == 1
                                }
                                try await eventually(timeout: .seconds(30), "the outbox drained") {
                                    try await f.count("SELECT count(*) FROM \(unescaped: name).outbox") == 0
                                }
                            }
                            let raised = tap.all(FollowUpEvents.signalRaised, Raised.self)
                            let closed = tap.all(FollowUpEvents.signalClosed, Closed.self)
                            // The restart and the redeliveries raised nothing.
                            #expect(raised.count == before.count)
                            // Each signal is raised once; a later raise is a reopening after a close (values arrived out of order).
                            let byID = Dictionary(grouping: raised, by: \.signal.id)
                            for (id, events) in byID {
                                #expect(events.filter { !$0.reopened }.count == 1, "signal \(id) raised \(events.count) times")
                                #expect(events.filter(\.reopened).count <= closed.filter { $0.signal.id == id }.count)
                            }
                            let identities = Dictionary(grouping: raised) {
                                "\($0.signal.indicator.code)|\($0.signal.organisation.id)|\($0.signal.stratum.label)|\($0.signal.rule)|\($0.signal.onsetPeriod)"
                            }
                            #expect(identities.values.allSatisfy { Set($0.map(\.signal.id)).count == 1 }, "one id per identity")
                            #expect(raised.contains { $0.signal.organisation.id == "u11" && $0.signal.rule == .pointBeyondLimit })
                            let open = try await f.count("SELECT count(*) FROM \(unescaped: name).signals WHERE status = 'open'")
                            #expect(open == byID.keys.filter { id in (byID[id]?.count ?? 0) > closed.filter { $0.signal.id == id }.count }.count)
                        }
                    }
                }
            }
        }
    }
}
