import Contracts
import SwiftProtobuf

/// Populated `kunskapsloop.feedback.v1` RPC messages (`*_service.proto`): every field set to a non-default value.
extension Fixtures {
    /// `kunskapsloop.feedback.v1.SubmitFeedbackRequest` with every field set.
    static var submitFeedbackRequest: Kunskapsloop_Feedback_V1_SubmitFeedbackRequest {
        .with {
            $0.feedback = feedbackSubmitted
            $0.idempotencyKey = "c9a7e1d2-0f34-4e8b-9d21-6a5b4c3d2e1f"
        }
    }

    /// `kunskapsloop.feedback.v1.SubmitFeedbackResponse` with every field set.
    static var submitFeedbackResponse: Kunskapsloop_Feedback_V1_SubmitFeedbackResponse {
        .with {
            $0.item = feedbackItem
            $0.duplicate = true
        }
    }

    /// `kunskapsloop.feedback.v1.GetFeedbackSummariesRequest` with every field set.
    static var getFeedbackSummariesRequest: Kunskapsloop_Feedback_V1_GetFeedbackSummariesRequest {
        .with {
            $0.knowledgeSupportID = "knowledge-support-1"
            $0.periods = periodRange
            $0.organisationID = "organisation-1"
        }
    }

    /// `kunskapsloop.feedback.v1.GetFeedbackSummariesResponse` with every field set.
    static var getFeedbackSummariesResponse: Kunskapsloop_Feedback_V1_GetFeedbackSummariesResponse {
        .with {
            $0.summaries = [feedbackSummary, feedbackSummary]
        }
    }

    /// `kunskapsloop.feedback.v1.ListFeedbackItemsRequest` with every field set.
    static var listFeedbackItemsRequest: Kunskapsloop_Feedback_V1_ListFeedbackItemsRequest {
        .with {
            $0.knowledgeSupportID = "knowledge-support-1"
            $0.kinds = [.helpfulness, .rating]
            $0.respondentRoles = [.patient, .relative]
            $0.periods = periodRange
            $0.organisationID = "organisation-1"
            $0.page = pageRequest
        }
    }

    /// `kunskapsloop.feedback.v1.ListFeedbackItemsResponse` with every field set.
    static var listFeedbackItemsResponse: Kunskapsloop_Feedback_V1_ListFeedbackItemsResponse {
        .with {
            $0.items = [feedbackItem, feedbackItem]
            $0.page = pageResult
        }
    }
}
