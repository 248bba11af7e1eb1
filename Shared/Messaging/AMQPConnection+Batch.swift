import Synchronization

/// One message of a batch publish.
public struct PublishRequest: Sendable {
    public let body: [UInt8]
    public let exchange: String
    public let routingKey: String
    public let properties: MessageProperties
    public let mandatory: Bool

    public init(body: [UInt8], exchange: String, routingKey: String, properties: MessageProperties, mandatory: Bool = false) {
        self.body = body
        self.exchange = exchange
        self.routingKey = routingKey
        self.properties = properties
        self.mandatory = mandatory
    }
}

extension AMQPConnection {
    /// Publishes `requests` in order, pipelined, and returns each one's confirm result in the
    /// same order. One hand-over to the connection thread for the whole batch.
    /// - Parameter timeout: deadline for connection, alarms and confirms (default 30 s).
    public func publish(batch requests: [PublishRequest], timeout: Duration = .seconds(30)) async -> [Result<Void, MessagingError>] {
        guard !requests.isEmpty else { return [] }
        let deadline = ContinuousClock.now.advanced(by: timeout)
        return await withCheckedContinuation { continuation in
            let collector = BatchCollector(count: requests.count, continuation: continuation)
            submit(
                Job(
                    deadline: deadline,
                    waitsWhileBlocked: true,
                    onlyWrites: true,
                    run: { loop in
                        for (index, request) in requests.enumerated() {
                            let message = OutgoingMessage(
                                exchange: request.exchange, routingKey: request.routingKey, body: request.body,
                                properties: request.properties, mandatory: request.mandatory)
                            loop.publish(message, deadline: deadline) { collector.set(index, $0) }
                        }
                    },
                    fail: { error in
                        for index in requests.indices { collector.set(index, .failure(error)) }
                    }
                ))
        }
    }
}

/// Gathers a batch's results and resumes the caller when the last one is in.
final class BatchCollector: Sendable {
    private struct State {
        var results: [Result<Void, MessagingError>?]
        var remaining: Int
        var continuation: CheckedContinuation<[Result<Void, MessagingError>], Never>?
    }

    private let state: Mutex<State>

    init(count: Int, continuation: CheckedContinuation<[Result<Void, MessagingError>], Never>) {
        state = Mutex(State(results: Array(repeating: nil, count: count), remaining: count, continuation: continuation))
    }

    func set(_ index: Int, _ result: Result<Void, MessagingError>) {
        let done = state.withLock { s -> (CheckedContinuation<[Result<Void, MessagingError>], Never>, [Result<Void, MessagingError>])? in
            guard s.results[index] == nil else { return nil }
            s.results[index] = result
            s.remaining -= 1
            guard s.remaining == 0, let c = s.continuation.take() else { return nil }
            return (c, s.results.map { $0! })
        }
        if let (continuation, results) = done { continuation.resume(returning: results) }
    }
}
