import Contracts
import SwiftProtobuf

/// Populated `kunskapsloop.notification.v1` messages: every field set to a non-default value.
extension Fixtures {
    /// `kunskapsloop.notification.v1.NotifiedEvent` with every field set.
    static var notifiedEvent: Kunskapsloop_Notification_V1_NotifiedEvent {
        .with {
            $0.kind = .signalRaised
            $0.sourceMessageID = "7d1f0c7e-3b55-4bb0-8f5e-1c2d3e4f5a6b"
            $0.subjectID = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"
            $0.severity = .critical
            $0.summary = "Försämring: Andel uppföljda inom 30 dagar, Akademiska sjukhuset, sedan v. 14"
            $0.link = "https://kunskapsloop.example/uppfoljning/hjartsvikt-uppfoljning-30d/se-uppsala"
            $0.occurredAt = instant
        }
    }

    /// `kunskapsloop.notification.v1.Delivery` with every field set.
    static var delivery: Kunskapsloop_Notification_V1_Delivery {
        .with {
            $0.id = "0b7c2f1e-5d4a-4c1b-9a57-3f1e2d9c8b01"
            $0.recipientID = "8f9e0d1c-2b3a-4c5d-9e6f-7a8b9c0d1e2f"
            $0.recipientName = "Anna Andersson"
            $0.channel = .webhook
            $0.event = notifiedEvent
            $0.status = .failed
            $0.attempts = 6
            $0.lastError = "HTTP 503"
            $0.dispatchID = "2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a"
            $0.subject = "Försämring: Andel uppföljda inom 30 dagar"
            $0.createdAt = instant
            $0.scheduledFor = instant
            $0.deliveredAt = instant
            $0.failedAt = instant
            $0.suppressedReason = "signalen öppnades och stängdes inom 60 s"
        }
    }

    /// `kunskapsloop.notification.v1.InboxItem` with every field set.
    static var inboxItem: Kunskapsloop_Notification_V1_InboxItem {
        .with {
            $0.id = "2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a"
            $0.recipientID = "8f9e0d1c-2b3a-4c5d-9e6f-7a8b9c0d1e2f"
            $0.subject = "2 nya signaler för Region Uppsala"
            $0.body = "Andelen har minskat tydligt sedan vecka 14."
            $0.link = "https://kunskapsloop.example/uppfoljning/hjartsvikt-uppfoljning-30d/se-uppsala"
            $0.events = [notifiedEvent, notifiedEvent]
            $0.severity = .critical
            $0.createdAt = instant
            $0.readAt = instant
        }
    }

    /// `kunskapsloop.notification.v1.WebhookNotification` with every field set.
    static var webhookNotification: Kunskapsloop_Notification_V1_WebhookNotification {
        .with {
            $0.dispatchID = "2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a"
            $0.recipientID = "8f9e0d1c-2b3a-4c5d-9e6f-7a8b9c0d1e2f"
            $0.language = "sv"
            $0.subject = "2 nya signaler för Region Uppsala"
            $0.body = "Andelen har minskat tydligt sedan vecka 14."
            $0.events = [notifiedEvent, notifiedEvent]
            $0.sentAt = instant
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
            $0.occurredAt = instant
        }
    }

    /// `kunskapsloop.notification.v1.OrganisationScope` with every field set.
    static var organisationScope: Kunskapsloop_Notification_V1_OrganisationScope {
        .with {
            $0.organisationID = "se-uppsala"
            $0.excludeDescendants = true
        }
    }

    /// `kunskapsloop.notification.v1.WebhookEndpoint` with every field set.
    static var webhookEndpoint: Kunskapsloop_Notification_V1_WebhookEndpoint {
        .with {
            $0.url = "https://hooks.regionuppsala.se/kunskapsloop"
            $0.secret = "d0c7e9b1f3a54c2e8b6d4f1a9c3e5b7d"
            $0.secretSet = true
        }
    }

    /// `kunskapsloop.notification.v1.Recipient` with every field set.
    static var recipient: Kunskapsloop_Notification_V1_Recipient {
        .with {
            $0.id = "8f9e0d1c-2b3a-4c5d-9e6f-7a8b9c0d1e2f"
            $0.name = "Anna Andersson"
            $0.email = "anna.andersson@regionuppsala.se"
            $0.role = .other
            $0.roleTitle = "Kvalitetsutvecklare"
            $0.organisationScope = organisationScope
            $0.programmeAreaIds = ["npo-hjarta-karl", "npo-endokrina"]
            $0.eventKinds = [.signalRaised, .signalClosed, .feedbackRejected]
            $0.minimumSeverity = .warning
            $0.directionFilter = .all
            $0.sourceAppIds = ["1177-web", "rikssvikt-export"]
            $0.channels = [.email, .webhook, .inApp]
            $0.webhook = webhookEndpoint
            $0.deliveryMode = .dailyDigest
            $0.digestHour = 7
            $0.language = .en
            $0.active = true
            $0.createdAt = instant
            $0.updatedAt = instant
            $0.updatedBy = "admin@regionuppsala.se"
        }
    }
}
