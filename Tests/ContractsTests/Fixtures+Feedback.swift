import Contracts
import SwiftProtobuf

/// Populated `kunskapsloop.feedback.v1` messages: every field set to a non-default value.
extension Fixtures {
    /// `kunskapsloop.feedback.v1.FeedbackRecorded` with every field set.
    static var feedbackRecorded: Kunskapsloop_Feedback_V1_FeedbackRecorded {
        .with {
            $0.items = [recordedFeedback]
            $0.recordedAt = instant
        }
    }

    /// `kunskapsloop.feedback.v1.RecordedFeedback` with every field set.
    static var recordedFeedback: Kunskapsloop_Feedback_V1_RecordedFeedback {
        .with {
            $0.itemID = "0b5e2a4c-6d7e-4f80-9a1b-2c3d4e5f6a7b"
            $0.originalMessageID = "7d1f0c7e-3b55-4bb0-8f5e-1c2d3e4f5a6b"
            $0.knowledgeSupportID = "3f0c2b1a-9d8e-4c7b-a6f5-e4d3c2b1a0f9"
            $0.knowledgeSupportVersion = 2
            $0.kind = .rating
            $0.week = feedbackItem.week
            $0.month = feedbackItem.month
            $0.organisationID = "SE2321000032-E000000000001"
            $0.sourceAppID = "1177-web"
        }
    }

    /// `kunskapsloop.feedback.v1.FeedbackRejected` with every field set.
    static var feedbackRejected: Kunskapsloop_Feedback_V1_FeedbackRejected {
        .with {
            $0.reason = .undecodable
            $0.field = "draft.slug"
            $0.messageEn = "rating 7 is outside 1–5"
            $0.messageSv = "betyget 7 ligger utanför 1–5"
            $0.originalMessageID = "7d1f0c7e-3b55-4bb0-8f5e-1c2d3e4f5a6b"
            $0.sourceAppID = "1177-web"
            $0.originalType = "kunskapsloop.feedback.v1.FeedbackSubmitted"
            $0.rejectedAt = instant
        }
    }

    /// `kunskapsloop.feedback.v1.FeedbackItem` with every field set.
    static var feedbackItem: Kunskapsloop_Feedback_V1_FeedbackItem {
        .with {
            $0.id = "0b7c2f1e-5d4a-4c1b-9a57-3f1e2d9c8b01"
            $0.knowledgeSupportID = "knowledge-support-1"
            $0.knowledgeSupportVersion = 2
            $0.respondentRole = .patient
            $0.kind = .helpfulness
            $0.helpful = true
            $0.comment = "Bra, men svårt att hitta [telefonnummer]"
            $0.redactionCount = 1
            $0.organisation = organisationRef
            $0.occurredAt = instant
            $0.recordedAt = instant
            $0.sourceSystem = "1177-web"
            $0.week = period
            $0.month = month
        }
    }

    /// `kunskapsloop.feedback.v1.FeedbackItem`: one instance per oneof member.
    static var feedbackItemVariants: [Kunskapsloop_Feedback_V1_FeedbackItem] {
        [
            feedbackItem,
            feedbackItem.changing { $0.rating = 4 },
            feedbackItem.changing { $0.text = "Jag förstod äntligen min medicinering." },
        ]
    }

    /// `kunskapsloop.feedback.v1.RespondentRoleCounts` with every field set.
    static var respondentRoleCounts: Kunskapsloop_Feedback_V1_RespondentRoleCounts {
        .with {
            $0.patientCount = 7
            $0.relativeCount = 7
            $0.professionalCount = 7
            $0.unknownCount = 7
        }
    }

    /// `kunskapsloop.feedback.v1.FeedbackSubmitted` with every field set.
    static var feedbackSubmitted: Kunskapsloop_Feedback_V1_FeedbackSubmitted {
        .with {
            $0.knowledgeSupportID = "knowledge-support-1"
            $0.respondentRole = .patient
            $0.kind = .helpfulness
            $0.helpful = true
            $0.comment = "Bra, men svårt att hitta [telefonnummer]"
            $0.organisationID = "organisation-1"
            $0.occurredAt = instant
            $0.sourceSystem = "1177-web"
        }
    }

    /// `kunskapsloop.feedback.v1.FeedbackSubmitted`: one instance per oneof member.
    static var feedbackSubmittedVariants: [Kunskapsloop_Feedback_V1_FeedbackSubmitted] {
        [
            feedbackSubmitted,
            feedbackSubmitted.changing { $0.knowledgeSupportSlug = "hjartsvikt-vardforlopp" },
            feedbackSubmitted.changing { $0.knowledgeSupportURL = "https://www.kunskapsstyrningvard.se/hjartsvikt" },
            feedbackSubmitted.changing { $0.rating = 4 },
            feedbackSubmitted.changing { $0.text = "Jag förstod äntligen min medicinering." },
        ]
    }

    /// `kunskapsloop.feedback.v1.FeedbackSummary` with every field set.
    static var feedbackSummary: Kunskapsloop_Feedback_V1_FeedbackSummary {
        .with {
            $0.knowledgeSupportID = "knowledge-support-1"
            $0.period = period
            $0.organisation = organisationRef
            $0.totalCount = 7
            $0.helpfulYesCount = 7
            $0.helpfulNoCount = 7
            $0.helpfulShare = 0.75
            $0.ratingCounts = [1, 2, 3, 4, 5]
            $0.ratingMean = 3.9
            $0.experienceCount = 7
            $0.improvementSuggestionCount = 7
            $0.respondentRoleCounts = respondentRoleCounts
            $0.revision = 2
            $0.closed = true
            $0.computedAt = instant
        }
    }
}
