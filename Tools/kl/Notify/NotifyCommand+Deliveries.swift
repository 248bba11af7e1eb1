import ArgumentParser
import Contracts
import Foundation
import SwiftProtobuf

extension NotifyCommand {
    struct Deliveries: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List deliveries, newest first; filters combine.",
            discussion: "Example: kl notify deliveries --recipient 3f0c… --status failed --status pending")
        @OptionGroup var options: GlobalOptions
        @Option(help: "Only to this recipient.") var recipient: String = ""
        @Option(help: "pending, sending, delivered, failed or suppressed (repeatable).") var status: [StatusArgumentN] = []
        @Option(help: "email, webhook or in-app (repeatable).") var channel: [ChannelArgument] = []
        @Option(help: "Only of this kind (repeatable).") var kind: [KindArgumentN] = []
        @Option(name: .customLong("message-id"), help: "Only of this event (its AMQP message_id).") var messageID: String = ""
        @Option(help: "Only about this subject (e.g. a signal id).") var subject: String = ""
        @Option(help: "Only of this dispatch.") var dispatch: String = ""
        @Option(name: .customLong("page-size"), help: "Rows per page (at most 100).") var pageSize: Int32 = 50
        @Option(name: .customLong("page-token"), help: "Continue from this token.") var pageToken: String = ""

        func run() async throws {
            let request = Kunskapsloop_Notification_V1_ListDeliveriesRequest.with {
                $0.recipientID = recipient
                $0.statuses = status.map(\.value)
                $0.channels = channel.map(\.value)
                $0.eventKinds = kind.map(\.value)
                $0.sourceMessageID = messageID
                $0.subjectID = subject
                $0.dispatchID = dispatch
                $0.page.pageSize = pageSize
                $0.page.pageToken = pageToken
            }
            try await Invocation.run(
                options, "notification.ListDeliveries", request,
                returning: Kunskapsloop_Notification_V1_ListDeliveriesResponse.self
            ) { response in
                let time = ISO8601DateFormatter()
                return TextTable(
                    headers: ["CREATED", "RECIPIENT", "CHANNEL", "STATUS", "TRIES", "EVENT", "NOTE"],
                    rows: response.deliveries.map { d in
                        let note = d.status == .suppressed ? d.suppressedReason : (d.lastError.isEmpty ? d.subject : d.lastError)
                        return [
                            time.string(from: d.createdAt.date), d.recipientName, NotifySpelling.text(d.channel, in: NotifySpelling.channels),
                            NotifySpelling.text(d.status, in: NotifySpelling.statuses), "\(d.attempts)", String(d.event.summary.prefix(60)),
                            String(note.prefix(60)),
                        ]
                    },
                    footer: "\(response.page.totalSize) in all"
                        + (response.page.nextPageToken.isEmpty ? "" : "; next page: --page-token \(response.page.nextPageToken)"))
            }
        }
    }

    struct Inbox: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A recipient's in-app inbox, unread first; --mark-read marks items (or --mark-all-read every unread one).",
            discussion: "Example: kl notify inbox 3f0c… --unread")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The recipient's id.") var recipient: String
        @Flag(help: "Only unread items.") var unread = false
        @Option(name: .customLong("mark-read"), help: "Mark this item read (repeatable).") var markRead: [String] = []
        @Flag(name: .customLong("mark-all-read"), help: "Mark every unread item read.") var markAllRead = false
        @Option(name: .customLong("page-size"), help: "Rows per page (at most 100).") var pageSize: Int32 = 20
        @Option(name: .customLong("page-token"), help: "Continue from this token.") var pageToken: String = ""

        func run() async throws {
            if !markRead.isEmpty || markAllRead {
                let request = Kunskapsloop_Notification_V1_MarkInboxItemsReadRequest.with {
                    $0.recipientID = recipient
                    $0.itemIds = markRead
                    $0.all = markAllRead
                }
                try await Invocation.run(
                    options, "notification.MarkInboxItemsRead", request,
                    returning: Kunskapsloop_Notification_V1_MarkInboxItemsReadResponse.self
                ) { response in
                    TextTable(headers: ["MARKED", "UNREAD"], rows: [["\(response.markedCount)", "\(response.unreadCount)"]])
                }
                return
            }
            let request = Kunskapsloop_Notification_V1_ListInboxRequest.with {
                $0.recipientID = recipient
                $0.unreadOnly = unread
                $0.page.pageSize = pageSize
                $0.page.pageToken = pageToken
            }
            try await Invocation.run(options, "notification.ListInbox", request, returning: Kunskapsloop_Notification_V1_ListInboxResponse.self) { response in
                let time = ISO8601DateFormatter()
                return TextTable(
                    headers: ["ID", "ARRIVED", "READ", "SEVERITY", "EVENTS", "SUBJECT"],
                    rows: response.items.map { item in
                        [
                            item.id, time.string(from: item.createdAt.date), item.hasReadAt ? "yes" : "no",
                            NotifySpelling.text(item.severity, in: NotifySpelling.severities), "\(item.events.count)", item.subject,
                        ]
                    },
                    footer: "\(response.unreadCount) unread"
                        + (response.page.nextPageToken.isEmpty ? "" : "; next page: --page-token \(response.page.nextPageToken)"))
            }
        }
    }
}
