import Contracts
import SwiftProtobuf

/// Populated `kunskapsloop.notification.v1` messages: every field set to a non-default value.
extension Fixtures {
    /// `kunskapsloop.notification.v1.Delivery` with every field set.
    static var delivery: Kunskapsloop_Notification_V1_Delivery {
        .with {
            $0.id = "0b7c2f1e-5d4a-4c1b-9a57-3f1e2d9c8b01"
            $0.recipientID = "leader-1"
            $0.channel = .email
            $0.sourceMessageID = "7d1f0c7e-3b55-4bb0-8f5e-1c2d3e4f5a6b"
            $0.eventKind = .signalRaised
            $0.status = .pending
            $0.attempts = 3
            $0.lastError = "HTTP 503"
            $0.subject = "Signal: Andel uppföljda inom 30 dagar har minskat"
            $0.link = "https://kunskapsloop.example/charts/hjartsvikt-uppf/uppsala.svg"
            $0.createdAt = instant
            $0.deliveredAt = instant
            $0.nextAttemptAt = instant
        }
    }

    /// `kunskapsloop.notification.v1.InboxItem` with every field set.
    static var inboxItem: Kunskapsloop_Notification_V1_InboxItem {
        .with {
            $0.id = "0b7c2f1e-5d4a-4c1b-9a57-3f1e2d9c8b01"
            $0.recipientID = "leader-1"
            $0.subject = "Signal: Andel uppföljda inom 30 dagar har minskat"
            $0.body = "Andelen har minskat tydligt sedan vecka 14."
            $0.link = "https://kunskapsloop.example/charts/hjartsvikt-uppf/uppsala.svg"
            $0.eventKind = .signalRaised
            $0.severity = .info
            $0.createdAt = instant
            $0.readAt = instant
        }
    }

    /// `kunskapsloop.notification.v1.NotificationDelivered` with every field set.
    static var notificationDelivered: Kunskapsloop_Notification_V1_NotificationDelivered {
        .with {
            $0.delivery = delivery
            $0.occurredAt = instant
        }
    }

    /// `kunskapsloop.notification.v1.NotificationFailed` with every field set.
    static var notificationFailed: Kunskapsloop_Notification_V1_NotificationFailed {
        .with {
            $0.delivery = delivery
            $0.lastAttempt = true
            $0.occurredAt = instant
        }
    }

    /// `kunskapsloop.notification.v1.OrganisationScope` with every field set.
    static var organisationScope: Kunskapsloop_Notification_V1_OrganisationScope {
        .with {
            $0.organisationID = "organisation-1"
            $0.includeDescendants = true
        }
    }

    /// `kunskapsloop.notification.v1.Recipient` with every field set.
    static var recipient: Kunskapsloop_Notification_V1_Recipient {
        .with {
            $0.id = "0b7c2f1e-5d4a-4c1b-9a57-3f1e2d9c8b01"
            $0.name = "Region Uppsala"
            $0.email = "verksamhetschef@regionuppsala.se"
            $0.role = .verksamhetschef
            $0.organisationScope = organisationScope
            $0.programmeAreaIds = ["se-uppsala", "se-uppsala-akademiska"]
            $0.eventKinds = [.signalRaised, .nextStepOverdue]
            $0.minimumSeverity = .info
            $0.channels = [.email, .webhook]
            $0.webhookURL = "https://hooks.regionuppsala.se/kunskapsloop"
            $0.deliveryMode = .immediate
            $0.active = true
            $0.createdAt = instant
            $0.updatedAt = instant
        }
    }
}
