import CatalogProjection
import Contracts
import Domain
import Foundation
import Logging
import Messaging
import PostgresNIO
import ServiceRuntime
import Storage

/// Takes feedback in, from other systems over the broker and from SubmitFeedback requests:
/// validates and redacts with Domain, checks organisations and resolves knowledge supports with
/// the service's catalog projection, has the store write the items, and builds the events
/// (`FeedbackEvents`). Submissions for a support the projection does not know yet wait for its
/// catalog event, or their deadline.
struct FeedbackIntake: Sendable {
    let store: FeedbackStore
    let projection: CatalogProjection
    let configuration: FeedbackConfiguration
    /// The intake queue (`feedback.inbound`): its dead-letter copies go to `kl.dead` under this name.
    let inboundQueue: String

    typealias Submitted = Kunskapsloop_Feedback_V1_FeedbackSubmitted

    /// The broker's side: reads each message (what cannot be read is refused with its event and
    /// kept in the dead-letter queue), then takes the readable ones in. Nothing in a message can
    /// make this throw: only the database can.
    var inbound: InboundIntake<Submitted> {
        InboundIntake(
            reject: { envelope, problem in
                FeedbackEvents.rejected(FeedbackRejection(problem), envelope, at: Date())
            },
            diagnose: { body in FeedbackSubmittedWire.firstInvalidUTF8Field(body).map(InboundProblem.invalidUTF8(field:)) },
            handle: { messages, context in
                let (outcomes, events) = try await take(messages.map(IntakeMessage.init), mode: .broker, now: Date(), on: context.connection)
                for event in events { context.emit(event) }
                return outcomes.map { outcome in
                    switch outcome {
                    case .rejected(let rejection): .rejected(reason: rejection.description)
                    case .duplicate: .duplicate
                    case .stored, .waiting: .processed
                    }
                }
            })
    }
}
