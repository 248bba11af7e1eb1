import Contracts
import Foundation
import ServiceRuntime
import Storage
import SwiftProtobuf

/// The notification service's events, as outbox rows: one per delivery when it ends.
enum NotificationEvents {
    static func delivered(_ row: DeliveryRow) -> OutboxEvent {
        OutboxEvent(
            Kunskapsloop_Notification_V1_NotificationDelivered.with {
                $0.delivery = row.contract
                $0.occurredAt = Google_Protobuf_Timestamp(date: row.deliveredAt ?? Date())
            }, routingKey: "notification.delivered.v1")
    }

    static func failed(_ row: DeliveryRow) -> OutboxEvent {
        OutboxEvent(
            Kunskapsloop_Notification_V1_NotificationFailed.with {
                $0.delivery = row.contract
                $0.occurredAt = Google_Protobuf_Timestamp(date: row.failedAt ?? Date())
            }, routingKey: "notification.failed.v1")
    }
}
