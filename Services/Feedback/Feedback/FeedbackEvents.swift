import Contracts
import Domain
import Foundation
import Messaging
import ServiceRuntime
import Storage
import SwiftProtobuf

/// The feedback service's events, as outbox rows: the one place they are built.
enum FeedbackEvents {
    /// One `feedback.recorded.v1` for the items a batch (or a request) stored, in their order.
    static func recorded(_ items: [(item: FeedbackItem, envelope: InboundEnvelope)], at time: Date) -> OutboxEvent {
        OutboxEvent(
            Kunskapsloop_Feedback_V1_FeedbackRecorded.with {
                $0.items = items.map { Kunskapsloop_Feedback_V1_RecordedFeedback($0.item, messageID: $0.envelope.messageID) }
                $0.recordedAt = Google_Protobuf_Timestamp(date: time)
            }, routingKey: "feedback.recorded.v1", traceparent: items.count == 1 ? items[0].envelope.traceparent : nil)
    }

    /// `feedback.rejected.v1` for one refused message, carrying its trace.
    static func rejected(_ rejection: FeedbackRejection, _ envelope: InboundEnvelope, at time: Date) -> OutboxEvent {
        OutboxEvent(
            Kunskapsloop_Feedback_V1_FeedbackRejected(
                rejection, messageID: envelope.messageID, appID: envelope.appID,
                type: envelope.type, rejectedAt: Int64(time.timeIntervalSince1970)),
            routingKey: "feedback.rejected.v1", traceparent: envelope.traceparent)
    }

    /// A submission refused after it waited for its support: its rejection, and its dead-letter
    /// copy. The broker's copy was acknowledged when it was parked, so the service sends the
    /// (redacted) submission to the dead-letter queue itself, through the outbox, once: to
    /// `kl.dead` under the intake queue's name, as the broker dead-letters (the service's broker
    /// user may publish there under its own prefix only, and never through the default exchange).
    static func refusedAfterWaiting(
        _ rejection: FeedbackRejection, row: WaitingRow, envelope: InboundEnvelope, inboundQueue: String,
        at time: Date
    ) -> [OutboxEvent] {
        [
            rejected(rejection, envelope, at: time),
            OutboxEvent(
                routingKey: inboundQueue, type: row.type, body: row.body, exchange: "kl.dead",
                messageID: UUID(uuidString: envelope.messageID) ?? .random(), traceparent: envelope.traceparent),
        ]
    }

    static func summary(_ summary: Kunskapsloop_Feedback_V1_FeedbackSummary) -> OutboxEvent {
        OutboxEvent(summary, routingKey: "feedback.summary.v1")
    }
}
