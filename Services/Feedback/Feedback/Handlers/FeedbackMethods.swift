import CatalogProjection
import Contracts
import Domain
import Foundation
import Logging
import Messaging
import PostgresNIO
import RPC
import ServiceRuntime
import Storage
import SwiftProtobuf

/// The three methods of `kunskapsloop.feedback.v1.FeedbackService`.
enum FeedbackMethods {
    static func router(service: String, intake: FeedbackIntake) -> RPCRouter {
        let store = intake.store
        var router = RPCRouter(service: service)
        router.register("SubmitFeedback") { (request: Kunskapsloop_Feedback_V1_SubmitFeedbackRequest, context) in
            try await submit(request, context, intake)
        }
        router.register("GetFeedbackSummaries") { (request: Kunskapsloop_Feedback_V1_GetFeedbackSummariesRequest, _) in
            let periods = try periodRange(request.periods, field: "periods", maximum: 260)
            let support = request.knowledgeSupportID.lowercased()
            let organisation = request.hasOrganisationID ? request.organisationID : nil
            let (tallies, organisationName) = try await store.database.read { connection in
                guard try await intake.projection.support(support, on: connection) != nil else {
                    throw RPCError.notFound("no knowledge support with id \(quoted(request.knowledgeSupportID))", field: "knowledge_support_id")
                }
                var name = ""
                if let organisation {
                    guard let known = try await intake.projection.organisation(organisation, on: connection) else {
                        throw RPCError.notFound("no organisation with id \(quoted(organisation))", field: "organisation_id")
                    }
                    name = known.organisation.name
                }
                return (try await store.tallies(support, periods: periods, organisation: organisation, on: connection), name)
            }
            let now = Int64(Date().timeIntervalSince1970)
            let grace = store.configuration.periodGrace.seconds
            return Kunskapsloop_Feedback_V1_GetFeedbackSummariesResponse.with {
                $0.summaries = tallies.map {
                    Kunskapsloop_Feedback_V1_FeedbackSummary(
                        $0.tally, revision: $0.revision, closed: $0.endsAt + grace <= now,
                        computedAt: now, organisationName: organisationName)
                }
            }
        }
        router.register("ListFeedbackItems") { (request: Kunskapsloop_Feedback_V1_ListFeedbackItemsRequest, _) in
            try await list(request, store)
        }
        return router
    }

    /// Same path as the broker's intake, answered at once: an unknown support is NOT_FOUND rather
    /// than a wait. Idempotent by the item's unique key (the idempotency key, else the request's
    /// message_id): a repeat returns the stored item with `duplicate`.
    static func submit(
        _ request: Kunskapsloop_Feedback_V1_SubmitFeedbackRequest, _ context: RPCContext, _ intake: FeedbackIntake
    ) async throws
        -> Kunskapsloop_Feedback_V1_SubmitFeedbackResponse
    {
        let store = intake.store
        let key = !request.idempotencyKey.isEmpty ? request.idempotencyKey : context.messageID ?? UUID.random().lowercasedString
        if let (item, name) = try await store.database.read({ try await store.item(key: key, on: $0) }) {
            return .with {
                $0.item = .init(item, organisationName: name)
                $0.duplicate = true
            }
        }
        let message = IntakeMessage(
            envelope: InboundEnvelope(
                key: key, messageID: key, appID: "rpc", type: Kunskapsloop_Feedback_V1_FeedbackSubmitted.protoMessageName,
                traceparent: context.traceparent),
            submission: .success(FeedbackSubmission(request.feedback)))
        let outcome = try await store.database.transaction { tx in
            let (outcomes, events) = try await intake.take([message], mode: .request, now: Date(), on: tx.connection)
            tx.emit(events)
            return outcomes[0]
        }
        switch outcome {
        case .stored, .duplicate, .waiting:
            // Stored now, or by a concurrent request with the same key.
            guard let (item, name) = try await store.database.read({ try await store.item(key: key, on: $0) }) else {
                throw RPCError(.aborted, "the submission raced another with the same key; try again")
            }
            let duplicate: Bool = if case .stored = outcome { false } else { true }
            return .with {
                $0.item = .init(item, organisationName: name)
                $0.duplicate = duplicate
            }
        case .rejected(let rejection):
            let field = rejection.field.isEmpty ? "feedback" : "feedback.\(rejection.field)"
            let message = "\(rejection.messageEnglish) (\(rejection.messageSwedish))"
            switch rejection.reason {
            case .unknownKnowledgeSupport, .unknownOrganisation: throw RPCError.notFound(message, field: field)
            default: throw RPCError.invalidArgument(message, field: field)
            }
        }
    }

    /// Items newest first, filtered, a page at a time (keyset on the insertion order).
    static func list(
        _ request: Kunskapsloop_Feedback_V1_ListFeedbackItemsRequest, _ store: FeedbackStore
    ) async throws
        -> Kunskapsloop_Feedback_V1_ListFeedbackItemsResponse
    {
        var unpaged = request
        unpaged.page = Kunskapsloop_Common_V1_PageRequest()
        let fingerprint = FeedbackPageToken.fingerprint(unpaged)
        let size = try FeedbackPageToken.size(request.page)
        let after = try FeedbackPageToken.decode(request.page, fingerprint: fingerprint)?.after ?? Int64.max
        var filter = FeedbackItemFilter()
        filter.knowledgeSupportID = request.knowledgeSupportID.lowercased()
        filter.kinds = request.kinds.compactMap(FeedbackKind.init)
        filter.respondentRoles = request.respondentRoles.map(RespondentRole.init)
        filter.organisationID = request.organisationID
        if request.hasPeriods {
            let periods = try periodRange(request.periods, field: "periods", maximum: 10_000)
            filter.periods = (periods[0], periods[periods.count - 1])
        }
        let (page, total) = try await store.database.read { [filter] connection in
            try await store.items(filter, after: after, limit: size + 1, on: connection)
        }
        return .with { response in
            response.items = page.prefix(size).map { .init($0.item, organisationName: $0.organisationName) }
            response.page.totalSize = total
            if page.count > size, let last = page.prefix(size).last {
                response.page.nextPageToken = FeedbackPageToken(request: fingerprint, after: last.seq).encoded
            }
        }
    }

    /// The periods of a range: both ends set, ISO weeks or months alike, in order, not too many.
    static func periodRange(_ range: Kunskapsloop_Common_V1_PeriodRange, field: String, maximum: Int) throws(RPCError) -> [Period] {
        guard range.hasFirst, range.hasLast else { throw .invalidArgument("give the first and last period", field: field) }
        guard let first = range.first.period, let last = range.last.period else {
            throw .invalidArgument("a period of the range does not exist", field: field)
        }
        guard first.granularity == last.granularity, [.isoWeek, .month].contains(first.granularity) else {
            throw .invalidArgument("the range must run from ISO week to ISO week or from month to month", field: field)
        }
        let count = first.distance(to: last) + 1
        guard count >= 1 else { throw .invalidArgument("the first period comes after the last", field: field) }
        guard count <= maximum else { throw .invalidArgument("the range holds \(count) periods; at most \(maximum)", field: field) }
        return (0..<count).map { first.advanced(by: $0) }
    }
}
