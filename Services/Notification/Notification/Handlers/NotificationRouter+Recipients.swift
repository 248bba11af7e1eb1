import CatalogProjection
import Contracts
import Domain
import Foundation
import Messaging
import PostgresNIO
import RPC
import ServiceRuntime
import Storage
import SwiftProtobuf

extension NotificationRouter {
    static func registerRecipients(_ router: inout RPCRouter, _ store: NotificationStore, _ projection: CatalogProjection) {
        router.register("CreateRecipient") { (request: Kunskapsloop_Notification_V1_CreateRecipientRequest, context) in
            guard request.hasRecipient else { throw RPCError.invalidArgument("give the recipient", field: "recipient") }
            var recipient: Recipient
            do {
                recipient = try Recipient(request.recipient).validated()
            } catch let error as RecipientError {
                throw invalid(error)
            }
            if recipient.id.isEmpty { recipient.id = UUID().lowercasedString }
            if recipient.channels.contains(.webhook), recipient.webhook?.secret == nil {
                throw RPCError.invalidArgument("give the webhook's secret ('whsec_' + base64 of 24–64 random bytes)", field: "recipient.webhook.secret")
            }
            let candidate = recipient
            return try await store.database.idempotent("CreateRecipient", key: context.messageID) { tx in
                if let other = try await store.activeRecipientID(email: candidate.email, except: candidate.id, on: tx) {
                    throw RPCError.alreadyExists("recipient \(quoted(other)) already has the e-mail \(quoted(candidate.email))", field: "recipient.email")
                }
                guard try await store.insert(candidate, token: token(), actor: request.actor, at: Date(), on: tx) else {
                    throw RPCError.alreadyExists("a recipient with id \(quoted(candidate.id)) exists", field: "recipient.id")
                }
                guard let stored = try await store.recipient(candidate.id, on: tx) else { throw RPCError(.internal, "the recipient vanished") }
                return Kunskapsloop_Notification_V1_CreateRecipientResponse.with { $0.recipient = stored.contract }
            }
        }
        router.register("UpdateRecipient") { (request: Kunskapsloop_Notification_V1_UpdateRecipientRequest, context) in
            try await store.database.idempotent("UpdateRecipient", key: context.messageID) { tx in
                guard let current = try await store.recipient(request.recipient.id, lock: true, on: tx) else {
                    throw RPCError.notFound("no recipient with id \(quoted(request.recipient.id))", field: "recipient.id")
                }
                let merged = try merge(current.contract, request.recipient, paths: request.updateMask.paths)
                var recipient: Recipient
                do {
                    recipient = try Recipient(merged).validated()
                } catch let error as RecipientError {
                    throw invalid(error)
                }
                recipient.active = current.recipient.active
                if recipient.channels.contains(.webhook), recipient.webhook?.secret == nil, !(current.secretSet && current.recipient.webhook != nil) {
                    throw RPCError.invalidArgument("give the webhook's secret ('whsec_' + base64 of 24–64 random bytes)", field: "recipient.webhook.secret")
                }
                if recipient.active, let other = try await store.activeRecipientID(email: recipient.email, except: recipient.id, on: tx) {
                    throw RPCError.alreadyExists("recipient \(quoted(other)) already has the e-mail \(quoted(recipient.email))", field: "recipient.email")
                }
                try await store.update(recipient, actor: request.actor, at: Date(), on: tx)
                guard let stored = try await store.recipient(recipient.id, on: tx) else { throw RPCError(.internal, "the recipient vanished") }
                return Kunskapsloop_Notification_V1_UpdateRecipientResponse.with { $0.recipient = stored.contract }
            }
        }
        router.register("GetRecipient") { (request: Kunskapsloop_Notification_V1_GetRecipientRequest, _) in
            guard let stored = try await store.read({ tx in try await store.recipient(request.id, on: tx) }) else {
                throw RPCError.notFound("no recipient with id \(quoted(request.id))", field: "id")
            }
            return Kunskapsloop_Notification_V1_GetRecipientResponse.with { $0.recipient = stored.contract }
        }
        router.register("ListRecipients") { (request: Kunskapsloop_Notification_V1_ListRecipientsRequest, _) in
            let (fingerprint, offset, size) = try page(request, request.page) { $0.clearPage() }
            return try await store.read { tx in
                var ancestors: [String] = []
                if !request.organisationID.isEmpty {
                    guard let placed = try await projection.organisation(request.organisationID, on: tx.connection) else {
                        throw RPCError.notFound(
                            "the catalog has no organisation \(quoted(request.organisationID)) (as far as this service knows)",
                            field: "organisation_id")
                    }
                    ancestors = placed.ancestorIDs
                }
                let roles = request.roles.compactMap { Recipient.Role($0)?.rawValue }
                let kinds = request.eventKinds.compactMap { NotificationEvent.Kind($0)?.rawValue }
                // The same filters twice: for the page and for the total.
                func matching(_ select: String, _ tail: String) -> PostgresQuery {
                    """
                    SELECT \(unescaped: select) FROM \(unescaped: store.table("recipients"))
                    WHERE (\(request.includeInactive) OR active)
                    AND (\(request.email) = '' OR lower(email) = lower(\(request.email)))
                    AND (cardinality(\(roles)::text[]) = 0 OR role = ANY(\(roles)::text[]))
                    AND (cardinality(\(kinds)::text[]) = 0 OR event_kinds && \(kinds)::text[])
                    AND (\(request.organisationID) = '' OR scope_organisation_id IS NULL OR scope_organisation_id = \(request.organisationID)
                         OR (NOT scope_exclude_descendants AND scope_organisation_id = ANY(\(ancestors)::text[])))
                    \(unescaped: tail)
                    """
                }
                let rows = try await store.recipients(matching(NotificationStore.recipientColumns, "ORDER BY name, id OFFSET \(offset) LIMIT \(size)"), on: tx)
                let total = try await tx.query(matching("count(*)::int", "")).decode(Int.self).collect().first ?? 0
                return Kunskapsloop_Notification_V1_ListRecipientsResponse.with {
                    $0.recipients = rows.map(\.contract)
                    $0.page = pageResult(fingerprint: fingerprint, offset: offset, count: rows.count, total: total)
                }
            }
        }
        router.register("DeactivateRecipient") { (request: Kunskapsloop_Notification_V1_DeactivateRecipientRequest, context) in
            try await store.database.idempotent("DeactivateRecipient", key: context.messageID) { tx in
                guard try await store.recipient(request.id, lock: true, on: tx) != nil else {
                    throw RPCError.notFound("no recipient with id \(quoted(request.id))", field: "id")
                }
                try await tx.query(
                    """
                    UPDATE \(unescaped: store.table("recipients")) SET active = false, updated_at = now(), updated_by = \(request.actor)
                    WHERE id = \(request.id)
                    """)
                try await store.suppressPending(recipient: request.id, reason: NotificationWording.suppressedDeactivated, on: tx)
                guard let stored = try await store.recipient(request.id, on: tx) else { throw RPCError(.internal, "the recipient vanished") }
                return Kunskapsloop_Notification_V1_DeactivateRecipientResponse.with { $0.recipient = stored.contract }
            }
        }
    }

