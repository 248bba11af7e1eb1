import Contracts
import Domain
import Foundation
import Messaging
import Storage
import SwiftProtobuf

/// The feedback service's events, as outbox rows.
enum FeedbackEvents {
    static func event(_ message: some SwiftProtobuf.Message, routingKey: String, traceparent: String?) -> OutboxEvent {
        // Serialising a message we built ourselves cannot fail (no required fields in proto3).
        let body: [UInt8] = (try? message.serializedBytes()) ?? []
        return OutboxEvent(routingKey: routingKey, type: type(of: message).protoMessageName, body: body, traceparent: traceparent)
    }

    static func recorded(_ item: Kunskapsloop_Feedback_V1_FeedbackItem, messageID: String, traceparent: String?) -> OutboxEvent {
        event(Kunskapsloop_Feedback_V1_FeedbackRecorded.with {
            $0.item = item
            $0.originalMessageID = messageID
        }, routingKey: "feedback.recorded.v1", traceparent: traceparent)
    }

    static func rejected(_ rejection: FeedbackRejection, _ message: IntakeMessage, at seconds: Int64) -> OutboxEvent {
        event(Kunskapsloop_Feedback_V1_FeedbackRejected(rejection, messageID: message.messageID, appID: message.appID,
                                                         type: message.type, rejectedAt: seconds),
              routingKey: "feedback.rejected.v1", traceparent: message.traceparent)
    }

    static func summary(_ summary: Kunskapsloop_Feedback_V1_FeedbackSummary) -> OutboxEvent {
        event(summary, routingKey: "feedback.summary.v1", traceparent: nil)
    }

    /// The dead-letter copy of a submission rejected after waiting for its support: the broker
    /// copy was acknowledged when it was parked, so the service sends the (redacted) submission
    /// to the dead-letter queue itself, through the outbox, once: to `kl.dead` under the intake
    /// queue's name, as the broker dead-letters (the service's broker user may publish there
    /// under its own prefix only, and never through the default exchange).
    static func deadLetter(_ submission: [UInt8], message: IntakeMessage, inboundQueue: String) -> OutboxEvent {
        OutboxEvent(routingKey: inboundQueue, type: message.type, body: submission, exchange: "kl.dead",
                    messageID: UUID(uuidString: message.messageID) ?? .random(), traceparent: message.traceparent)
    }
}
