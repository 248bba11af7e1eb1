import Contracts
import Domain
import Foundation
import KLTesting
import Mail
import PostgresNIO
import RPC
import SwiftProtobuf
import Testing

@testable import Notification

/// The recipient methods: bad input refused with the field named, changes by field mask, lists.
@Suite(.serialized) struct RecipientRPCTests {
    static func failure(_ body: () async throws -> Void) async -> RPCError? {
        do {
            try await body()
            return nil
        } catch let error as RPCError {
            return error
        } catch {
            return RPCError(.unknown, "\(error)")
        }
    }

    @Test func badInputIsRefusedNamingTheField() async throws {
        try await withNotification { n in
            let cases: [(String, (inout ProtoRecipient) -> Void)] = [
                ("recipient.email", { $0.email = "inte en adress" }),
                ("recipient.email", { $0.email = "anna@localhost" }),
                (
                    "recipient.webhook.url",
                    {
                        $0.channels = [.webhook]
                        $0.webhook = .with {
                            $0.url = "ftp://hooks.example.se/x"
                            $0.secret = testWebhookSecret
                        }
                    }
                ),
                (
                    "recipient.webhook.url",
                    {
                        $0.channels = [.webhook]
                        $0.webhook = .with {
                            $0.url = "not a url"
                            $0.secret = testWebhookSecret
                        }
                    }
                ),
                (
                    "recipient.webhook.secret",
                    {
                        $0.channels = [.webhook]
                        $0.webhook = .with { $0.url = "https://hooks.example.se/x" }
                    }
                ),
                (
                    "recipient.webhook.secret",
                    {
                        $0.channels = [.webhook]
                        $0.webhook = .with {
                            $0.url = "https://hooks.example.se/x"
                            $0.secret = "kort"
                        }
                    }
                ),
                ("recipient.name", { $0.name = "" }),
                ("recipient.role", { $0.role = .unspecified }),
                ("recipient.channels", { $0.channels = [] }),
                (
                    "recipient.digest_hour",
                    {
                        $0.deliveryMode = .dailyDigest
                        $0.digestHour = 25
                    }
                ),
                ("recipient.role_title", { $0.role = .other }),
            ]
            for (field, tweak) in cases {
                let error = await Self.failure { _ = try await n.createRecipient(tweak) }
                #expect(error?.code == .invalidArgument, "\(field)")
                #expect(error?.field == field, "\(String(describing: error))")
            }
            #expect(try await n.count("SELECT count(*)::int FROM \(unescaped: n.service).recipients") == 0)
            let anna = try await n.createRecipient { $0.email = "anna@example.se" }
            let duplicate = await Self.failure { _ = try await n.createRecipient { $0.email = "ANNA@example.se" } }
            #expect(duplicate?.code == .alreadyExists && duplicate?.field == "recipient.email")
            let sameID = await Self.failure { _ = try await n.createRecipient { $0.id = anna.id } }
            #expect(sameID?.code == .alreadyExists && sameID?.field == "recipient.id")
            let missing = await Self.failure {
                _ = try await n.call(
                    "GetRecipient", Kunskapsloop_Notification_V1_GetRecipientRequest.with { $0.id = "nobody" },
                    returning: Kunskapsloop_Notification_V1_GetRecipientResponse.self)
            }
            #expect(missing?.code == .notFound)
        }
    }