    /// `current` with the fields `paths` name taken from `change` (every field but id, active and
    /// the timestamps when `paths` is empty); an empty secret keeps the current one.
    static func merge(_ current: ProtoRecipient, _ change: ProtoRecipient, paths: [String]) throws(RPCError) -> ProtoRecipient {
        var merged = current
        let all = [
            "name", "email", "role", "role_title", "organisation_scope", "programme_area_ids", "event_kinds", "minimum_severity",
            "direction_filter", "source_app_ids", "channels", "webhook", "delivery_mode", "digest_hour", "language",
        ]
        for path in paths.isEmpty ? all : paths {
            switch path {
            case "name": merged.name = change.name
            case "email": merged.email = change.email
            case "role": merged.role = change.role
            case "role_title": merged.roleTitle = change.roleTitle
            case "organisation_scope":
                if change.hasOrganisationScope { merged.organisationScope = change.organisationScope } else { merged.clearOrganisationScope() }
            case "organisation_scope.organisation_id": merged.organisationScope.organisationID = change.organisationScope.organisationID
            case "organisation_scope.exclude_descendants": merged.organisationScope.excludeDescendants = change.organisationScope.excludeDescendants
            case "programme_area_ids": merged.programmeAreaIds = change.programmeAreaIds
            case "event_kinds": merged.eventKinds = change.eventKinds
            case "minimum_severity": merged.minimumSeverity = change.minimumSeverity
            case "direction_filter": merged.directionFilter = change.directionFilter
            case "source_app_ids": merged.sourceAppIds = change.sourceAppIds
            case "channels": merged.channels = change.channels
            case "webhook":
                if change.hasWebhook { merged.webhook = change.webhook } else { merged.clearWebhook() }
            case "webhook.url": merged.webhook.url = change.webhook.url
            case "webhook.secret": merged.webhook.secret = change.webhook.secret
            case "delivery_mode": merged.deliveryMode = change.deliveryMode
            case "digest_hour":
                if change.hasDigestHour { merged.digestHour = change.digestHour } else { merged.clearDigestHour() }
            case "language": merged.language = change.language
            default:
                throw RPCError.invalidArgument("the field \(quoted(path)) cannot be changed (or does not exist)", field: "update_mask")
            }
        }
        if paths.isEmpty && !change.hasDigestHour && change.deliveryMode == .dailyDigest { merged.clearDigestHour() }
        return merged
    }
}
