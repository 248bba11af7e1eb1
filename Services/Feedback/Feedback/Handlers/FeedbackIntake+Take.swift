import CatalogProjection
import Contracts
import Domain
import Foundation
import Logging
import Messaging
import PostgresNIO
import ServiceRuntime
import Storage
import SwiftProtobuf

/// A submission that passed validation, redacted, with its support reference normalised.
struct PreparedSubmission: Sendable {
    let index: Int
    let message: IntakeMessage
    let submission: FeedbackSubmission
    let redactions: Int
    let reference: SupportReference
}

extension FeedbackIntake {
    /// Takes submissions in, inside the caller's transaction: validates and redacts them, checks
    /// organisations, resolves supports, stores the new items with their tallies, keeps the ones
    /// whose support is unknown waiting (`.broker`), and returns one outcome per message with the
    /// events to write: one `feedback.recorded.v1` for all items stored, and (`.broker`) one
    /// `feedback.rejected.v1` per refused message.
    func take(
        _ messages: [IntakeMessage], mode: IntakeMode, now: Date, on connection: PostgresConnection
    ) async throws
        -> (outcomes: [IntakeOutcome], events: [OutboxEvent])
    {
        var outcomes = [IntakeOutcome](repeating: .duplicate, count: messages.count)
        var prepared: [PreparedSubmission] = []
        let seconds = Int64(now.timeIntervalSince1970)
        for (index, message) in messages.enumerated() {
            do throws(FeedbackRejection) {
                let submission = try message.submission.get()
                var redacted = submission
                var redactions = message.redactions ?? 0
                if message.redactions == nil {
                    try submission.validate(now: seconds, maxClockSkewSeconds: configuration.maxClockSkewSeconds)
                    let result = submission.redacted()
                    redacted = result.submission
                    redactions = result.counts.values.reduce(0, +)
                }
                // validate() guarantees a reference.
                guard let reference = redacted.knowledgeSupport else { throw .missingField("knowledge_support") }
                prepared.append(
                    PreparedSubmission(
                        index: index, message: message, submission: redacted, redactions: redactions,
                        reference: SupportReference(reference)))
            } catch {
                outcomes[index] = .rejected(error)
            }
        }

        // Organisations are decided on the first delivery, as the contract says.
        let known = try await projection.organisations(Set(prepared.compactMap(\.submission.organisationID)), on: connection)
        prepared = prepared.filter { item in
            guard let id = item.submission.organisationID, known[id] == nil else { return true }
            outcomes[item.index] = .rejected(.unknownOrganisation(id))
            return false
        }

        let supports = try await projection.supports(Set(prepared.map(\.reference)), on: connection)
        var items: [(index: Int, item: FeedbackItem)] = []
        var waiting: [PreparedSubmission] = []
        for item in prepared {
            if let support = supports[item.reference] {
                items.append(
                    (
                        item.index,
                        FeedbackItem(
                            id: UUID.random().lowercasedString, key: item.message.key, submission: item.submission,
                            redactionCount: item.redactions, knowledgeSupportID: support.id, knowledgeSupportVersion: support.version,
                            sourceAppID: item.message.envelope.appID, recordedAt: now.timeIntervalSince1970)
                    ))
            } else if mode == .request {
                outcomes[item.index] = .rejected(.unknownKnowledgeSupport(item.submission.knowledgeSupport ?? .id(item.reference.value)))
            } else {
                outcomes[item.index] = .waiting
                if mode == .broker { waiting.append(item) }
            }
        }

        var events: [OutboxEvent] = []
        let skipped = try await store.insert(items.map(\.item), on: connection)
        let stored = skipped.isEmpty ? items : items.filter { !skipped.contains($0.item.key) }
        for (index, item) in stored { outcomes[index] = .stored(item) }
        if !stored.isEmpty {
            events.append(FeedbackEvents.recorded(stored.map { ($0.item, messages[$0.index].envelope) }, at: now))
        }
        try await store.park(
            try waiting.map(Self.waitingRow), receivedAt: now,
            deadline: now.addingTimeInterval(Double(configuration.unknownSupportRetry.seconds)), on: connection)
        if mode == .broker {
            for (index, outcome) in outcomes.enumerated() {
                guard case .rejected(let rejection) = outcome else { continue }
                events.append(FeedbackEvents.rejected(rejection, messages[index].envelope, at: now))
            }
        }
        return (outcomes, events)
    }

    /// A submission to keep while its support is unknown: redacted, encoded as the contract's
    /// message (the table keeps what a sender would resend).
    static func waitingRow(_ item: PreparedSubmission) throws -> WaitingRow {
        WaitingRow(
            key: item.message.key, body: try Submitted(item.submission).serializedBytes(), redactions: item.redactions,
            appID: item.message.envelope.appID, type: item.message.envelope.type, traceparent: item.message.envelope.traceparent,
            reference: item.reference)
    }
}
