import Synchronization

/// The deliveries of one queue, with manual acknowledgement.
///
/// Iterate it (wrap it in `cancelOnGracefulShutdown()` in a service); settle each delivery, or
/// a whole batch at once with `ack(_:multiple: true)` on its last delivery. After a reconnect the
/// sequence goes on with the broker's redeliveries; settling a delivery from before the reconnect
/// does nothing, since the broker already took it back.
public final class AMQPConsumer: AsyncSequence, Sendable {
    public typealias Element = Delivery

    public enum Settlement: Sendable {
        case ack(multiple: Bool)
        case nack(multiple: Bool, requeue: Bool)
        case reject(requeue: Bool)
    }

    public let queue: String
    let id: UInt64
    let connection: AMQPConnection
    let buffer = DeliveryBuffer()

    private static let ids = Atomic<UInt64>(0)

    init(queue: String, connection: AMQPConnection) {
        self.queue = queue
        self.connection = connection
        id = Self.ids.add(1, ordering: .relaxed).newValue
    }

    public struct Iterator: AsyncIteratorProtocol {
        let buffer: DeliveryBuffer
        public mutating func next() async throws(MessagingError) -> Delivery? {
            try await buffer.next(max: 1).first
        }
    }

    public func makeAsyncIterator() -> Iterator { Iterator(buffer: buffer) }

    /// Waits for at least one delivery, then returns it with up to `max - 1` more that have
    /// already arrived: a batch to process in one transaction and settle with one multiple-ack.
    /// With `linger`, a batch that is not full waits for more while they keep coming: it goes
    /// once full, once `linger` has passed, or once `quiet` passes with nothing new (looking every
    /// 2 ms). Under load batches fill; a lone message waits `quiet`, not `linger`. Returns `[]`
    /// when the consumer has ended (cancelled, shut down).
    public func nextBatch(max: Int, linger: Duration = .zero, quiet: Duration = .milliseconds(10)) async throws(MessagingError) -> [Delivery] {
        var batch = try await buffer.next(max: max)
        guard linger > .zero, !batch.isEmpty else { return batch }
        let deadline = ContinuousClock.now + linger
        var lastArrival = ContinuousClock.now
        while batch.count < max, !Task.isCancelled {
            let now = ContinuousClock.now
            guard now < deadline, now - lastArrival < quiet else { break }
            try? await Task.sleep(for: .milliseconds(2))
            let more = buffer.take(max: max - batch.count)
            if !more.isEmpty {
                batch += more
                lastArrival = ContinuousClock.now
            }
        }
        return batch
    }

    /// Acknowledges `delivery` (and with `multiple`, every earlier one on its channel).
    public func ack(_ delivery: Delivery, multiple: Bool = false) async throws(MessagingError) {
        try await settle(delivery, .ack(multiple: multiple))
    }

    /// Negatively acknowledges; with `requeue: false` the message goes to the dead-letter queue.
    public func nack(_ delivery: Delivery, multiple: Bool = false, requeue: Bool) async throws(MessagingError) {
        try await settle(delivery, .nack(multiple: multiple, requeue: requeue))
    }

    /// Rejects one delivery; with `requeue: false` the message goes to the dead-letter queue.
    public func reject(_ delivery: Delivery, requeue: Bool) async throws(MessagingError) {
        try await settle(delivery, .reject(requeue: requeue))
    }

    public func settle(_ delivery: Delivery, _ how: Settlement) async throws(MessagingError) {
        try await connection.perform(timeout: .seconds(30), onlyWrites: true) { loop throws(MessagingError) in try loop.settle(delivery, how) }
    }

    /// Ends the sequence here: deliveries not yet taken are dropped (the broker requeues them); the
    /// broker keeps the consumer until `cancel()` or the connection closes. Safe to call from a
    /// graceful-shutdown handler, which cannot await.
    public func finish() {
        buffer.finish(discardingBuffered: true)
    }

    /// Stops the broker sending more; unacknowledged deliveries go back to the queue.
    public func cancel() async {
        let id = id
        _ = try? await connection.perform(timeout: .seconds(5)) { loop in loop.cancelConsumer(id: id) }
        buffer.finish()
    }
}
