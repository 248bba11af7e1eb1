import Contracts
import Domain
import Foundation
import SwiftProtobuf

/// One stored feedback item, as written to `items` and published in `feedback.recorded.v1`.
struct FeedbackItemRecord: Sendable {
    let id: UUID
    let key: String
    let supportID: String
    let supportVersion: Int32
    let role: RespondentRole
    let kind: FeedbackKind
    let answer: FeedbackSubmission.Answer
    let comment: String
    let redactions: Int
    let organisationID: String?
    let occurredAt: Int64
    let recordedAt: Date
    let sourceSystem: String
    let appID: String
    let week: Period
    let month: Period

    init(id: UUID, prepared: PreparedSubmission, support: ProjectedSupport, recordedAt: Date) {
        let submission = prepared.submission
        let occurredAt = submission.occurredAt ?? Int64(recordedAt.timeIntervalSince1970)
        self.init(id: id, key: prepared.message.key, supportID: support.id, supportVersion: support.version,
                  role: submission.respondentRole, kind: submission.kind ?? .helpfulness, answer: submission.answer ?? .helpful(false),
                  comment: submission.comment, redactions: prepared.redactions, organisationID: submission.organisationID,
                  occurredAt: occurredAt, recordedAt: recordedAt, sourceSystem: submission.sourceSystem, appID: prepared.message.appID,
                  week: StockholmTime.period(containing: occurredAt, granularity: .isoWeek),
                  month: StockholmTime.period(containing: occurredAt, granularity: .month))
    }

    init(id: UUID, key: String, supportID: String, supportVersion: Int32, role: RespondentRole, kind: FeedbackKind,
         answer: FeedbackSubmission.Answer, comment: String, redactions: Int, organisationID: String?, occurredAt: Int64,
         recordedAt: Date, sourceSystem: String, appID: String, week: Period, month: Period) {
        self.id = id
        self.key = key
        self.supportID = supportID
        self.supportVersion = supportVersion
        self.role = role
        self.kind = kind
        self.answer = answer
        self.comment = comment
        self.redactions = redactions
        self.organisationID = organisationID
        self.occurredAt = occurredAt
        self.recordedAt = recordedAt
        self.sourceSystem = sourceSystem
        self.appID = appID
        self.week = week
        self.month = month
    }

    // Column values for the insert: unnest cannot take optionals, so "absent" has a spelling.
    var helpfulCode: String {
        if case .helpful(let yes) = answer { yes ? "t" : "f" } else { "" }
    }
    var ratingValue: Int {
        if case .rating(let rating) = answer { rating } else { 0 }
    }
    var textValue: String {
        if case .text(let text) = answer { text } else { "" }
    }

    func contract(organisationName: String) -> Kunskapsloop_Feedback_V1_FeedbackItem {
        Kunskapsloop_Feedback_V1_FeedbackItem.with {
            $0.id = id.uuidString.lowercased()
            $0.knowledgeSupportID = supportID
            $0.knowledgeSupportVersion = supportVersion
            $0.respondentRole = role.contract
            $0.kind = kind.contract
            switch answer {
            case .helpful(let yes): $0.helpful = yes
            case .rating(let rating): $0.rating = Int32(clamping: rating)
            case .text(let text): $0.text = text
            }
            $0.comment = comment
            $0.redactionCount = Int32(clamping: redactions)
            if let organisationID {
                $0.organisation = Kunskapsloop_Common_V1_OrganisationRef.with {
                    $0.id = organisationID
                    $0.name = organisationName
                }
            }
            $0.occurredAt = Google_Protobuf_Timestamp(seconds: occurredAt)
            $0.recordedAt = Google_Protobuf_Timestamp(date: recordedAt)
            $0.sourceSystem = sourceSystem
            $0.week = Kunskapsloop_Common_V1_Period(week)
            $0.month = Kunskapsloop_Common_V1_Period(month)
        }
    }
}
