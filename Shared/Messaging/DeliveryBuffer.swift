import DequeModule
import Synchronization

/// Deliveries waiting for their consumer. The connection thread appends; one async reader takes
/// one delivery, or everything that is there, as a batch. Bounded by the consumer's prefetch
/// (the broker sends no more than that unacknowledged), plus redeliveries after a reconnect.
final class DeliveryBuffer: Sendable {
    private struct State {
        var items: Deque<Delivery> = []
        var finished = false
        var failure: MessagingError?
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    func append(_ delivery: Delivery) {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            guard !s.finished else { return nil }
            s.items.append(delivery)
            return s.waiter.take()
        }
        waiter?.resume()
    }

    /// Ends the sequence. With `discardingBuffered`, deliveries not yet taken are dropped here:
    /// unacknowledged, they go back to the queue when the channel closes.
    func finish(throwing error: MessagingError? = nil, discardingBuffered: Bool = false) {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            if discardingBuffered { s.items.removeAll() }
            if !s.finished {
                s.finished = true
                s.failure = error
            }
            return s.waiter.take()
        }
        waiter?.resume()
    }

    /// Up to `max` deliveries that are here now, without waiting.
    func take(max: Int) -> [Delivery] {
        state.withLock { Self.pop(max, from: &$0.items) }
    }

    private static func pop(_ max: Int, from items: inout Deque<Delivery>) -> [Delivery] {
        var batch: [Delivery] = []
        while batch.count < max, let d = items.popFirst() { batch.append(d) }
        return batch
    }

    /// Up to `max` deliveries: waits for the first, then takes whatever else is already here.
    /// Returns `[]` when the consumer has finished (or the task is cancelled) and nothing is left.
    func next(max: Int) async throws(MessagingError) -> [Delivery] {
        while true {
            let (batch, done, failure) = state.withLock { s -> ([Delivery], Bool, MessagingError?) in
                (Self.pop(max, from: &s.items), s.finished, s.failure)
            }
            if !batch.isEmpty { return batch }
            if done {
                if let failure { throw failure }
                return []
            }
            if Task.isCancelled { return [] }
            await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let resumeNow = state.withLock { s -> Bool in
                        if !s.items.isEmpty || s.finished || Task.isCancelled { return true }
                        s.waiter = continuation
                        return false
                    }
                    if resumeNow { continuation.resume() }
                }
            } onCancel: {
                state.withLock { $0.waiter.take() }?.resume()
            }
        }
    }
}
