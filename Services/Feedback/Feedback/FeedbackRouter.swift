import CatalogProjection
import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import RPC
import Storage
import SwiftProtobuf

/// The three methods of `kunskapsloop.feedback.v1.FeedbackService`.
enum FeedbackRouter {
    static func make(service: String, store: FeedbackStore) -> RPCRouter {
        var router = RPCRouter(service: service)
        router.register("SubmitFeedback") { (request: Kunskapsloop_Feedback_V1_SubmitFeedbackRequest, context) in
            try await submit(request, context, store)
        }
        router.register("GetFeedbackSummaries") { (request: Kunskapsloop_Feedback_V1_GetFeedbackSummariesRequest, _) in
            let periods = try periodRange(request.periods, field: "periods", maximum: 260)
            return try await store.read { connection in
                guard try await !store.resolve([SupportReference(kind: .id, value: request.knowledgeSupportID.lowercased())], on: connection).isEmpty else {
                    throw RPCError.notFound("no knowledge support with id \(quoted(request.knowledgeSupportID))", field: "knowledge_support_id")
                }
                let organisation = request.hasOrganisationID ? request.organisationID : nil
                if let organisation, try await store.organisationNames([organisation], on: connection).isEmpty {
                    throw RPCError.notFound("no organisation with id \(quoted(organisation))", field: "organisation_id")
                }
                var response = Kunskapsloop_Feedback_V1_GetFeedbackSummariesResponse()
                response.summaries = try await store.summaries(request.knowledgeSupportID.lowercased(), periods: periods,
                                                               organisation: organisation, on: connection)
                return response
            }
        }
        router.register("ListFeedbackItems") { (request: Kunskapsloop_Feedback_V1_ListFeedbackItemsRequest, _) in
            try await store.read { connection in try await store.listItems(request, on: connection) }
        }
        return router
    }

    /// Same path as the broker's intake, answered at once: an unknown support is NOT_FOUND rather
    /// than a wait. Idempotent by the item's unique key (the idempotency key, else the request's
    /// message_id): a repeat returns the stored item with `duplicate`.
    static func submit(_ request: Kunskapsloop_Feedback_V1_SubmitFeedbackRequest, _ context: RPCContext, _ store: FeedbackStore) async throws
        -> Kunskapsloop_Feedback_V1_SubmitFeedbackResponse {
        let key = !request.idempotencyKey.isEmpty ? request.idempotencyKey : context.messageID ?? UUID().uuidString.lowercased()
        if let item = try await store.read({ try await store.item(key: key, on: $0) }) {
            return .with { $0.item = item; $0.duplicate = true }
        }
        let message = IntakeMessage(key: key, messageID: key, appID: "rpc", type: FeedbackRejection.submittedMessageType,
                                    traceparent: context.traceparent, submission: .success(FeedbackSubmission(request.feedback)))
        let outcome = try await store.transaction { connection in
            let (outcomes, events) = try await store.intake([message], mode: .request, now: Date(), on: connection)
            return (outcomes[0], events)
        }
        switch outcome {
        case .stored(let item):
            return .with { $0.item = item }
        case .duplicate, .waiting:
            // Stored by a concurrent request with the same key.
            guard let item = try await store.read({ try await store.item(key: key, on: $0) }) else {
                throw RPCError(.aborted, "the submission raced another with the same key; try again")
            }
            return .with { $0.item = item; $0.duplicate = true }
        case .rejected(let rejection):
            let field = rejection.field.isEmpty ? "feedback" : "feedback.\(rejection.field)"
            let message = "\(rejection.messageEnglish) (\(rejection.messageSwedish))"
            switch rejection.reason {
            case .unknownKnowledgeSupport, .unknownOrganisation: throw RPCError.notFound(message, field: field)
            default: throw RPCError.invalidArgument(message, field: field)
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
