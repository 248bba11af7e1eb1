import ArgumentParser
import Contracts
import Foundation
import SwiftProtobuf

/// `kl notify …`: recipients, deliveries and the in-app inbox of the notification service.
struct NotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify",
        abstract: "Recipients (leaders) and what they subscribe to, deliveries, the in-app inbox.",
        discussion: "Lists print as tables (or --output json). Enum values are spelled like signal-raised, in-app, halso-och-sjukvardsdirektor.",
        subcommands: [RecipientCommand.self, Deliveries.self, Inbox.self])

    struct RecipientCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "recipient", abstract: "Add, change, list, show or deactivate recipients.",
            subcommands: [Add.self, Update.self, List.self, Get.self, Deactivate.self])
    }
}

/// Command-line spellings of the notification enums: lower case with hyphens.
enum NotifySpelling {
    static func name(_ text: String) -> String { text.lowercased().replacingOccurrences(of: "_", with: "-") }

    static let roles: [(String, Kunskapsloop_Notification_V1_RecipientRole)] = [
        ("verksamhetschef", .verksamhetschef), ("halso-och-sjukvardsdirektor", .halsoOchSjukvardsdirektor),
        ("processledare", .processledare), ("npo-ordforande", .npoOrdforande), ("other", .other),
    ]
    static let kinds: [(String, Kunskapsloop_Notification_V1_EventKind)] = [
        ("signal-raised", .signalRaised), ("signal-closed", .signalClosed), ("next-step-overdue", .nextStepOverdue),
        ("review-due", .reviewDue), ("feedback-rejected", .feedbackRejected),
    ]
    static let channels: [(String, Kunskapsloop_Notification_V1_Channel)] = [("email", .email), ("webhook", .webhook), ("in-app", .inApp)]
    static let severities: [(String, Kunskapsloop_Common_V1_Severity)] = [("info", .info), ("warning", .warning), ("critical", .critical)]
    static let statuses: [(String, Kunskapsloop_Notification_V1_DeliveryStatus)] = [
        ("pending", .pending), ("sending", .sending), ("delivered", .delivered), ("failed", .failed), ("suppressed", .suppressed),
    ]

    static func text<T: Equatable>(_ value: T, in table: [(String, T)]) -> String { table.first { $0.1 == value }?.0 ?? "-" }
}

struct RoleArgument: ExpressibleByArgument {
    let value: Kunskapsloop_Notification_V1_RecipientRole
    init?(argument: String) {
        guard let found = NotifySpelling.roles.first(where: { $0.0 == NotifySpelling.name(argument) }) else { return nil }
        value = found.1
    }
    static var allValueStrings: [String] { NotifySpelling.roles.map(\.0) }
}

struct KindArgumentN: ExpressibleByArgument {
    let value: Kunskapsloop_Notification_V1_EventKind
    init?(argument: String) {
        guard let found = NotifySpelling.kinds.first(where: { $0.0 == NotifySpelling.name(argument) }) else { return nil }
        value = found.1
    }
    static var allValueStrings: [String] { NotifySpelling.kinds.map(\.0) }
}

struct ChannelArgument: ExpressibleByArgument {
    let value: Kunskapsloop_Notification_V1_Channel
    init?(argument: String) {
        guard let found = NotifySpelling.channels.first(where: { $0.0 == NotifySpelling.name(argument) }) else { return nil }
        value = found.1
    }
    static var allValueStrings: [String] { NotifySpelling.channels.map(\.0) }
}

struct SeverityArgument: ExpressibleByArgument {
    let value: Kunskapsloop_Common_V1_Severity
    init?(argument: String) {
        guard let found = NotifySpelling.severities.first(where: { $0.0 == NotifySpelling.name(argument) }) else { return nil }
        value = found.1
    }
    static var allValueStrings: [String] { NotifySpelling.severities.map(\.0) }
}

struct StatusArgumentN: ExpressibleByArgument {
    let value: Kunskapsloop_Notification_V1_DeliveryStatus
    init?(argument: String) {
        guard let found = NotifySpelling.statuses.first(where: { $0.0 == NotifySpelling.name(argument) }) else { return nil }
        value = found.1
    }
    static var allValueStrings: [String] { NotifySpelling.statuses.map(\.0) }
}
