import Contracts
import SwiftProtobuf

/// Populated `kunskapsloop.notification.v1` RPC messages (`*_service.proto`): every field set to a non-default value.
extension Fixtures {
    /// `kunskapsloop.notification.v1.CreateRecipientRequest` with every field set.
    static var createRecipientRequest: Kunskapsloop_Notification_V1_CreateRecipientRequest {
        .with {
            $0.recipient = recipient
            $0.actor = "admin@regionuppsala.se"
        }
    }

    /// `kunskapsloop.notification.v1.CreateRecipientResponse` with every field set.
    static var createRecipientResponse: Kunskapsloop_Notification_V1_CreateRecipientResponse {
        .with { $0.recipient = recipient }
    }

    /// `kunskapsloop.notification.v1.UpdateRecipientRequest` with every field set.
    static var updateRecipientRequest: Kunskapsloop_Notification_V1_UpdateRecipientRequest {
        .with {
            $0.recipient = recipient
            $0.updateMask = Google_Protobuf_FieldMask(protoPaths: ["event_kinds", "webhook.url"])
            $0.actor = "admin@regionuppsala.se"
        }
    }

    /// `kunskapsloop.notification.v1.UpdateRecipientResponse` with every field set.
    static var updateRecipientResponse: Kunskapsloop_Notification_V1_UpdateRecipientResponse {
        .with { $0.recipient = recipient }
    }

    /// `kunskapsloop.notification.v1.GetRecipientRequest` with every field set.
    static var getRecipientRequest: Kunskapsloop_Notification_V1_GetRecipientRequest {
        .with { $0.id = "8f9e0d1c-2b3a-4c5d-9e6f-7a8b9c0d1e2f" }
    }

    /// `kunskapsloop.notification.v1.GetRecipientResponse` with every field set.
    static var getRecipientResponse: Kunskapsloop_Notification_V1_GetRecipientResponse {
        .with { $0.recipient = recipient }
    }

    /// `kunskapsloop.notification.v1.ListRecipientsRequest` with every field set.
    static var listRecipientsRequest: Kunskapsloop_Notification_V1_ListRecipientsRequest {
        .with {
            $0.organisationID = "se-uppsala"
            $0.email = "anna.andersson@regionuppsala.se"
            $0.roles = [.verksamhetschef, .halsoOchSjukvardsdirektor]
            $0.eventKinds = [.nextStepOverdue, .reviewDue]
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
            $0.id = "8f9e0d1c-2b3a-4c5d-9e6f-7a8b9c0d1e2f"
            $0.actor = "admin@regionuppsala.se"
        }
    }

    /// `kunskapsloop.notification.v1.DeactivateRecipientResponse` with every field set.
    static var deactivateRecipientResponse: Kunskapsloop_Notification_V1_DeactivateRecipientResponse {
        .with { $0.recipient = recipient }
    }

    /// `kunskapsloop.notification.v1.ListDeliveriesRequest` with every field set.
    static var listDeliveriesRequest: Kunskapsloop_Notification_V1_ListDeliveriesRequest {
        .with {
            $0.recipientID = "8f9e0d1c-2b3a-4c5d-9e6f-7a8b9c0d1e2f"
            $0.statuses = [.pending, .sending, .suppressed]
            $0.channels = [.email, .webhook]
            $0.eventKinds = [.signalRaised, .signalClosed]
            $0.sourceMessageID = "7d1f0c7e-3b55-4bb0-8f5e-1c2d3e4f5a6b"
            $0.subjectID = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"
            $0.dispatchID = "2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a"
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
            $0.recipientID = "8f9e0d1c-2b3a-4c5d-9e6f-7a8b9c0d1e2f"
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

    /// `kunskapsloop.notification.v1.MarkInboxItemsReadRequest` with every field set.
    static var markInboxItemsReadRequest: Kunskapsloop_Notification_V1_MarkInboxItemsReadRequest {
        .with {
            $0.recipientID = "8f9e0d1c-2b3a-4c5d-9e6f-7a8b9c0d1e2f"
            $0.itemIds = ["2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a", "3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b"]
            $0.all = true
        }
    }

    /// `kunskapsloop.notification.v1.MarkInboxItemsReadResponse` with every field set.
    static var markInboxItemsReadResponse: Kunskapsloop_Notification_V1_MarkInboxItemsReadResponse {
        .with {
            $0.markedCount = 2
            $0.unreadCount = 3
        }
    }
}
