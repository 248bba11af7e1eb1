import Contracts
import Domain
import ServiceRuntime

/// A submission on its way in: where it came from (the broker's envelope, or an RPC's) and the
/// submission, or why it was refused before anything could look at it.
struct IntakeMessage: Sendable {
    let envelope: InboundEnvelope
    let submission: Result<FeedbackSubmission, FeedbackRejection>
    /// Redactions already made, for a submission kept while its support was unknown (its text is
    /// redacted already); nil for a fresh one.
    var redactions: Int?

    init(envelope: InboundEnvelope, redactions: Int? = nil, submission: Result<FeedbackSubmission, FeedbackRejection>) {
        self.envelope = envelope
        self.submission = submission
        self.redactions = redactions
    }

    /// A message the broker delivered and the intake could read.
    init(_ message: InboundMessage<Kunskapsloop_Feedback_V1_FeedbackSubmitted>) {
        self.init(envelope: message.envelope, submission: .success(FeedbackSubmission(message.body)))
    }

    var key: String { envelope.key }
}

/// What became of a submission.
enum IntakeOutcome: Sendable {
    /// Stored now, as this item.
    case stored(FeedbackItem)
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

extension FeedbackRejection {
    /// A message that could not be read at all, in the feedback contract's terms (a NUL is
    /// INVALID_UTF8, the nearest reason the contract has).
    init(_ problem: InboundProblem) {
        let reason: Reason =
            switch problem.reason {
            case .wrongMessageType: .wrongMessageType
            case .undecodable: .undecodable
            case .invalidUTF8, .nulCharacter: .invalidUTF8
            }
        self.init(reason, field: problem.field, english: problem.english, swedish: problem.swedish)
    }
}