    @Test func updateByMaskKeepsTheSecretAndListsFilter() async throws {
        try await withNotification { n in
            try await n.standardTree()
            let director = try await n.createRecipient {
                $0.name = "Bo Direktör"
                $0.role = .halsoOchSjukvardsdirektor
                $0.organisationScope = .with { $0.organisationID = "SE-03" }
                $0.channels = [.webhook]
                $0.webhook = .with {
                    $0.url = "https://hooks.example.se/a"
                    $0.secret = testWebhookSecret
                }
            }
            _ = try await n.createRecipient {
                $0.name = "Cecilia Sörmland"
                $0.organisationScope = .with { $0.organisationID = "SE-04" }
            }
            _ = try await n.createRecipient {
                $0.name = "Ada Nationell"
                $0.eventKinds = [.reviewDue]
            }
            let updated = try await n.call(
                "UpdateRecipient",
                Kunskapsloop_Notification_V1_UpdateRecipientRequest.with {
                    $0.recipient = .with {
                        $0.id = director.id
                        $0.webhook = .with { $0.url = "https://hooks.example.se/b" }
                        $0.name = "Ignored"
                    }
                    $0.updateMask = .with { $0.paths = ["webhook.url"] }
                    $0.actor = "test"
                }, returning: Kunskapsloop_Notification_V1_UpdateRecipientResponse.self
            ).recipient
            #expect(updated.webhook.url == "https://hooks.example.se/b" && updated.webhook.secretSet && updated.webhook.secret.isEmpty)
            #expect(updated.name == "Bo Direktör" && updated.updatedBy == "test")
            let badPath = await Self.failure {
                _ = try await n.call(
                    "UpdateRecipient",
                    Kunskapsloop_Notification_V1_UpdateRecipientRequest.with {
                        $0.recipient = .with { $0.id = director.id }
                        $0.updateMask = .with { $0.paths = ["active"] }
                    }, returning: Kunskapsloop_Notification_V1_UpdateRecipientResponse.self)
            }
            #expect(badPath?.code == .invalidArgument && badPath?.field == "update_mask")
            let badURL = await Self.failure {
                _ = try await n.call(
                    "UpdateRecipient",
                    Kunskapsloop_Notification_V1_UpdateRecipientRequest.with {
                        $0.recipient = .with {
                            $0.id = director.id
                            $0.webhook = .with { $0.url = "gopher://x" }
                        }
                        $0.updateMask = .with { $0.paths = ["webhook.url"] }
                    }, returning: Kunskapsloop_Notification_V1_UpdateRecipientResponse.self)
            }
            #expect(badURL?.field == "recipient.webhook.url")
            func list(_ tweak: (inout Kunskapsloop_Notification_V1_ListRecipientsRequest) -> Void) async throws -> [String] {
                var request = Kunskapsloop_Notification_V1_ListRecipientsRequest()
                tweak(&request)
                return try await n.call("ListRecipients", request, returning: Kunskapsloop_Notification_V1_ListRecipientsResponse.self).recipients.map(\.name)
            }
            #expect(try await list { $0.organisationID = "AKAD" } == ["Ada Nationell", "Bo Direktör"])
            #expect(try await list { $0.organisationID = "SE-04" } == ["Ada Nationell", "Cecilia Sörmland"])
            #expect(try await list { $0.roles = [.halsoOchSjukvardsdirektor] } == ["Bo Direktör"])
            #expect(try await list { $0.eventKinds = [.reviewDue] } == ["Ada Nationell"])
            // Paging: two pages of one and two.
            let first = try await n.call(
                "ListRecipients", Kunskapsloop_Notification_V1_ListRecipientsRequest.with { $0.page.pageSize = 1 },
                returning: Kunskapsloop_Notification_V1_ListRecipientsResponse.self)
            #expect(first.recipients.map(\.name) == ["Ada Nationell"] && first.page.totalSize == 3 && !first.page.nextPageToken.isEmpty)
            let second = try await n.call(
                "ListRecipients",
                Kunskapsloop_Notification_V1_ListRecipientsRequest.with {
                    $0.page.pageSize = 5
                    $0.page.pageToken = first.page.nextPageToken
                }, returning: Kunskapsloop_Notification_V1_ListRecipientsResponse.self)
            #expect(second.recipients.map(\.name) == ["Bo Direktör", "Cecilia Sörmland"] && second.page.nextPageToken.isEmpty)
        }
    }
}
