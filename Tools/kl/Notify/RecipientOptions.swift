import ArgumentParser
import Contracts
import Foundation
import SwiftProtobuf

/// The subscription flags `recipient add` and `recipient update` share.
struct RecipientOptions: ParsableArguments {
    @Option(help: "Full name.") var name: String?
    @Option(help: "E-mail address (also how an overdue step's responsible leader is found).") var email: String?
    @Option(help: "verksamhetschef, halso-och-sjukvardsdirektor, processledare, npo-ordforande or other.") var role: RoleArgument?
    @Option(name: .customLong("role-title"), help: "The role in words (required for other).") var roleTitle: String?
    @Option(help: "Organisation scope (catalog id); default the whole tree.") var scope: String?
    @Flag(name: .customLong("exclude-descendants"), help: "Only the scope organisation itself, not what lies below it.") var excludeDescendants = false
    @Option(name: .customLong("area"), help: "Only this programme area (repeatable; none = all).") var areas: [String] = []
    @Option(
        name: .customLong("kind"),
        help: "An event kind subscribed to (repeatable): signal-raised, signal-closed, next-step-overdue, review-due, feedback-rejected.")
    var kinds: [KindArgumentN] = []
    @Option(name: .customLong("min-severity"), help: "info, warning or critical.") var minimumSeverity: SeverityArgument?
    @Flag(name: .customLong("improvements"), help: "Also improvements (default: deteriorations and 'undersök' only).") var improvements = false
    @Option(name: .customLong("source-app"), help: "feedback-rejected: only from this sending system (repeatable).") var sourceApps: [String] = []
    @Option(name: .customLong("channel"), help: "email, webhook or in-app (repeatable).") var channels: [ChannelArgument] = []
    @Option(name: .customLong("webhook-url"), help: "http(s) URL webhook notifications are POSTed to.") var webhookURL: String?
    @Option(name: .customLong("webhook-secret"), help: "Standard Webhooks secret: whsec_ + base64 of 24–64 random bytes.") var webhookSecret: String?
    @Option(name: .customLong("digest-hour"), help: "Send a daily digest at this Stockholm hour (0–23) instead of at once.") var digestHour: Int32?
    @Flag(name: .customLong("immediate"), help: "Send as events come (coalesced), not as a digest.") var immediate = false
    @Option(help: "sv (default) or en.") var language: String?

    /// Fills `recipient` from the flags given; returns the field-mask paths they touch.
    func apply(to recipient: inout Kunskapsloop_Notification_V1_Recipient) throws -> [String] {
        var paths: [String] = []
        paths.set(name, "name") { recipient.name = $0 }
        paths.set(email, "email") { recipient.email = $0 }
        paths.set(role, "role") { recipient.role = $0.value }
        paths.set(roleTitle, "role_title") { recipient.roleTitle = $0 }
        if let scope {
            recipient.organisationScope = .with {
                $0.organisationID = scope
                $0.excludeDescendants = excludeDescendants
            }
            paths.append("organisation_scope")
        }
        if !areas.isEmpty {
            recipient.programmeAreaIds = areas
            paths.append("programme_area_ids")
        }
        if !kinds.isEmpty {
            recipient.eventKinds = kinds.map(\.value)
            paths.append("event_kinds")
        }
        paths.set(minimumSeverity, "minimum_severity") { recipient.minimumSeverity = $0.value }
        if improvements {
            recipient.directionFilter = .all
            paths.append("direction_filter")
        }
        if !sourceApps.isEmpty {
            recipient.sourceAppIds = sourceApps
            paths.append("source_app_ids")
        }
        if !channels.isEmpty {
            recipient.channels = channels.map(\.value)
            paths.append("channels")
        }
        paths.set(webhookURL, "webhook.url") { recipient.webhook.url = $0 }
        paths.set(webhookSecret, "webhook.secret") { recipient.webhook.secret = $0 }
        if let digestHour {
            recipient.deliveryMode = .dailyDigest
            recipient.digestHour = digestHour
            paths += ["delivery_mode", "digest_hour"]
        } else if immediate {
            recipient.deliveryMode = .immediate
            paths.append("delivery_mode")
        }
        if let language {
            switch language.lowercased() {
            case "sv": recipient.language = .sv
            case "en": recipient.language = .en
            default: throw ValidationError("--language: sv or en")
            }
            paths.append("language")
        }
        return paths
    }
}

/// One recipient as rows of a table.
func recipientTable(_ r: Kunskapsloop_Notification_V1_Recipient) -> TextTable {
    let scope =
        r.hasOrganisationScope ? r.organisationScope.organisationID + (r.organisationScope.excludeDescendants ? " (only)" : " (and below)") : "whole tree"
    let mode = r.deliveryMode == .dailyDigest ? "daily digest at \(r.hasDigestHour ? r.digestHour : 7):00" : "immediate"
    var rows: [[String]] = [
        ["id", r.id], ["name", r.name], ["email", r.email],
        ["role", NotifySpelling.text(r.role, in: NotifySpelling.roles) + (r.roleTitle.isEmpty ? "" : " (\(r.roleTitle))")],
        ["scope", scope], ["areas", r.programmeAreaIds.isEmpty ? "all" : r.programmeAreaIds.joined(separator: ", ")],
        ["kinds", r.eventKinds.map { NotifySpelling.text($0, in: NotifySpelling.kinds) }.joined(separator: ", ")],
        ["min severity", NotifySpelling.text(r.minimumSeverity, in: NotifySpelling.severities)],
        ["directions", r.directionFilter == .all ? "all" : "deteriorations"],
        ["channels", r.channels.map { NotifySpelling.text($0, in: NotifySpelling.channels) }.joined(separator: ", ")],
        ["mode", mode], ["language", r.language == .en ? "en" : "sv"], ["active", r.active ? "yes" : "no"],
    ]
    if r.hasWebhook { rows.append(["webhook", r.webhook.url + (r.webhook.secretSet ? " (secret set)" : " (no secret)")]) }
    if !r.sourceAppIds.isEmpty { rows.append(["source apps", r.sourceAppIds.joined(separator: ", ")]) }
    return TextTable(headers: ["FIELD", "VALUE"], rows: rows)
}
