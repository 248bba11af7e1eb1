import Contracts
import Domain
import Foundation
import Messaging
import PostgresNIO
import SwiftProtobuf

/// A delivery as stored, with its recipient's name and its event's notice.
struct DeliveryRow: Sendable {
    var id: UUID
    var recipientID: String
    var recipientName: String
    var recipientLanguage: Recipient.Language
    var channel: Recipient.Channel
    var notice: Notice
    var status: String
    var attempts: Int
    var lastError: String
    var dispatchID: UUID?
    var subject: String
    var createdAt: Date
    var scheduledFor: Date
    var deliveredAt: Date?
    var failedAt: Date?
    var suppressedReason: String

    static let columns = """
        d.id, d.recipient_id, r.name AS recipient_name, r.language, d.channel, e.notice::text AS notice, d.status, d.attempts,
        d.last_error, d.dispatch_id, d.subject, d.created_at, d.scheduled_for, d.delivered_at, d.failed_at, d.suppressed_reason
        """

    /// `FROM deliveries d JOIN recipients r JOIN notified_events e`, for the schema.
    static func from(_ store: NotificationStore) -> String {
        """
        \(store.table("deliveries")) d JOIN \(store.table("recipients")) r ON r.id = d.recipient_id
        JOIN \(store.table("notified_events")) e ON e.source_message_id = d.source_message_id
        """
    }

    init(_ row: PostgresRandomAccessRow) throws {
        id = try row.value("id")
        recipientID = try row.value("recipient_id")
        recipientName = try row.value("recipient_name")
        recipientLanguage = Recipient.Language(rawValue: try row.value("language")) ?? .sv
        let channelText: String = try row.value("channel")
        guard let channel = Recipient.Channel(rawValue: channelText) else {
            throw ComposerError("delivery \(id): stored channel '\(channelText)' is not one this build knows")
        }
        self.channel = channel
        notice = try Notice.from(json: try row.value("notice"))
        status = try row.value("status")
        attempts = try row.value("attempts")
        lastError = try row.value("last_error")
        dispatchID = try row.value("dispatch_id")
        subject = try row.value("subject")
        createdAt = try row.value("created_at")
        scheduledFor = try row.value("scheduled_for")
        deliveredAt = try row.value("delivered_at")
        failedAt = try row.value("failed_at")
        suppressedReason = try row.value("suppressed_reason")
    }

    var contract: Kunskapsloop_Notification_V1_Delivery {
        .with {
            $0.id = id.lowercasedString
            $0.recipientID = recipientID
            $0.recipientName = recipientName
            $0.channel = channel.contract
            $0.event = notice.contract(recipientLanguage)
            $0.status = Self.status(status)
            $0.attempts = Int32(attempts)
            $0.lastError = lastError
            $0.dispatchID = dispatchID?.lowercasedString ?? ""
            $0.subject = subject
            $0.createdAt = Google_Protobuf_Timestamp(date: createdAt)
            $0.scheduledFor = Google_Protobuf_Timestamp(date: scheduledFor)
            if let deliveredAt { $0.deliveredAt = Google_Protobuf_Timestamp(date: deliveredAt) }
            if let failedAt { $0.failedAt = Google_Protobuf_Timestamp(date: failedAt) }
            $0.suppressedReason = suppressedReason
        }
    }

    static func status(_ text: String) -> ProtoDeliveryStatus {
        switch text {
        case "pending": .pending
        case "sending": .sending
        case "delivered": .delivered
        case "failed": .failed
        case "suppressed": .suppressed
        default: .unspecified
        }
    }

    static func statusText(_ status: ProtoDeliveryStatus) -> String? {
        switch status {
        case .pending: "pending"
        case .sending: "sending"
        case .delivered: "delivered"
        case .failed: "failed"
        case .suppressed: "suppressed"
        default: nil
        }
    }
}

extension Notice {
    func contract(_ language: Recipient.Language) -> Kunskapsloop_Notification_V1_NotifiedEvent {
        .with {
            $0.kind = kind.contract
            $0.sourceMessageID = sourceMessageID
            $0.subjectID = subjectID
            $0.severity = severity.contract
            $0.summary = summary(language)
            $0.link = link
            $0.occurredAt = Google_Protobuf_Timestamp(date: occurredAt)
        }
    }
}
