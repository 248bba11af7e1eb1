/// Exchanges, queues and bindings as a value, declared idempotently at start-up and again after
/// every reconnect. The suite's own description is `Topology.kunskapsloop`;
/// `compose/rabbitmq/definitions.json` mirrors it (a test checks that they agree).
public struct Topology: Sendable, Hashable {
    public struct Exchange: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable { case topic, direct, fanout }
        public let name: String
        public let kind: Kind
        /// Only checked, not declared: the suite's exchanges come from the broker's definitions,
        /// and a service user may neither create nor delete them.
        public let passive: Bool
        public init(_ name: String, _ kind: Kind, passive: Bool = false) {
            self.name = name
            self.kind = kind
            self.passive = passive
        }
    }

    public struct Queue: Sendable, Hashable {
        public let name: String
        public let arguments: [String: MessageProperties.HeaderValue]
        /// Survives a broker restart (default true).
        public let durable: Bool
        /// Belongs to the declaring connection and goes with it (reply queues).
        public let exclusive: Bool
        /// A queue that exists with other arguments is deleted and declared anew instead of
        /// failing the declaration: for queues of short-lived messages (RPC requests, which
        /// callers retry), so that an upgrade can change their type.
        public let replaceOnMismatch: Bool
        public init(
            _ name: String, arguments: [String: MessageProperties.HeaderValue], durable: Bool = true, exclusive: Bool = false,
            replaceOnMismatch: Bool = false
        ) {
            self.name = name
            self.arguments = arguments
            self.durable = durable
            self.exclusive = exclusive
            self.replaceOnMismatch = replaceOnMismatch
        }
    }

    public struct Binding: Sendable, Hashable {
        public let exchange: String
        public let queue: String
        public let routingKey: String
        public init(exchange: String, queue: String, routingKey: String) {
            self.exchange = exchange
            self.queue = queue
            self.routingKey = routingKey
        }
    }

    public var exchanges: [Exchange]
    public var queues: [Queue]
    public var bindings: [Binding]

    public init(exchanges: [Exchange] = [], queues: [Queue] = [], bindings: [Binding] = []) {
        self.exchanges = exchanges
        self.queues = queues
        self.bindings = bindings
    }

    /// Adds a durable quorum queue with a delivery limit, dead-lettering to `deadLetterExchange`
    /// under the queue's own name, and its dead-letter queue `<name>.dlq` (bounded, oldest dropped).
    /// - Parameters:
    ///   - deliveryLimit: deliveries before a message is dead-lettered (default 10) — stops poison loops.
    ///   - bindings: (exchange, routing key) pairs that feed the queue.
    public mutating func addQuorumQueue(
        _ name: String, deliveryLimit: Int = 10, deadLetterExchange: String = "kl.dead",
        bindings feeds: [(exchange: String, routingKey: String)] = []
    ) {
        queues.append(
            Queue(
                name,
                arguments: [
                    "x-queue-type": .string("quorum"),
                    "x-delivery-limit": .int(Int64(deliveryLimit)),
                    "x-dead-letter-exchange": .string(deadLetterExchange),
                    "x-dead-letter-routing-key": .string(name),
                ]))
        queues.append(
            Queue(
                "\(name).dlq",
                arguments: [
                    "x-queue-type": .string("quorum"),
                    "x-max-length": .int(100_000),
                    "x-overflow": .string("drop-head"),
                ]))
        for feed in feeds { bindings.append(Binding(exchange: feed.exchange, queue: name, routingKey: feed.routingKey)) }
        bindings.append(Binding(exchange: deadLetterExchange, queue: "\(name).dlq", routingKey: name))
    }

    /// Adds a durable classic queue for RPC requests, with its dead-letter queue. A request has an
    /// expiry and a caller that retries, and state-changing requests are idempotent by
    /// `message_id`, so Raft replication buys it nothing while it cost most of a call (quorum
    /// 0.84–0.99 ms p50 against 0.2–0.3 ms classic for the bare round trip). Without a quorum
    /// delivery limit, a poison request is bounded by its expiry and by the server answering every
    /// request it cannot handle with an error reply. A quorum queue of the same name, from before,
    /// is replaced.
    public mutating func addRPCQueue(
        _ name: String, deadLetterExchange: String = "kl.dead", bindings feeds: [(exchange: String, routingKey: String)]
    ) {
        queues.append(
            Queue(
                name,
                arguments: [
                    "x-queue-type": .string("classic"),
                    "x-dead-letter-exchange": .string(deadLetterExchange),
                    "x-dead-letter-routing-key": .string(name),
                ], replaceOnMismatch: true))
        queues.append(
            Queue(
                "\(name).dlq",
                arguments: [
                    "x-queue-type": .string("classic"),
                    "x-max-length": .int(10_000),
                    "x-overflow": .string("drop-head"),
                ], replaceOnMismatch: true))
        for feed in feeds { bindings.append(Binding(exchange: feed.exchange, queue: name, routingKey: feed.routingKey)) }
        bindings.append(Binding(exchange: deadLetterExchange, queue: "\(name).dlq", routingKey: name))
    }

    /// Where RPC replies go: a direct exchange, with the caller's own reply queue (bound by its
    /// name) as routing key. Services may publish here and nowhere through the default exchange.
    public static let replyExchange = "kl.replies"

    /// The exchanges of the architecture and the reply exchange. The broker's definitions declare
    /// them; clients only check that they are there.
    public static let exchanges = Topology(exchanges: [
        Exchange("kl.events", .topic, passive: true), Exchange("kl.inbound", .direct, passive: true),
        Exchange("kl.rpc", .topic, passive: true), Exchange("kl.dead", .topic, passive: true),
        Exchange(replyExchange, .direct, passive: true),
    ])

    /// The parts of `Topology.kunskapsloop` that one service declares: the exchanges and its own queues.
    public func owned(by service: String) -> Topology {
        let queues = queues.filter { $0.name.hasPrefix("\(service).") }
        let names = Set(queues.map(\.name))
        return Topology(exchanges: exchanges, queues: queues, bindings: bindings.filter { names.contains($0.queue) })
    }
}

extension Topology {
    /// The whole suite: every service's queues and bindings.
    public static let kunskapsloop: Topology = {
        var t = Topology.exchanges
        // `<service>.*`: a request for a method the service lacks still reaches it and is
        // answered UNIMPLEMENTED, instead of vanishing as unroutable.
        for service in ["catalog", "feedback", "followup", "notification"] {
            t.addRPCQueue("\(service).rpc", bindings: [("kl.rpc", "\(service).*")])
        }
        t.addQuorumQueue("feedback.inbound", bindings: [("kl.inbound", "feedback.submitted.v1")])
        t.addQuorumQueue("feedback.events", bindings: [("kl.events", "catalog.#")])
        t.addQuorumQueue("followup.inbound", bindings: [("kl.inbound", "followup.measurements.v1")])
        t.addQuorumQueue("followup.events", bindings: [("kl.events", "catalog.#"), ("kl.events", "feedback.summary.v1")])
        t.addQuorumQueue("notification.events", bindings: [("kl.events", "catalog.#"), ("kl.events", "followup.#"), ("kl.events", "feedback.rejected.v1")])
        return t
    }()
}
