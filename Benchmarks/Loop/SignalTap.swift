import Contracts
import Messaging
import ServiceLifecycle
import SwiftProtobuf
import Synchronization

/// The in-process follow-up's `SignalRaised` events as they reach the broker, from a temporary
/// queue of its own: when each arrived and which signal it is, by series ("indicator|unit"). It
/// splits the loop's time into follow-up's part (publish → signal event on `kl.events`) and
/// notification's (signal event → webhook).
final class SignalTap: Service, Sendable {
    struct Seen: Sendable {
        let signalID: String
        let at: ContinuousClock.Instant
    }

    let connection: AMQPConnection
    let queue: String
    private let seen = Mutex<[String: Seen]>([:])
    private let raised = Atomic<Int>(0)

    init(connection: AMQPConnection, bindingKey: String) async throws {
        self.connection = connection
        queue = try await connection.declareTemporaryQueue()
        try await connection.declare(Topology(bindings: [Topology.Binding(exchange: "kl.events", queue: queue, routingKey: bindingKey)]))
    }

    func run() async throws {
        let consumer = try await connection.consume(queue: queue, prefetch: 500)
        for try await delivery in consumer {
            let now = ContinuousClock.now
            if delivery.properties.type == Kunskapsloop_Followup_V1_SignalRaised.protoMessageName,
                let event = try? Kunskapsloop_Followup_V1_SignalRaised(serializedBytes: delivery.body)
            {
                raised.add(1, ordering: .relaxed)
                let key = seriesKey(event.signal.indicator.code, event.signal.organisation.id)
                let signal = Seen(signalID: event.signal.id, at: now)
                seen.withLock { seen in
                    if seen[key] == nil { seen[key] = signal }
                }
            }
            try await consumer.ack(delivery)
        }
    }

    /// The first signal raised on the series, when it has reached the broker.
    func signal(_ key: String) -> Seen? { seen.withLock { $0[key] } }

    /// Every `SignalRaised` seen so far.
    var raisedCount: Int { raised.load(ordering: .relaxed) }
}

/// What the in-process webhook receiver holds: the arrival of each signal (by the events'
/// `subjectId`, the signal id) and the POSTs counted.
final class Receiver: Sendable {
    private let arrivals = Mutex<[String: ContinuousClock.Instant]>([:])
    private let postCount = Atomic<Int>(0)

    func received(subjectIDs: [String], at now: ContinuousClock.Instant) {
        postCount.add(1, ordering: .relaxed)
        arrivals.withLock { arrivals in
            for id in subjectIDs where arrivals[id] == nil { arrivals[id] = now }
        }
    }

    func arrival(_ signalID: String) -> ContinuousClock.Instant? { arrivals.withLock { $0[signalID] } }

    var posts: Int { postCount.load(ordering: .relaxed) }
}

/// A series' key as both sides name it: "indicator|organisation".
func seriesKey(_ indicatorCode: String, _ organisationID: String) -> String { "\(indicatorCode)|\(organisationID)" }
