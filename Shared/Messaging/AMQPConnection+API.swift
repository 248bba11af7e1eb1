import Synchronization

extension AMQPConnection {
    /// Declares exchanges, queues and bindings now, and again after every reconnect.
    /// - Parameter timeout: how long to wait for a connection (default 30 s).
    public func declare(_ topology: Topology, timeout: Duration = .seconds(30)) async throws(MessagingError) {
        try await perform(timeout: timeout) { loop throws(MessagingError) in try loop.declare(topology) }
    }

    /// Publishes one message and returns once the broker has confirmed it (written to the queues
    /// it routes to). Many publishes may be in flight at once: they are pipelined, not one round
    /// trip each.
    /// - Parameters:
    ///   - mandatory: fail with `.unroutable` when no queue is bound for the routing key.
    ///   - timeout: deadline for connection, broker alarms and confirm together (default 30 s).
    /// - Throws: `.nacked`, `.unroutable`, `.connectionLost` (the message may or may not have
    ///   arrived: publish again; consumers are idempotent), `.timeout`, `.shutdown`.
    public func publish(
        _ body: [UInt8], exchange: String, routingKey: String, properties: MessageProperties,
        mandatory: Bool = false, timeout: Duration = .seconds(30)
    ) async throws(MessagingError) {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        let message = OutgoingMessage(exchange: exchange, routingKey: routingKey, body: body, properties: properties, mandatory: mandatory)
        let result: Result<Void, MessagingError> = await withCheckedContinuation { continuation in
            let once = ResumeOnce(continuation)
            submit(
                Job(
                    deadline: deadline,
                    waitsWhileBlocked: true,
                    onlyWrites: true,
                    run: { loop in loop.publish(message, deadline: deadline, resolve: once.resume) },
                    fail: { once.resume(.failure($0)) }
                ))
        }
        try result.get()
    }

    /// Starts consuming `queue` with manual acknowledgements.
    /// - Parameters:
    ///   - prefetch: the most unacknowledged deliveries the broker hands out at once (default 100).
    /// - Returns: the deliveries as an `AsyncSequence`; settle them through the consumer.
    /// - Throws: `.accessRefused` or `.notFound` when the queue cannot be consumed.
    public func consume(queue: String, prefetch: UInt16 = 100, timeout: Duration = .seconds(30)) async throws(MessagingError) -> AMQPConsumer {
        let consumer = AMQPConsumer(queue: queue, connection: self)
        let record = ConsumerRecord(queue: queue, prefetch: prefetch, buffer: consumer.buffer)
        let id = consumer.id
        try await perform(timeout: timeout) { loop throws(MessagingError) in try loop.addConsumer(id: id, record) }
        return consumer
    }

    /// Declares `queue` as this connection's own reply queue (exclusive, gone with the
    /// connection, declared again after a reconnect), bound to `Topology.replyExchange` by its
    /// name, and consumes it without acks: RPC replies published with `routing key = queue` arrive.
    public func consumeReplies(queue: String, timeout: Duration = .seconds(30)) async throws(MessagingError) -> AMQPConsumer {
        try await declare(
            Topology(
                queues: [Topology.Queue(queue, arguments: [:], durable: false, exclusive: true)],
                bindings: [Topology.Binding(exchange: Topology.replyExchange, queue: queue, routingKey: queue)]), timeout: timeout)
        let consumer = AMQPConsumer(queue: queue, connection: self)
        let record = ConsumerRecord(queue: queue, prefetch: 0, buffer: consumer.buffer, noAck: true)
        let id = consumer.id
        try await perform(timeout: timeout) { loop throws(MessagingError) in try loop.addConsumer(id: id, record) }
        return consumer
    }

    /// Declares a server-named, exclusive, auto-delete queue and returns its name.
    public func declareTemporaryQueue(timeout: Duration = .seconds(30)) async throws(MessagingError) -> String {
        try await perform(timeout: timeout) { loop throws(MessagingError) in try loop.declareTemporaryQueue() }
    }

    /// Deletes an exchange (tests check that service users may not).
    public func deleteExchange(_ name: String, timeout: Duration = .seconds(30)) async throws(MessagingError) {
        try await perform(timeout: timeout) { loop throws(MessagingError) in try loop.deleteExchange(name) }
    }

    /// Deletes a queue (tests clean up with it).
    public func deleteQueue(_ name: String, timeout: Duration = .seconds(30)) async throws(MessagingError) {
        try await perform(timeout: timeout) { loop throws(MessagingError) in try loop.deleteQueue(name) }
    }
}

/// Guards a continuation that a deadline and a confirm could both try to resume.
final class ResumeOnce<T: Sendable>: Sendable {
    private let continuation: Mutex<CheckedContinuation<T, Never>?>

    init(_ continuation: CheckedContinuation<T, Never>) {
        self.continuation = Mutex(continuation)
    }

    @Sendable func resume(_ value: T) {
        continuation.withLock { $0.take() }?.resume(returning: value)
    }
}
