import Contracts
import Domain
import Foundation
import Logging
import Messaging
import PostgresNIO
import Storage
import SwiftProtobuf

/// Submissions from other systems, a batch at a time, in the kernel's transaction; and the
/// submissions that wait for their knowledge support.
struct FeedbackIntake: Sendable {
    let store: FeedbackStore
    /// The intake queue (`feedback.inbound`): its dead-letter copies go to `kl.dead` under this name.
    let inboundQueue: String

    /// Every delivery ends as processed (stored, a duplicate, or waiting) or rejected (its event
    /// written, the message to the dead-letter queue). Nothing in a message can make this throw:
    /// only the database can.
    func handleBatch(_ deliveries: [Delivery], _ context: inout TransactionalConsumer.Context) async throws -> [TransactionalConsumer.Disposition] {
        let messages = deliveries.map(IntakeMessage.init)
        let (outcomes, events) = try await store.intake(messages, mode: .broker, now: Date(), on: context.connection)
        for event in events { context.emit(event) }
        return outcomes.map { outcome in
            if case .rejected(let rejection) = outcome { return .rejected(reason: rejection.description) }
            return .processed
        }
    }

    /// Tries waiting submissions again, inside the caller's transaction: those now placed are
    /// stored and removed; with `expire`, the rest are rejected (event and dead-letter copy) and
    /// removed. Returns the events to write.
    func retryWaiting(_ rows: [WaitingSubmission], expire: Bool, on connection: PostgresConnection) async throws -> [OutboxEvent] {
        guard !rows.isEmpty else { return [] }
        let now = Date()
        let (outcomes, events) = try await store.intake(rows.map(\.message), mode: .waiting, now: now, on: connection)
        var done: [String] = []
        var all = events
        for (row, outcome) in zip(rows, outcomes) {
            switch outcome {
            case .stored, .duplicate:
                done.append(row.message.key)
            case .rejected(let rejection):
                // Cannot happen for a submission that passed once; reject rather than keep it forever.
                all.append(FeedbackEvents.rejected(rejection, row.message, at: Int64(now.timeIntervalSince1970)))
                all.append(FeedbackEvents.deadLetter(row.body, message: row.message, inboundQueue: inboundQueue))
                done.append(row.message.key)
            case .waiting:
                guard expire, case .success(let submission) = row.message.submission, let reference = submission.knowledgeSupport else { continue }
                all.append(FeedbackEvents.rejected(.unknownKnowledgeSupport(reference), row.message, at: Int64(now.timeIntervalSince1970)))
                all.append(FeedbackEvents.deadLetter(row.body, message: row.message, inboundQueue: inboundQueue))
                done.append(row.message.key)
            }
        }
        try await store.removeWaiting(done, on: connection)
        return all
    }
}
