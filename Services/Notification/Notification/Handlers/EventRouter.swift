import CatalogProjection
import Domain
import Foundation
import Logging
import Messaging
import Metrics
import PostgresNIO
import Storage

/// Consumes `notification.events`: keeps the catalog projection, and turns each event it routes
/// into one delivery per event × recipient × channel, in the transaction that writes the inbox
/// row, so no redelivery, restart or second replica notifies twice. An event about an
/// organisation the projection does not know yet is held until the catalog announces it, or
/// until the hold times out (then routed by the ancestors it carries, and reported).
struct EventRouter: Sendable {
    let store: NotificationStore
    let projection: CatalogProjection
    let configuration: NotificationConfiguration
    let created = Counter(label: "kl_notification_deliveries_created_total")
    let held = Counter(label: "kl_notification_events_held_total")
    let expired = Counter(label: "kl_notification_events_held_expired_total")

    func handle(_ delivery: Delivery, _ context: inout TransactionalConsumer.Context) async throws -> TransactionalConsumer.Disposition {
        let tx = Transaction.outside(context.connection, logger: context.logger)
        let type = delivery.properties.type ?? ""
        let messageID = TransactionalConsumer.key(delivery)
        if delivery.properties.unreadableMessageID != nil { return .rejected(reason: "the message_id is not text") }
        if type.hasPrefix("kunskapsloop.catalog.") {
            do {
                let change = try await projection.apply(delivery, on: context.connection)
                if case .organisation(let organisation, _, _, _) = change {
                    for event in try await store.release(organisation: organisation.id, on: tx) {
                        try await route(event, fallback: false, on: tx)
                    }
                }
            } catch let error as CatalogEventError {
                return .rejected(reason: error.description)
            }
        }
        guard EventReading.routedTypes.contains(type) else { return .processed }
        let routable: RoutableEvent?
        do {
            routable = try EventReading.read(type: type, body: delivery.body, messageID: messageID, appID: delivery.properties.appID ?? "")
        } catch {
            return .rejected(reason: error.description)
        }
        guard let routable else { return .processed }
        let message = HeldEvent(
            messageID: messageID, organisationID: routable.event.organisationID ?? "", type: type,
            appID: delivery.properties.appID ?? "", body: delivery.body)
        try await route(routable, held: message, fallback: false, on: tx)
        return .processed
    }

    /// Routes a held event again (the organisation arrived, or the hold timed out: `fallback`).
    func route(_ held: HeldEvent, fallback: Bool, on tx: Transaction) async throws {
        guard let routable = try? EventReading.read(type: held.type, body: held.body, messageID: held.messageID, appID: held.appID) else { return }
        try await route(routable, held: held, fallback: fallback, on: tx)
    }

    private func route(_ routable: RoutableEvent, held message: HeldEvent, fallback: Bool, on tx: Transaction) async throws {
        let event = routable.event
        var ancestors: [String] = []
        if let organisation = event.organisationID {
            if let placed = try await projection.organisation(organisation, on: tx.connection) {
                ancestors = placed.ancestorIDs
            } else if fallback {
                ancestors = routable.carriedAncestorIDs
                expired.increment()
                store.logger.warning(
                    "an event waited for its organisation past the hold; routed by the ancestors it carries",
                    metadata: [
                        LogKey.messageID: "\(event.sourceMessageID)", "organisation_id": "\(organisation)",
                    ])
            } else {
                try await store.hold(message, deadline: configuration.clock().addingTimeInterval(DeliverySchedule.seconds(configuration.holdTimeout)), on: tx)
                held.increment()
                return
            }
        }
        guard try await store.recordEvent(routable, on: tx) else { return }
        let now = configuration.clock()
        let wanting = try await store.candidates(for: event.kind, responsibleEmail: event.responsibleEmail, on: tx)
            .filter { $0.wants(event, ancestorIDs: ancestors) }
        // A signal's unsent "raised" deliveries give way to its later news, for every recipient
        // (whatever they subscribe to): closed before they went out, nobody is told; raised
        // again (revised data reopened it), only the latest is told. Nobody hears a flapping signal.
        var silenced = Set<String>()
        if event.kind == .signalClosed || event.kind == .signalRaised {
            let closed = event.kind == .signalClosed
            silenced = try await store.suppressRaised(
                signal: event.subjectID,
                immediateReason: closed
                    ? NotificationWording.suppressedRaisedAndClosed(window: configuration.coalescingWindow)
                    : NotificationWording.suppressedRaisedAgain,
                digestReason: closed ? NotificationWording.suppressedDigestRaisedAndClosed : NotificationWording.suppressedRaisedAgain,
                on: tx)
        }
        var fresh: [(recipient: Recipient, channel: Recipient.Channel)] = []
        for recipient in wanting {
            for channel in recipient.channels {
                if event.kind == .signalClosed, silenced.contains("\(recipient.id)|\(channel.rawValue)") {
                    // Kept as a record of why nothing was sent.
                    let reason =
                        recipient.deliveryMode == .immediate
                        ? NotificationWording.suppressedRaisedAndClosed(window: configuration.coalescingWindow)
                        : NotificationWording.suppressedDigestRaisedAndClosed
                    try await store.createDelivery(
                        event, recipient: recipient.id, channel: channel, now: now, due: now,
                        suppressedReason: reason, on: tx)
                    continue
                }
                fresh.append((recipient, channel))
            }
        }
        guard !fresh.isEmpty else { return }
        // One statement for the open windows and one for the deliveries, however many recipients.
        let open = try await store.openWindowEnds(recipients: fresh.filter { $0.recipient.deliveryMode == .immediate }.map(\.recipient.id), on: tx)
        let deliveries = fresh.map { pair in
            (
                recipient: pair.recipient.id, channel: pair.channel,
                due: DeliverySchedule.due(
                    now: now, mode: pair.recipient.deliveryMode, window: configuration.coalescingWindow,
                    openWindowEnd: pair.recipient.deliveryMode == .immediate ? open["\(pair.recipient.id)|\(pair.channel.rawValue)"] : nil)
            )
        }
        created.increment(by: try await store.createDeliveries(event, deliveries, now: now, on: tx))
    }
}
