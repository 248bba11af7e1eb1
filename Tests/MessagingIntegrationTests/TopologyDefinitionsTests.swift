import Foundation
import Messaging
import Testing

/// `Topology.kunskapsloop` (what services declare) and `compose/rabbitmq/definitions.json` (what
/// the broker loads at boot) describe the same exchanges, queues and bindings.
@Suite struct TopologyDefinitionsTests {
    struct Definitions: Decodable {
        struct Exchange: Decodable {
            let name: String
            let type: String
            let durable: Bool
            let vhost: String
        }
        struct Queue: Decodable {
            let name: String
            let durable: Bool
            let vhost: String
            let arguments: [String: JSONValue]
        }
        struct Binding: Decodable {
            let source: String
            let destination: String
            let routing_key: String
            let destination_type: String
        }
        let exchanges: [Exchange]
        let queues: [Queue]
        let bindings: [Binding]
    }

    enum JSONValue: Decodable, Equatable {
        case string(String)
        case int(Int64)
        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let i = try? c.decode(Int64.self) { self = .int(i) } else { self = .string(try c.decode(String.self)) }
        }
    }

    static func definitions() throws -> Definitions {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("compose/rabbitmq/definitions.json")
        return try JSONDecoder().decode(Definitions.self, from: Data(contentsOf: url))
    }

    @Test func exchangesAgree() throws {
        let defs = try Self.definitions()
        let fromFile = Set(defs.exchanges.map { "\($0.name) \($0.type) durable=\($0.durable)" })
        let fromCode = Set(Topology.kunskapsloop.exchanges.map { "\($0.name) \($0.kind.rawValue) durable=true" })
        #expect(fromFile == fromCode)
        #expect(defs.exchanges.allSatisfy { $0.vhost == "kunskapsloop" })
    }

    @Test func queuesAndTheirArgumentsAgree() throws {
        let defs = try Self.definitions()
        #expect(Set(defs.queues.map(\.name)) == Set(Topology.kunskapsloop.queues.map(\.name)))
        for queue in Topology.kunskapsloop.queues {
            let file = try #require(defs.queues.first { $0.name == queue.name })
            #expect(file.durable)
            let codeArguments = queue.arguments.mapValues { value -> JSONValue in
                switch value {
                case .string(let s): .string(s)
                case .int(let i): .int(i)
                case .bool(let b): .int(b ? 1 : 0)
                }
            }
            #expect(file.arguments == codeArguments, "arguments of \(queue.name)")
        }
    }

    @Test func bindingsAgree() throws {
        let defs = try Self.definitions()
        #expect(defs.bindings.allSatisfy { $0.destination_type == "queue" })
        let fromFile = Set(defs.bindings.map { "\($0.source) -> \($0.destination) [\($0.routing_key)]" })
        let fromCode = Set(Topology.kunskapsloop.bindings.map { "\($0.exchange) -> \($0.queue) [\($0.routingKey)]" })
        #expect(fromFile == fromCode)
    }

    @Test func everyWorkQueueHasADeadLetterQueueAndEventQueuesADeliveryLimit() {
        let names = Set(Topology.kunskapsloop.queues.map(\.name))
        for queue in Topology.kunskapsloop.queues where !queue.name.hasSuffix(".dlq") {
            #expect(names.contains(queue.name + ".dlq"))
            #expect(queue.arguments["x-dead-letter-exchange"] == .string("kl.dead"))
            if queue.name.hasSuffix(".rpc") {
                // Requests expire and are retried: classic queues, no Raft log in the way.
                #expect(queue.arguments["x-queue-type"] == .string("classic"), "\(queue.name)")
            } else {
                #expect(queue.arguments["x-queue-type"] == .string("quorum"), "\(queue.name)")
                #expect(queue.arguments["x-delivery-limit"]?.intValue ?? 0 > 0, "\(queue.name)")
            }
        }
    }

    @Test func servicesMayPublishEventsUnderTheirOwnPrefixOnly() throws {
        struct Permissions: Decodable {
            struct Topic: Decodable {
                let user: String
                let exchange: String
                let write: String
            }
            struct Resource: Decodable {
                let user: String
                let configure: String
                let write: String
            }
            let topic_permissions: [Topic]
            let permissions: [Resource]
        }
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("compose/rabbitmq/definitions.json")
        let defs = try JSONDecoder().decode(Permissions.self, from: Data(contentsOf: url))
        for service in ["catalog", "feedback", "followup", "notification"] {
            for exchange in ["kl.events", "kl.dead"] {
                #expect(defs.topic_permissions.contains { $0.user == service && $0.exchange == exchange && $0.write == "^\(service)\\." })
            }
            let resource = try #require(defs.permissions.first { $0.user == service })
            #expect(!resource.write.contains("amq.default"), "no default exchange for \(service)")
            #expect(resource.configure == "^\(service)\\..*$", "\(service) configures its own queues only")
        }
    }
}
