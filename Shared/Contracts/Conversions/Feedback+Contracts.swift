import Domain
import Foundation
import SwiftProtobuf

// Mappings between the feedback domain and its contracts, shared by the feedback service, its
// tests, the CLI and follow-up (which reads summaries).

extension FeedbackKind {
    /// nil for UNSPECIFIED and numbers this code does not know.
    public init?(_ kind: Kunskapsloop_Feedback_V1_FeedbackKind) {
        switch kind {
        case .helpfulness: self = .helpfulness
        case .rating: self = .rating
        case .experience: self = .experience
        case .improvementSuggestion: self = .improvementSuggestion
        default: return nil
        }
    }

    public var contract: Kunskapsloop_Feedback_V1_FeedbackKind {
        switch self {
        case .helpfulness: .helpfulness
        case .rating: .rating
        case .experience: .experience
        case .improvementSuggestion: .improvementSuggestion
        }
    }
}

extension RespondentRole {
    /// UNSPECIFIED and unknown numbers read as `.unknown`, as the contract says.
    public init(_ role: Kunskapsloop_Feedback_V1_RespondentRole) {
        switch role {
        case .patient: self = .patient
        case .relative: self = .relative
        case .professional: self = .professional
        default: self = .unknown
        }
    }

    public var contract: Kunskapsloop_Feedback_V1_RespondentRole {
        switch self {
        case .patient: .patient
        case .relative: .relative
        case .professional: .professional
        case .unknown: .unknown
        }
    }
}

extension FeedbackRejection.Reason {
    public var contract: Kunskapsloop_Feedback_V1_RejectionReason {
        switch self {
        case .undecodable: .undecodable
        case .wrongMessageType: .wrongMessageType
        case .unknownKnowledgeSupport: .unknownKnowledgeSupport
        case .kindAnswerMismatch: .kindAnswerMismatch
        case .ratingOutOfRange: .ratingOutOfRange
        case .commentTooLong: .commentTooLong
        case .invalidUTF8: .invalidUtf8
        case .occurredInFuture: .occurredInFuture
        case .occurredTooLongAgo: .occurredTooLongAgo
        case .unknownOrganisation: .unknownOrganisation
        case .missingField: .missingField
        }
    }
}

extension Kunskapsloop_Common_V1_Period {
    public init(_ period: Period) {
        self.init()
        granularity =
            switch period.granularity {
            case .isoWeek: .isoWeek
            case .month: .month
            case .quarter: .quarter
            case .year: .year
            }
        year = Int32(period.year)
        index = Int32(period.index)
    }

    /// The period, or nil when it is unset or does not exist (week 54, month 13).
    public var period: Period? {
        switch granularity {
        case .isoWeek: try? Period.isoWeek(Int(year), Int(index))
        case .month: try? Period.month(Int(year), Int(index))
        case .quarter: try? Period.quarter(Int(year), Int(index))
        case .year: year > 0 ? Period.year(Int(year)) : nil
        default: nil
        }
    }
}

extension FeedbackSubmission {
    /// The submission as sent; absent fields become nil for `validate(now:maxClockSkewSeconds:)`
    /// to name. Nanoseconds of occurred_at are dropped (periods are days).
    public init(_ message: Kunskapsloop_Feedback_V1_FeedbackSubmitted) {
        let reference: KnowledgeSupportReference? =
            switch message.knowledgeSupport {
            case .knowledgeSupportID(let id)?: .id(id)
            case .knowledgeSupportSlug(let slug)?: .slug(slug)
            case .knowledgeSupportURL(let url)?: .url(url)
            case nil: nil
            }
        let answer: Answer? =
            switch message.answer {
            case .helpful(let helpful)?: .helpful(helpful)
            case .rating(let rating)?: .rating(Int(rating))
            case .text(let text)?: .text(text)
            case nil: nil
            }
        self.init(
            knowledgeSupport: reference, respondentRole: RespondentRole(message.respondentRole), kind: FeedbackKind(message.kind),
            answer: answer, comment: message.comment, organisationID: message.organisationID,
            occurredAt: message.hasOccurredAt ? message.occurredAt.seconds : nil, sourceSystem: message.sourceSystem)
    }
}

extension Kunskapsloop_Feedback_V1_FeedbackSubmitted {
    /// The message for a domain submission (e.g. one already redacted, kept while its support is unknown).
    public init(_ submission: FeedbackSubmission) {
        self.init()
        switch submission.knowledgeSupport {
        case .id(let id)?: knowledgeSupport = .knowledgeSupportID(id)
        case .slug(let slug)?: knowledgeSupport = .knowledgeSupportSlug(slug)
        case .url(let url)?: knowledgeSupport = .knowledgeSupportURL(url)
        case nil: break
        }
        respondentRole = submission.respondentRole.contract
        kind = submission.kind?.contract ?? .unspecified
        switch submission.answer {
        case .helpful(let helpful)?: answer = .helpful(helpful)
        case .rating(let rating)?: answer = .rating(Int32(clamping: rating))
        case .text(let text)?: answer = .text(text)
        case nil: break
        }
        comment = submission.comment
        organisationID = submission.organisationID ?? ""
        if let seconds = submission.occurredAt { occurredAt = Google_Protobuf_Timestamp(seconds: seconds) }
        sourceSystem = submission.sourceSystem
    }
}

