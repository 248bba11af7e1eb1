import CatalogProjection
import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
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

extension FeedbackStore {
    /// Takes submissions in, inside the caller's transaction: validates and redacts them, checks
    /// organisations, resolves supports, stores the new items with their tallies, keeps the ones
    /// whose support is unknown waiting (`.broker`), and returns one outcome per message with the
    /// events to write (recorded, and for `.broker` rejected).
    func intake(_ messages: [IntakeMessage], mode: IntakeMode, now: Date, on connection: PostgresConnection) async throws
        -> (outcomes: [IntakeOutcome], events: [OutboxEvent]) {
        var outcomes = [IntakeOutcome](repeating: .duplicate, count: messages.count)
        var prepared: [PreparedSubmission] = []
        let seconds = Int64(now.timeIntervalSince1970)
        for (index, message) in messages.enumerated() {
            do throws(FeedbackRejection) {
                let submission = try message.submission.get()
                var redacted = submission
                var redactions = message.redactions ?? 0
                if message.redactions == nil {
                    try submission.validate(now: seconds, maxClockSkewSeconds: settings.maxClockSkewSeconds)
                    let result = submission.redacted()
                    redacted = result.submission
                    redactions = result.counts.values.reduce(0, +)
                }
                // validate() guarantees a reference.
                guard let reference = redacted.knowledgeSupport else { throw .missingField("knowledge_support") }
                prepared.append(PreparedSubmission(index: index, message: message, submission: redacted, redactions: redactions,
                                                   reference: SupportReference(reference)))
            } catch {
                outcomes[index] = .rejected(error)
            }
        }

        // Organisations are decided on the first delivery, as the contract says.
        let organisations = try await organisationNames(Set(prepared.compactMap(\.submission.organisationID)), on: connection)
        prepared = prepared.filter { item in
            guard let id = item.submission.organisationID, organisations[id] == nil else { return true }
            outcomes[item.index] = .rejected(.unknownOrganisation(id))
            return false
        }

        let supports = try await resolve(Set(prepared.map(\.reference)), on: connection)
        var placed: [(PreparedSubmission, ProjectedSupport)] = []
        var waiting: [PreparedSubmission] = []
        for item in prepared {
            if let support = supports[item.reference] {
                placed.append((item, support))
            } else if mode == .request {
                outcomes[item.index] = .rejected(.unknownKnowledgeSupport(item.submission.knowledgeSupport ?? .id(item.reference.value)))
            } else {
                outcomes[item.index] = .waiting
                if mode == .broker { waiting.append(item) }
            }
        }

        var events: [OutboxEvent] = []
        let stored = try await store(placed, organisations: organisations, recordedAt: now, on: connection)
        for (index, item) in stored {
            outcomes[index] = .stored(item)
            events.append(FeedbackEvents.recorded(item, messageID: messages[index].messageID, traceparent: messages[index].traceparent))
        }
        try await park(waiting, now: now, on: connection)
        if mode == .broker {
            for (index, outcome) in outcomes.enumerated() {
                guard case .rejected(let rejection) = outcome else { continue }
                events.append(FeedbackEvents.rejected(rejection, messages[index], at: seconds))
            }
        }
        return (outcomes, events)
    }

    /// Names of the known organisations among `ids`.
    func organisationNames(_ ids: Set<String>, on connection: PostgresConnection) async throws -> [String: String] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await connection.query(
            "SELECT id, name FROM \(unescaped: table("organisations")) WHERE id = ANY(\(Array(ids))::text[])", logger: logger)
        var names: [String: String] = [:]
        for try await (id, name) in rows.decode((String, String).self) { names[id] = name }
        return names
    }

    /// Keeps submissions whose support is unknown until the catalog's event or the deadline.
    private func park(_ waiting: [PreparedSubmission], now: Date, on connection: PostgresConnection) async throws {
        guard !waiting.isEmpty else { return }
        let bodies = try waiting.map { ByteBuffer(bytes: try Kunskapsloop_Feedback_V1_FeedbackSubmitted($0.submission).serializedBytes() as [UInt8]) }
        let deadline = now.addingTimeInterval(Double(settings.unknownSupportRetry.seconds))
        try await connection.query("""
            INSERT INTO \(unescaped: table("pending_submissions"))
                (message_id, reference_kind, reference_value, submission, redaction_count, source_app_id, original_type, traceparent, received_at, deadline)
            SELECT m, k, v, b, n, a, t, NULLIF(tp, ''), \(now), \(deadline)
            FROM unnest(\(waiting.map(\.message.key))::text[], \(waiting.map(\.reference.kind.rawValue))::text[],
                        \(waiting.map(\.reference.value))::text[], \(bodies)::bytea[], \(waiting.map(\.redactions))::int[],
                        \(waiting.map(\.message.appID))::text[], \(waiting.map(\.message.type))::text[],
                        \(waiting.map { $0.message.traceparent ?? "" })::text[]) AS u(m, k, v, b, n, a, t, tp)
            ON CONFLICT (message_id) DO NOTHING
            """, logger: logger)
    }
}
