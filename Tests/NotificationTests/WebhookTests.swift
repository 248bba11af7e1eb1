import Contracts
import Domain
import Foundation
import KLTesting
import Mail
import PostgresNIO
import SwiftProtobuf
import Testing

@testable import Notification

/// Webhooks to a real HTTP receiver that checks each signature with the Standard Webhooks
/// library (Python `standardwebhooks`), not with code of ours.
@Suite(.serialized) struct WebhookTests {
    @Test func signedPostsRetriedUntilTheyGoThroughAndA400FailsAtOnce() async throws {
        try await withTestServer("webhook_receiver.py", ["--secret", testWebhookSecret]) { receiver in
            try await withNotification { n in
                try await n.standardTree()
                let base = "http://127.0.0.1:\(receiver.port)"
                let ok = try await n.createRecipient {
                    $0.channels = [.webhook]
                    $0.webhook = .with {
                        $0.url = "\(base)/ok/1"
                        $0.secret = testWebhookSecret
                    }
                }
                #expect(ok.webhook.secret.isEmpty && ok.webhook.secretSet)
                let flaky = try await n.createRecipient {
                    $0.channels = [.webhook]
                    $0.webhook = .with {
                        $0.url = "\(base)/flaky/2/x"
                        $0.secret = testWebhookSecret
                    }
                }
                let bad = try await n.createRecipient {
                    $0.channels = [.webhook]
                    $0.webhook = .with {
                        $0.url = "\(base)/bad/x"
                        $0.secret = testWebhookSecret
                    }
                }
                let messageID = try await n.publish(raised(), routingKey: "followup.signal.raised.v1")
                let done = try await n.waitForDeliveries("all three to end", { $0.sourceMessageID = messageID }) { list in
                    list.count == 3 && list.allSatisfy { $0.status == .delivered || $0.status == .failed }
                }
                let byRecipient = Dictionary(uniqueKeysWithValues: done.map { ($0.recipientID, $0) })
                #expect(byRecipient[ok.id]?.status == .delivered && byRecipient[ok.id]?.attempts == 1)
                #expect(byRecipient[flaky.id]?.status == .delivered && byRecipient[flaky.id]?.attempts == 3)
                #expect(byRecipient[bad.id]?.status == .failed && byRecipient[bad.id]?.attempts == 1)
                #expect(byRecipient[bad.id]?.lastError == "HTTP 400")
                let records = receiver.records()
                #expect(records.count == 5)
                // The library accepted every signature.
                #expect(records.allSatisfy { $0["verified"] as? Bool == true })
                // Retries carry the same webhook-id (the dispatch), so a receiver can drop repeats.
                let flakyIDs = Set(records.filter { ($0["path"] as? String)?.hasPrefix("/flaky") == true }.compactMap { $0["webhook_id"] as? String })
                #expect(flakyIDs == [byRecipient[flaky.id]?.dispatchID ?? "-"])
                // The body is the documented WebhookNotification.
                let body = records.first { ($0["path"] as? String)?.hasPrefix("/ok") == true }?["body"] as? [String: Any]
                #expect(body?["dispatchId"] as? String == byRecipient[ok.id]?.dispatchID)
                #expect(body?["language"] as? String == "sv")
                let events = body?["events"] as? [[String: Any]]
                #expect(events?.first?["kind"] as? String == "EVENT_KIND_SIGNAL_RAISED")
                #expect(events?.first?["sourceMessageId"] as? String == messageID)
                let failed = try await n.events.first("notification.failed.v1", Kunskapsloop_Notification_V1_NotificationFailed.self) {
                    $0.delivery.recipientID == bad.id
                }
                #expect(failed.delivery.lastError == "HTTP 400")
            }
        }
    }

    @Test func aReplayedOrTamperedPostIsRefusedByTheLibrary() async throws {
        // The receiver's verdict on a body we alter after signing: the signature must not hold.
        try await withTestServer("webhook_receiver.py", ["--secret", testWebhookSecret]) { receiver in
            let body = Array("{\"dispatchId\":\"x\"}".utf8)
            let stamp = String(Int64(Date().timeIntervalSince1970))
            let good = WebhookSignatureProbe.signature(body: body, id: "msg_1", timestamp: stamp)
            let old = String(Int64(Date().timeIntervalSince1970) - 3600)
            for (id, timestamp, signature, payload) in [
                ("msg_1", stamp, good, body), ("msg_2", stamp, good, body),
                ("msg_3", old, WebhookSignatureProbe.signature(body: body, id: "msg_3", timestamp: old), body),
                ("msg_1", stamp, good, body + Array(" ".utf8)),
            ] {
                _ = try await runProcess(
                    "/usr/bin/curl",
                    [
                        "-s", "-o", "/dev/null", "-X", "POST", "http://127.0.0.1:\(receiver.port)/ok/probe",
                        "-H", "webhook-id: \(id)", "-H", "webhook-timestamp: \(timestamp)",
                        "-H", "webhook-signature: \(signature)", "--data-binary", String(decoding: payload, as: UTF8.self),
                    ])
            }
            let verdicts = receiver.records().map { $0["verified"] as? Bool ?? false }
            #expect(verdicts == [true, false, false, false])
        }
    }

    @Test func aHangingReceiverCannotHoldTheService() async throws {
        var configuration = NotificationConfiguration.forTests()
        configuration.maxInFlight = 2
        configuration.webhookTimeout = .seconds(1)
        configuration.retry = RetryPolicy(maxAttempts: 2, base: .milliseconds(100), cap: .milliseconds(200))
        try await withTestServer("webhook_receiver.py", ["--secret", testWebhookSecret]) { receiver in
            try await withNotification(configuration) { n in
                try await n.standardTree()
                let base = "http://127.0.0.1:\(receiver.port)"
                let hanging = try await n.createRecipient {
                    $0.channels = [.webhook]
                    $0.webhook = .with {
                        $0.url = "\(base)/hang/x"
                        $0.secret = testWebhookSecret
                    }
                }
                var others: [String] = []
                for i in 0..<4 {
                    others.append(
                        try await n.createRecipient {
                            $0.channels = [.webhook]
                            $0.webhook = .with {
                                $0.url = "\(base)/ok/\(i)"
                                $0.secret = testWebhookSecret
                            }
                        }.id)
                }
                let messageID = try await n.publish(raised(), routingKey: "followup.signal.raised.v1")
                // The others get through while the hanging one holds one of the two slots.
                try await n.waitForDeliveries(
                    "the others",
                    {
                        $0.sourceMessageID = messageID
                        $0.statuses = [.delivered]
                    }
                ) { $0.count == 4 }
                let given = try await n.waitForDeliveries("the hanging one to be given up", { $0.recipientID = hanging.id }) { $0.first?.status == .failed }
                #expect(given[0].attempts == 2 && given[0].lastError == "timed out")
            }
        }
    }
}
