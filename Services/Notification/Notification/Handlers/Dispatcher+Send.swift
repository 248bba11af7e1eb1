import AsyncHTTPClient
import CatalogProjection
import Contracts
import Domain
import Foundation
import Logging
import Mail
import Messaging
import Metrics
import Storage
import SwiftProtobuf

extension Dispatcher {
    /// Claims, sends and records one group; failures are recorded on its deliveries, never thrown.
    func dispatch(_ group: DispatchGroup, _ senders: Senders) async {
        var logger = store.logger
        logger[metadataKey: "recipient_id"] = .string(group.recipientID)
        do {
            let now = configuration.clock()
            let lease = (group.channel == .email ? configuration.smtp.timeout : configuration.webhookTimeout) + .seconds(60)
            guard let claim = try await store.transaction({ tx in try await self.store.claim(group, now: now, lease: lease, on: tx) }) else { return }
            logger[metadataKey: "dispatch_id"] = .string(claim.dispatchID.lowercasedString)
            let message = try await compose(claim)
            let started = DispatchTime.now()
            let failure: DeliveryFailure?
            switch claim.channel {
            case .inApp:
                failure = nil
            case .webhook:
                failure = await sendWebhook(claim, message, senders.http)
            case .email:
                failure = await sendEmail(claim, message, senders.smtp)
            }
            Timer(label: "kl_notification_send_duration_seconds", dimensions: [("channel", claim.channel.rawValue)])
                .recordInterval(since: started)
            try await record(claim, message: message, failure: failure, logger: logger)
        } catch {
            // The claim stays SENDING; its lease runs out and housekeeping gives it back.
            logger.warning("dispatch failed before its outcome was recorded", metadata: [LogKey.error: "\(String(reflecting: error))"])
        }
    }

    private func compose(_ claim: Claim) async throws -> ComposedMessage {
        let recipient = claim.recipient.recipient
        let language = recipient.language
        var scopeName = language == .sv ? "hela landet" : "the whole country"
        if let scope = recipient.scope {
            let placed = try await store.read { tx in try await self.projection.organisation(scope.organisationID, on: tx.connection) }
            let name = placed?.organisation.name ?? scope.organisationID
            scopeName = scope.includesDescendants ? (language == .sv ? "\(name) med underliggande enheter" : "\(name) and the units below it") : name
        }
        let unsubscribe = claim.channel == .email ? "\(publicURL)/unsubscribe/\(claim.recipient.unsubscribeToken)" : nil
        return composer.compose(recipient, notices: claim.notices, scopeName: scopeName, unsubscribeURL: unsubscribe)
    }

    private func sendWebhook(_ claim: Claim, _ message: ComposedMessage, _ http: HTTPClient) async -> DeliveryFailure? {
        guard let webhook = claim.recipient.recipient.webhook, let secret = webhook.secret else {
            return .permanent("the recipient has no webhook URL and secret")
        }
        let sentAt = Date()
        let notification = Kunskapsloop_Notification_V1_WebhookNotification.with {
            $0.dispatchID = claim.dispatchID.lowercasedString
            $0.recipientID = claim.recipient.recipient.id
            $0.language = claim.recipient.recipient.language.rawValue
            $0.subject = message.subject
            $0.body = message.text
            $0.events = claim.notices.map { $0.contract(claim.recipient.recipient.language) }
            $0.sentAt = Google_Protobuf_Timestamp(date: sentAt)
        }
        guard let json = try? notification.jsonString() else { return .permanent("the notification could not be written as JSON") }
        return await WebhookChannel(client: http, timeout: configuration.webhookTimeout)
            .send(url: webhook.url, secret: secret, dispatchID: claim.dispatchID.lowercasedString, body: Array(json.utf8), at: sentAt)
    }

    private func sendEmail(_ claim: Claim, _ message: ComposedMessage, _ smtp: SMTPClient) async -> DeliveryFailure? {
        let recipient = claim.recipient.recipient
        let subjects = claim.notices.map(\.subjectID)
        let threads = (try? await store.read { tx in try await self.store.threads(recipient: recipient.id, subjects: subjects, on: tx) }) ?? [:]
        // Threading: answer the first earlier message about one of these subjects; reference them all.
        let references = Array(Set(threads.values)).sorted()
        let firstThread = subjects.compactMap { threads[$0] }.first
        let mail = MailMessage(
            from: MailAddress(configuration.mailFrom, name: "Kunskapsloop"), to: [MailAddress(recipient.email, name: recipient.name)],
            subject: message.subject, text: message.text, html: message.html, messageID: Self.messageID(claim.dispatchID),
            inReplyTo: firstThread, references: references,
            unsubscribeURL: "\(publicURL)/unsubscribe/\(claim.recipient.unsubscribeToken)",
            extraHeaders: [("X-Kunskapsloop-Dispatch", claim.dispatchID.lowercasedString)])
        do {
            try await smtp.send(mail, sender: configuration.mailFrom)
            return nil
        } catch let error as SMTPError {
            return DeliveryFailure.smtp(replyCode: error.replyCode, message: error.message)
        } catch {
            return .transient("\(error)")
        }
    }

    /// `<dispatch id>@kunskapsloop`: the e-mail's Message-ID, the same on every retry.
    static func messageID(_ dispatchID: UUID) -> String { "\(dispatchID.lowercasedString)@kunskapsloop" }

    /// Writes the outcome with its events: delivered, back to pending for a retry, or failed.
    private func record(_ claim: Claim, message: ComposedMessage, failure: DeliveryFailure?, logger: Logger) async throws {
        let channel = claim.channel.rawValue
        let retryAt: Date? = failure.flatMap { failure in
            guard !failure.isPermanent, let delay = configuration.retry.delay(afterAttempts: claim.attempts, random: Double.random(in: 0..<1)) else {
                return nil
            }
            return configuration.clock().addingTimeInterval(DeliverySchedule.seconds(delay))
        }
        let store = store
        let rows = try await store.transaction { tx -> [DeliveryRow] in
            guard let failure else {
                if claim.channel == .inApp { try await store.insertInboxItem(claim, message: message, at: Date(), on: tx) }
                if claim.channel == .email {
                    try await store.startThreads(
                        recipient: claim.recipient.recipient.id, subjects: claim.notices.map(\.subjectID),
                        messageID: Self.messageID(claim.dispatchID), on: tx)
                }
                let rows = try await store.delivered(claim, subject: message.subject, at: Date(), on: tx)
                for row in rows { store.emit(NotificationEvents.delivered(row), on: tx) }
                return rows
            }
            let rows = try await store.failed(claim, error: failure.description, subject: message.subject, retryAt: retryAt, at: Date(), on: tx)
            for row in rows { store.emit(NotificationEvents.failed(row), on: tx) }
            return rows
        }
        let outcome = failure == nil ? "delivered" : (retryAt == nil ? "failed" : "retry")
        Counter(label: "kl_notification_deliveries_total", dimensions: [("channel", channel), ("outcome", outcome)])
            .increment(by: claim.deliveryIDs.count)
        if let failure {
            logger.info(
                "dispatch attempt failed",
                metadata: [
                    "attempt": "\(claim.attempts)", LogKey.error: "\(failure)", "retry_at": "\(retryAt.map { "\($0)" } ?? "none: given up")",
                ])
        } else {
            logger.debug("dispatch delivered", metadata: ["deliveries": "\(rows.count)"])
        }
    }
}
