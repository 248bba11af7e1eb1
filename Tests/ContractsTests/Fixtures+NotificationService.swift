import Contracts
import SwiftProtobuf

/// Populated `kunskapsloop.notification.v1` RPC messages (`*_service.proto`): every field set to a non-default value.
extension Fixtures {
    /// `kunskapsloop.notification.v1.UpsertRecipientRequest` with every field set.
    static var upsertRecipientRequest: Kunskapsloop_Notification_V1_UpsertRecipientRequest {
        .with {
            $0.recipient = recipient
        }
    }

    /// `kunskapsloop.notification.v1.UpsertRecipientResponse` with every field set.
    static var upsertRecipientResponse: Kunskapsloop_Notification_V1_UpsertRecipientResponse {
        .with {
            $0.recipient = recipient
            $0.created = true
        }
    }

    /// `kunskapsloop.notification.v1.GetRecipientRequest` with every field set.
    static var getRecipientRequest: Kunskapsloop_Notification_V1_GetRecipientRequest {
        .with {
            $0.id = "0b7c2f1e-5d4a-4c1b-9a57-3f1e2d9c8b01"
        }
    }

    /// `kunskapsloop.notification.v1.GetRecipientResponse` with every field set.
    static var getRecipientResponse: Kunskapsloop_Notification_V1_GetRecipientResponse {
        .with {
            $0.recipient = recipient
        }
    }

    /// `kunskapsloop.notification.v1.ListRecipientsRequest` with every field set.
    static var listRecipientsRequest: Kunskapsloop_Notification_V1_ListRecipientsRequest {
        .with {
            $0.organisationID = "organisation-1"
            $0.roles = [.verksamhetschef, .halsoOchSjukvardsdirektor]
            $0.includeInactive = true
            $0.page = pageRequest
        }
    }

    /// `kunskapsloop.notification.v1.ListRecipientsResponse` with every field set.
    static var listRecipientsResponse: Kunskapsloop_Notification_V1_ListRecipientsResponse {
        .with {
            $0.recipients = [recipient, recipient]
            $0.page = pageResult
        }
    }

    /// `kunskapsloop.notification.v1.DeactivateRecipientRequest` with every field set.
    static var deactivateRecipientRequest: Kunskapsloop_Notification_V1_DeactivateRecipientRequest {
        .with {
            $0.id = "0b7c2f1e-5d4a-4c1b-9a57-3f1e2d9c8b01"
        }
    }

    /// `kunskapsloop.notification.v1.DeactivateRecipientResponse` with every field set.
    static var deactivateRecipientResponse: Kunskapsloop_Notification_V1_DeactivateRecipientResponse {
        .with {
            $0.recipient = recipient
        }
    }

    /// `kunskapsloop.notification.v1.ListDeliveriesRequest` with every field set.
    static var listDeliveriesRequest: Kunskapsloop_Notification_V1_ListDeliveriesRequest {
        .with {
            $0.recipientID = "leader-1"
            $0.statuses = [.pending, .delivered]
            $0.channels = [.email, .webhook]
            $0.sourceMessageID = "7d1f0c7e-3b55-4bb0-8f5e-1c2d3e4f5a6b"
            $0.page = pageRequest
        }
    }

    /// `kunskapsloop.notification.v1.ListDeliveriesResponse` with every field set.
    static var listDeliveriesResponse: Kunskapsloop_Notification_V1_ListDeliveriesResponse {
        .with {
            $0.deliveries = [delivery, delivery]
            $0.page = pageResult
        }
    }

    /// `kunskapsloop.notification.v1.ListInboxRequest` with every field set.
    static var listInboxRequest: Kunskapsloop_Notification_V1_ListInboxRequest {
        .with {
            $0.recipientID = "leader-1"
            $0.unreadOnly = true
            $0.page = pageRequest
        }
    }

    /// `kunskapsloop.notification.v1.ListInboxResponse` with every field set.
    static var listInboxResponse: Kunskapsloop_Notification_V1_ListInboxResponse {
        .with {
            $0.items = [inboxItem, inboxItem]
            $0.unreadCount = 4
            $0.page = pageResult
        }
    }

    /// `kunskapsloop.notification.v1.MarkInboxItemReadRequest` with every field set.
    static var markInboxItemReadRequest: Kunskapsloop_Notification_V1_MarkInboxItemReadRequest {
        .with {
            $0.recipientID = "leader-1"
            $0.itemID = "item-1"
        }
    }

    /// `kunskapsloop.notification.v1.MarkInboxItemReadResponse` with every field set.
    static var markInboxItemReadResponse: Kunskapsloop_Notification_V1_MarkInboxItemReadResponse {
        .with {
            $0.item = inboxItem
        }
    }
}
