import CatalogProjection
import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import ServiceRuntime
import Storage
import SwiftProtobuf

extension FeedbackIntake {
    /// Waiting submissions taken per transaction.
    static let waitingBatch = 200

    /// Tries waiting submissions again, inside the caller's transaction: those now placed are
    /// stored and removed; with `expire`, the rest are rejected (event and dead-letter copy) and
    /// removed. Returns the events to write.
    func retryWaiting(_ rows: [WaitingRow], expire: Bool, now: Date, on connection: PostgresConnection) async throws -> [OutboxEvent] {
        guard !rows.isEmpty else { return [] }
        let messages = rows.map { row in
            let submission = (try? Submitted(serializedBytes: row.body)).map(FeedbackSubmission.init)
            return IntakeMessage(
                envelope: row.envelope, redactions: row.redactions,
                submission: submission.map { .success($0) } ?? .failure(FeedbackRejection(.undecodable(Submitted.protoMessageName))))
        }
        var (outcomes, events) = try await take(messages, mode: .waiting, now: now, on: connection)
        var done: [String] = []
        var refused: [(key: String, reason: String)] = []
        for (row, (message, outcome)) in zip(rows, zip(messages, outcomes)) {
            switch outcome {
            case .stored, .duplicate:
                done.append(row.key)
            case .rejected(let rejection):
                // Cannot happen for a submission that passed once; reject rather than keep it forever.
                events += FeedbackEvents.refusedAfterWaiting(rejection, row: row, envelope: message.envelope, inboundQueue: inboundQueue, at: now)
                refused.append((row.key, rejection.description))
            case .waiting:
                guard expire, case .success(let submission) = message.submission, let reference = submission.knowledgeSupport else { continue }
                let rejection = FeedbackRejection.unknownKnowledgeSupport(reference)
                events += FeedbackEvents.refusedAfterWaiting(rejection, row: row, envelope: message.envelope, inboundQueue: inboundQueue, at: now)
                refused.append((row.key, rejection.description))
            }
        }
        try await store.removeWaiting(done + refused.map(\.key), on: connection)
        // The intake keeps no inbox row for what it takes in (its items are the record): a copy
        // sent again after this is rejected again from the inbox, without a second event.
        try await Inbox(schema: store.database.schema).noteRejections(refused, queue: inboundQueue, on: connection, logger: store.logger)
        return events
    }

    /// Places the submissions that wait for `support` (by its id, slug or URL), inside the
    /// catalog event's transaction.
    func placeWaiting(for support: KnowledgeSupport, on connection: PostgresConnection) async throws -> [OutboxEvent] {
        let selection = WaitingSelection.naming(
            id: support.id.lowercased(), slug: support.slug.lowercased(),
            url: support.url.map(SupportReference.normalised(url:)) ?? "")
        var events: [OutboxEvent] = []
        var tried = Set<String>()
        while true {
            let waiting = try await store.lockWaiting(selection, limit: Self.waitingBatch, on: connection)
            events += try await retryWaiting(waiting, expire: false, now: Date(), on: connection)
            // Rows that stay waiting (the projection disagrees with this event, e.g. an older one)
            // would come back on every pass: stop as soon as a batch brings nothing new.
            let keys = Set(waiting.map(\.key))
            if waiting.count < Self.waitingBatch || keys.isSubset(of: tried) { return events }
            tried.formUnion(keys)
        }
    }

    /// The scheduled sweep: first places those whose support has become known (a submission
    /// kept waiting by an intake that committed just after the catalog event's transaction looked
    /// for waiting rows would otherwise wait out its whole deadline), then rejects those past
    /// their deadline (`UNKNOWN_KNOWLEDGE_SUPPORT`, with a dead-letter copy). Each row is taken
    /// under a row lock and removed in the transaction that writes its events, so a racing replica
    /// or the projection placing it cannot make a second outcome. Returns how many it rejected.
    func sweep(now: Date) async throws -> Int {
        // One batch per run: a row that stays waiting is not taken again in a loop.
        try await store.database.transaction { tx in
            let known = try await store.lockWaiting(.resolvable, limit: Self.waitingBatch, on: tx.connection)
            tx.emit(try await retryWaiting(known, expire: false, now: now, on: tx.connection))
        }
        var handled = 0
        while true {
            let count = try await store.database.transaction { tx in
                let due = try await store.lockWaiting(.due(now), limit: Self.waitingBatch, on: tx.connection)
                tx.emit(try await retryWaiting(due, expire: true, now: now, on: tx.connection))
                return due.count
            }
            handled += count
            if count < Self.waitingBatch { return handled }
        }
    }
}

extension WaitingRow {
    /// The envelope the waiting submission came in.
    var envelope: InboundEnvelope {
        InboundEnvelope(key: key, messageID: key.hasPrefix("sha256:") ? "" : key, appID: appID, type: type, traceparent: traceparent)
    }
}
