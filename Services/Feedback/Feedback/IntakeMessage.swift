import Contracts
import Domain
import Foundation
import Messaging
import Storage
import SwiftProtobuf

/// A submission on its way in, with what the broker (or the RPC) said about it.
struct IntakeMessage: Sendable {
    /// The idempotency key: the AMQP message_id (or the kernel's content hash when there was
    /// none), or the RPC idempotency key.
    let key: String
    /// The message_id as sent ("" when none), for the rejection event.
    let messageID: String
    let appID: String
    let type: String
    let traceparent: String?
    /// The submission, or why it could not be read.
    let submission: Result<FeedbackSubmission, FeedbackRejection>
    /// Redactions already made, for a submission kept while its support was unknown (its text is
    /// redacted already); nil for a fresh one.
    var redactions: Int?

    /// Reads a delivery: the AMQP type and content type first, then the body.
    init(_ delivery: Delivery) {
        let properties = delivery.properties
        key = TransactionalConsumer.key(delivery)
        messageID = properties.messageID ?? ""
        appID = properties.appID ?? ""
        type = properties.type ?? ""
        traceparent = properties.traceparent
        let contentType = properties.contentType ?? ""
        if let raw = properties.unreadableMessageID {
            // Kept exactly it could not be, and altered it must not be: two ids would collide.
            submission = .failure(raw.contains(0) ? .nulCharacter(field: "message_id") : .invalidUTF8(field: "message_id"))
        } else if type != FeedbackRejection.submittedMessageType || contentType != "application/x-protobuf" {
            submission = .failure(.wrongMessageType(type, contentType: contentType))
        } else {
            submission = Self.decode(delivery.body)
        }
    }

    init(key: String, messageID: String, appID: String, type: String, traceparent: String?,
         submission: Result<FeedbackSubmission, FeedbackRejection>, redactions: Int? = nil) {
        self.key = key
        self.messageID = messageID
        self.appID = appID
        self.type = type
        self.traceparent = traceparent
        self.submission = submission
        self.redactions = redactions
    }

    /// The body as a submission; swift-protobuf refuses invalid UTF-8 in strings without saying
    /// where, so the raw fields are looked at to name the field.
    static func decode(_ body: [UInt8]) -> Result<FeedbackSubmission, FeedbackRejection> {
        do {
            return .success(FeedbackSubmission(try Kunskapsloop_Feedback_V1_FeedbackSubmitted(serializedBytes: body)))
        } catch {
            if let field = FeedbackSubmittedWire.firstInvalidUTF8Field(body) { return .failure(.invalidUTF8(field: field)) }
            return .failure(.undecodable("\(error)"))
        }
    }
}

/// What became of a submission.
enum IntakeOutcome: Sendable {
    /// Stored now, as this item.
    case stored(Kunskapsloop_Feedback_V1_FeedbackItem)
    /// Stored before under the same key: nothing new.
    case duplicate
    /// Its knowledge support is not known yet: kept waiting (or left waiting).
    case waiting
    /// Refused.
    case rejected(FeedbackRejection)
}

/// How the intake treats what it cannot place.
enum IntakeMode: Sendable {
    /// From the broker: an unknown support waits; a rejection is answered with an event.
    case broker
    /// From an RPC: the caller hears at once; no rejection event.
    case request
    /// A waiting submission tried again: already validated and redacted; if its support is
    /// still unknown it stays where it is.
    case waiting
}
