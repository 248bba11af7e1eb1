import ArgumentParser
import Contracts
import Foundation
import SwiftProtobuf

extension NotifyCommand.RecipientCommand {
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a recipient.",
            discussion: """
                Example: kl notify recipient add --name "Anna Andersson" --email anna@regionuppsala.se --role verksamhetschef \
                --scope SE-03 --kind signal-raised --kind signal-closed --channel email --channel in-app
                """)
        @OptionGroup var options: GlobalOptions
        @OptionGroup var actor: ActorOption
        @Option(help: "Its id (default: a new UUID).") var id: String = ""
        @OptionGroup var fields: RecipientOptions

        func run() async throws {
            var recipient = Kunskapsloop_Notification_V1_Recipient()
            recipient.id = id
            _ = try fields.apply(to: &recipient)
            let request = Kunskapsloop_Notification_V1_CreateRecipientRequest.with {
                $0.recipient = recipient
                $0.actor = actor.actor
            }
            try await Invocation.run(
                options, "notification.CreateRecipient", request,
                returning: Kunskapsloop_Notification_V1_CreateRecipientResponse.self
            ) { recipientTable($0.recipient) }
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a recipient: only the fields given change (an unchanged webhook secret stays).",
            discussion: "Example: kl notify recipient update 3f0c… --digest-hour 7 --min-severity warning")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var actor: ActorOption
        @Argument(help: "The recipient's id.") var id: String
        @OptionGroup var fields: RecipientOptions

        func run() async throws {
            var recipient = Kunskapsloop_Notification_V1_Recipient()
            recipient.id = id
            let paths = try fields.apply(to: &recipient)
            guard !paths.isEmpty else { throw ValidationError("give at least one field to change") }
            let request = Kunskapsloop_Notification_V1_UpdateRecipientRequest.with {
                $0.recipient = recipient
                $0.updateMask = .with { $0.paths = paths }
                $0.actor = actor.actor
            }
            try await Invocation.run(
                options, "notification.UpdateRecipient", request,
                returning: Kunskapsloop_Notification_V1_UpdateRecipientResponse.self
            ) { recipientTable($0.recipient) }
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one recipient (never its webhook secret).")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The recipient's id.") var id: String

        func run() async throws {
            try await Invocation.run(
                options, "notification.GetRecipient", Kunskapsloop_Notification_V1_GetRecipientRequest.with { $0.id = id },
                returning: Kunskapsloop_Notification_V1_GetRecipientResponse.self
            ) { recipientTable($0.recipient) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List recipients by name; filters combine.",
            discussion: "Example: kl notify recipient list --organisation AKAD --kind signal-raised")
        @OptionGroup var options: GlobalOptions
        @Option(help: "Only those whose scope covers this organisation.") var organisation: String = ""
        @Option(help: "Only this e-mail.") var email: String = ""
        @Option(help: "Only this role (repeatable).") var role: [RoleArgument] = []
        @Option(help: "Only subscribers of this kind (repeatable).") var kind: [KindArgumentN] = []
        @Flag(name: .customLong("all"), help: "Include deactivated recipients.") var includeInactive = false
        @Option(name: .customLong("page-size"), help: "Rows per page (at most 100).") var pageSize: Int32 = 50
        @Option(name: .customLong("page-token"), help: "Continue from this token.") var pageToken: String = ""

        func run() async throws {
            let request = Kunskapsloop_Notification_V1_ListRecipientsRequest.with {
                $0.organisationID = organisation
                $0.email = email
                $0.roles = role.map(\.value)
                $0.eventKinds = kind.map(\.value)
                $0.includeInactive = includeInactive
                $0.page.pageSize = pageSize
                $0.page.pageToken = pageToken
            }
            try await Invocation.run(
                options, "notification.ListRecipients", request,
                returning: Kunskapsloop_Notification_V1_ListRecipientsResponse.self
            ) { response in
                TextTable(
                    headers: ["ID", "NAME", "EMAIL", "ROLE", "SCOPE", "CHANNELS", "ACTIVE"],
                    rows: response.recipients.map { r in
                        [
                            r.id, r.name, r.email, NotifySpelling.text(r.role, in: NotifySpelling.roles),
                            r.hasOrganisationScope ? r.organisationScope.organisationID : "-",
                            r.channels.map { NotifySpelling.text($0, in: NotifySpelling.channels) }.joined(separator: ","), r.active ? "yes" : "no",
                        ]
                    },
                    footer: "\(response.page.totalSize) in all"
                        + (response.page.nextPageToken.isEmpty ? "" : "; next page: --page-token \(response.page.nextPageToken)"))
            }
        }
    }

    struct Deactivate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop a recipient's deliveries (pending ones are suppressed); history is kept.")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var actor: ActorOption
        @Argument(help: "The recipient's id.") var id: String

        func run() async throws {
            try await Invocation.run(
                options, "notification.DeactivateRecipient",
                Kunskapsloop_Notification_V1_DeactivateRecipientRequest.with {
                    $0.id = id
                    $0.actor = actor.actor
                },
                returning: Kunskapsloop_Notification_V1_DeactivateRecipientResponse.self
            ) { recipientTable($0.recipient) }
        }
    }
}
