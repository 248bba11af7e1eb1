import Contracts
import Domain
import Foundation
import SwiftProtobuf

typealias ProtoRecipient = Kunskapsloop_Notification_V1_Recipient
typealias ProtoChannel = Kunskapsloop_Notification_V1_Channel
typealias ProtoEventKind = Kunskapsloop_Notification_V1_EventKind
typealias ProtoDeliveryStatus = Kunskapsloop_Notification_V1_DeliveryStatus

extension NotificationEvent.Direction {
    init?(_ direction: Kunskapsloop_Followup_V1_SignalDirection) {
        switch direction {
        case .improvement: self = .improvement
        case .deterioration: self = .deterioration
        case .neither: self = .neither
        default: return nil
        }
    }
}

extension NotificationEvent.Severity {
    init?(_ severity: Kunskapsloop_Common_V1_Severity) {
        switch severity {
        case .info: self = .info
        case .warning: self = .warning
        case .critical: self = .critical
        default: return nil
        }
    }

    var contract: Kunskapsloop_Common_V1_Severity {
        switch self {
        case .info: .info
        case .warning: .warning
        case .critical: .critical
        }
    }
}

extension NotificationEvent.Kind {
    init?(_ kind: ProtoEventKind) {
        switch kind {
        case .signalRaised: self = .signalRaised
        case .signalClosed: self = .signalClosed
        case .nextStepOverdue: self = .nextStepOverdue
        case .reviewDue: self = .reviewDue
        case .feedbackRejected: self = .feedbackRejected
        default: return nil
        }
    }

    var contract: ProtoEventKind {
        switch self {
        case .signalRaised: .signalRaised
        case .signalClosed: .signalClosed
        case .nextStepOverdue: .nextStepOverdue
        case .reviewDue: .reviewDue
        case .feedbackRejected: .feedbackRejected
        }
    }
}

extension Recipient.Channel {
    init?(_ channel: ProtoChannel) {
        switch channel {
        case .email: self = .email
        case .webhook: self = .webhook
        case .inApp: self = .inApp
        default: return nil
        }
    }

    var contract: ProtoChannel {
        switch self {
        case .email: .email
        case .webhook: .webhook
        case .inApp: .inApp
        }
    }
}

extension Recipient.Role {
    init?(_ role: Kunskapsloop_Notification_V1_RecipientRole) {
        switch role {
        case .verksamhetschef: self = .verksamhetschef
        case .halsoOchSjukvardsdirektor: self = .halsoOchSjukvardsdirektor
        case .processledare: self = .processledare
        case .npoOrdforande: self = .npoOrdforande
        case .other: self = .other
        default: return nil
        }
    }

    var contract: Kunskapsloop_Notification_V1_RecipientRole {
        switch self {
        case .verksamhetschef: .verksamhetschef
        case .halsoOchSjukvardsdirektor: .halsoOchSjukvardsdirektor
        case .processledare: .processledare
        case .npoOrdforande: .npoOrdforande
        case .other: .other
        }
    }
}

extension Recipient {
    /// The recipient a request describes; unset enums take their documented defaults.
    /// - Throws: `RecipientError` for a role, kind or channel the contract does not define.
    init(_ p: ProtoRecipient) throws(RecipientError) {
        guard let role = Recipient.Role(p.role) else { throw RecipientError(field: "role", "give a role (VERKSAMHETSCHEF, …, OTHER)") }
        var kinds = Set<NotificationEvent.Kind>()
        for kind in p.eventKinds {
            guard let k = NotificationEvent.Kind(kind) else { throw RecipientError(field: "event_kinds", "EVENT_KIND_UNSPECIFIED is not a kind") }
            kinds.insert(k)
        }
        var channels: [Recipient.Channel] = []
        for channel in p.channels {
            guard let c = Recipient.Channel(channel) else { throw RecipientError(field: "channels", "CHANNEL_UNSPECIFIED is not a channel") }
            channels.append(c)
        }
        let mode: Recipient.DeliveryMode = p.deliveryMode == .dailyDigest ? .dailyDigest(hour: p.hasDigestHour ? Int(p.digestHour) : 7) : .immediate
        self.init(
            id: p.id, name: p.name, email: p.email, role: role, roleTitle: p.roleTitle,
            scope: p.hasOrganisationScope
                ? Scope(
                    organisationID: p.organisationScope.organisationID,
                    includesDescendants: !p.organisationScope.excludeDescendants) : nil,
            programmeAreaIDs: p.programmeAreaIds, eventKinds: kinds,
            minimumSeverity: NotificationEvent.Severity(p.minimumSeverity) ?? .info,
            directionFilter: p.directionFilter == .all ? .all : .deteriorations, sourceAppIDs: p.sourceAppIds, channels: channels,
            webhook: p.hasWebhook
                ? Webhook(
                    url: p.webhook.url.trimmingCharacters(in: .whitespaces),
                    secret: p.webhook.secret.isEmpty ? nil : p.webhook.secret) : nil,
            deliveryMode: mode, language: p.language == .en ? .en : .sv, active: true)
    }
}

/// A stored recipient with what the contract shows besides the domain value.
struct StoredRecipient: Sendable {
    var recipient: Recipient
    var secretSet: Bool
    var unsubscribeToken: String
    var createdAt: Date
    var updatedAt: Date
    var updatedBy: String

    /// The recipient as responses show it: never the secret.
    var contract: ProtoRecipient {
        let r = recipient
        return .with {
            $0.id = r.id
            $0.name = r.name
            $0.email = r.email
            $0.role = r.role.contract
            $0.roleTitle = r.roleTitle
            if let scope = r.scope {
                $0.organisationScope = .with {
                    $0.organisationID = scope.organisationID
                    $0.excludeDescendants = !scope.includesDescendants
                }
            }
            $0.programmeAreaIds = r.programmeAreaIDs
            $0.eventKinds = NotificationEvent.Kind.allCases.filter(r.eventKinds.contains).map(\.contract)
            $0.minimumSeverity = r.minimumSeverity.contract
            $0.directionFilter = r.directionFilter == .all ? .all : .deteriorations
            $0.sourceAppIds = r.sourceAppIDs
            $0.channels = r.channels.map(\.contract)
            if let webhook = r.webhook {
                $0.webhook = .with {
                    $0.url = webhook.url
                    $0.secretSet = secretSet
                }
            }
            switch r.deliveryMode {
            case .immediate: $0.deliveryMode = .immediate
            case .dailyDigest(let hour):
                $0.deliveryMode = .dailyDigest
                $0.digestHour = Int32(hour)
            }
            $0.language = r.language == .en ? .en : .sv
            $0.active = r.active
            $0.createdAt = Google_Protobuf_Timestamp(date: createdAt)
            $0.updatedAt = Google_Protobuf_Timestamp(date: updatedAt)
            $0.updatedBy = updatedBy
        }
    }
}