extension Kunskapsloop_Feedback_V1_FeedbackRejected {
    /// The rejection event for a refused message.
    ///
    /// - Parameters:
    ///   - rejection: Why.
    ///   - messageID: The message's AMQP `message_id` ("" when none).
    ///   - appID: Its `app_id` ("" when none).
    ///   - type: Its AMQP `type` as received.
    ///   - rejectedAt: Seconds since the epoch.
    public init(_ rejection: FeedbackRejection, messageID: String, appID: String, type: String, rejectedAt: Int64) {
        self.init()
        reason = rejection.reason.contract
        field = rejection.field
        messageEn = rejection.messageEnglish
        messageSv = rejection.messageSwedish
        originalMessageID = messageID
        sourceAppID = appID
        originalType = type
        self.rejectedAt = Google_Protobuf_Timestamp(seconds: rejectedAt)
    }
}

extension Kunskapsloop_Feedback_V1_FeedbackSummary {
    /// A summary of `tally` (organisation ref from the tally's id; give `organisationName` for its name).
    public init(_ tally: FeedbackTally, revision: Int, closed: Bool, computedAt: Int64, organisationName: String = "") {
        self.init()
        knowledgeSupportID = tally.knowledgeSupportID
        period = Kunskapsloop_Common_V1_Period(tally.period)
        if let id = tally.organisationID {
            organisation = Kunskapsloop_Common_V1_OrganisationRef.with {
                $0.id = id
                $0.name = organisationName
            }
        }
        totalCount = Int32(clamping: tally.totalCount)
        helpfulYesCount = Int32(clamping: tally.helpfulYesCount)
        helpfulNoCount = Int32(clamping: tally.helpfulNoCount)
        if let share = tally.helpfulShare { helpfulShare = share }
        ratingCounts = tally.ratingCounts.map { Int32(clamping: $0) }
        if let mean = tally.ratingMean { ratingMean = mean }
        experienceCount = Int32(clamping: tally.experienceCount)
        improvementSuggestionCount = Int32(clamping: tally.improvementSuggestionCount)
        respondentRoleCounts = Kunskapsloop_Feedback_V1_RespondentRoleCounts.with {
            $0.patientCount = Int32(clamping: tally.respondentRoleCounts.patient)
            $0.relativeCount = Int32(clamping: tally.respondentRoleCounts.relative)
            $0.professionalCount = Int32(clamping: tally.respondentRoleCounts.professional)
            $0.unknownCount = Int32(clamping: tally.respondentRoleCounts.unknown)
        }
        self.revision = Int32(clamping: revision)
        self.closed = closed
        self.computedAt = Google_Protobuf_Timestamp(seconds: computedAt)
    }
}

extension Kunskapsloop_Feedback_V1_FeedbackItem {
    /// The stored item as the contract shows it; `organisationName` from the service's projection.
    public init(_ item: FeedbackItem, organisationName: String) {
        self.init()
        id = item.id
        knowledgeSupportID = item.knowledgeSupportID
        knowledgeSupportVersion = Int32(clamping: item.knowledgeSupportVersion)
        respondentRole = item.respondentRole.contract
        kind = item.kind.contract
        switch item.answer {
        case .helpful(let yes): helpful = yes
        case .rating(let value): rating = Int32(clamping: value)
        case .text(let value): text = value
        }
        comment = item.comment
        redactionCount = Int32(clamping: item.redactionCount)
        if let organisationID = item.organisationID {
            organisation = Kunskapsloop_Common_V1_OrganisationRef.with {
                $0.id = organisationID
                $0.name = organisationName
            }
        }
        occurredAt = Google_Protobuf_Timestamp(seconds: item.occurredAt)
        recordedAt = Google_Protobuf_Timestamp(date: Date(timeIntervalSince1970: item.recordedAt))
        sourceSystem = item.sourceSystem
        week = Kunskapsloop_Common_V1_Period(item.week)
        month = Kunskapsloop_Common_V1_Period(item.month)
    }
}

extension Kunskapsloop_Feedback_V1_RecordedFeedback {
    /// One stored item as `feedback.recorded.v1` lists it, with the `message_id` its message
    /// was sent with ("" when none).
    public init(_ item: FeedbackItem, messageID: String) {
        self.init()
        itemID = item.id
        originalMessageID = messageID
        knowledgeSupportID = item.knowledgeSupportID
        knowledgeSupportVersion = Int32(clamping: item.knowledgeSupportVersion)
        kind = item.kind.contract
        week = Kunskapsloop_Common_V1_Period(item.week)
        month = Kunskapsloop_Common_V1_Period(item.month)
        organisationID = item.organisationID ?? ""
        sourceAppID = item.sourceAppID
    }
}
