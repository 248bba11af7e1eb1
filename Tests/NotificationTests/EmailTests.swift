import Contracts
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import KLTesting
import Mail
import PostgresNIO
import Storage
import SwiftProtobuf
import Testing

@testable import Notification

/// E-mail through libcurl to a real SMTP server (aiosmtpd), read back and taken apart.
@Suite(.serialized) struct EmailTests {
    /// The received messages, parsed by Python's own e-mail package.
    static func parsed(_ server: TestServer) async throws -> [[String: Any]] {
        let script = """
            import email, json, sys
            from email import policy
            out = []
            for line in open(sys.argv[1], encoding="utf-8"):
                rec = json.loads(line)
                msg = email.message_from_string(rec["data"], policy=policy.default)
                parts = {p.get_content_type(): p.get_content() for p in msg.walk() if not p.is_multipart()}
                out.append({"to": rec["rcpt_tos"], "subject": str(msg["Subject"]), "message_id": str(msg["Message-ID"]),
                            "in_reply_to": str(msg["In-Reply-To"] or ""), "references": str(msg["References"] or ""),
                            "unsubscribe": str(msg["List-Unsubscribe"] or ""), "unsubscribe_post": str(msg["List-Unsubscribe-Post"] or ""),
                            "type": msg.get_content_type(), "text": parts.get("text/plain", ""), "html": parts.get("text/html", "")})
            print(json.dumps(out))
            """
        let result = try await runProcess("/usr/bin/env", ["python3", "-c", script, server.output.path])
        guard result.status == 0 else { throw ExpectationFailure("parsing the mail failed: \(result.stderr)") }
        return (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]) ?? []
    }

    @Test func aSignalArrivesAsSwedishMultipartMailThatThreads() async throws {
        try await withTestServer("smtp_server.py") { smtp in
            try await withNotification(.forTests(smtpPort: smtp.port)) { n in
                try await n.standardTree()
                let leader = try await n.createRecipient {
                    $0.email = "anna.andersson@regionuppsala.se"
                    $0.channels = [.email]
                    $0.organisationScope = .with { $0.organisationID = "SE-03" }
                }
                let id = UUID().uuidString.lowercased()
                try await n.publish(raised(id), routingKey: "followup.signal.raised.v1")
                try await eventually("the first mail") { smtp.records().count == 1 }
                try await n.publish(closed(id), routingKey: "followup.signal.closed.v1")
                try await eventually("the second mail") { smtp.records().count == 2 }
                let mails = try await Self.parsed(smtp)
                let first = mails[0]
                let second = mails[1]
                #expect(first["to"] as? [String] == ["anna.andersson@regionuppsala.se"])
                #expect(first["type"] as? String == "multipart/alternative")
                #expect(first["subject"] as? String == "Kunskapsloop: Försämring: Andel uppföljda inom 30 dagar, Akademiska sjukhuset, sedan v. 14 2026")
                let text = first["text"] as? String ?? ""
                #expect(text.contains("Hej Anna Andersson,"))
                #expect(text.contains("Diagrammet visar en försämring"))
                #expect(text.contains("Andelen uppföljda har sjunkit tydligt sedan vecka 14"))
                #expect(text.contains("Period: v. 14 2026 – v. 15 2026"))
                #expect(text.contains("Se diagrammet och läs mer: http://127.0.0.1:8083/leader/uppfoljning-30d/AKAD"))
                #expect(text.contains("Region Uppsala med underliggande enheter"))
                let html = first["html"] as? String ?? ""
                #expect(html.contains("<a href=\"http://127.0.0.1:8083/leader/uppfoljning-30d/AKAD\">Se diagrammet och läs mer</a>"))
                #expect(html.contains("lang=\"sv\""))
                // The closing message threads under the first.
                let firstID = first["message_id"] as? String ?? "-"
                #expect(second["in_reply_to"] as? String == firstID)
                #expect(second["references"] as? String == firstID)
                #expect((second["subject"] as? String ?? "").contains("Avslutad signal (försämring)"))
                #expect((second["text"] as? String ?? "").contains("Signalen upphörde när värdet för vecka 16 låg inom gränserna."))
                // List-Unsubscribe, one-click.
                let unsubscribe = first["unsubscribe"] as? String ?? ""
                #expect(unsubscribe.hasPrefix("<http://127.0.0.1:1/unsubscribe/") || unsubscribe.contains("/unsubscribe/"))
                #expect(first["unsubscribe_post"] as? String == "List-Unsubscribe=One-Click")
                // The server has both messages; each delivery's outcome commits just after its send.
                let delivered = try await n.waitForDeliveries("both deliveries recorded as delivered", { $0.recipientID = leader.id }) { list in
                    list.count == 2 && list.allSatisfy { $0.status == .delivered }
                }
                #expect(delivered.allSatisfy { !$0.subject.isEmpty && !$0.dispatchID.isEmpty })
                #expect(firstID == "<\(delivered.last?.dispatchID ?? "")@kunskapsloop>")
            }
        }
    }

    @Test func aRefusedMailboxFailsAtOnceAndALaterOneIsRetried() async throws {
        try await withTestServer("smtp_server.py") { smtp in
            try await withNotification(.forTests(smtpPort: smtp.port)) { n in
                try await n.standardTree()
                let refused = try await n.createRecipient {
                    $0.email = "reject.me@example.se"
                    $0.channels = [.email]
                }
                let later = try await n.createRecipient {
                    $0.email = "later.me@example.se"
                    $0.channels = [.email]
                }
                try await n.publish(raised(), routingKey: "followup.signal.raised.v1")
                let failed = try await n.waitForDeliveries("the refusal", { $0.recipientID = refused.id }) { $0.first?.status == .failed }
                #expect(failed[0].attempts == 1)
                #expect(failed[0].lastError.hasPrefix("SMTP 550"))
                let retried = try await n.waitForDeliveries("the retries to run out", { $0.recipientID = later.id }) { $0.first?.status == .failed }
                #expect(retried[0].attempts == 4)
                #expect(retried[0].lastError.hasPrefix("SMTP 451"))
                let events = try await n.events.first("notification.failed.v1", Kunskapsloop_Notification_V1_NotificationFailed.self) {
                    $0.delivery.recipientID == refused.id
                }
                #expect(events.delivery.status == .failed)
                #expect(smtp.records().isEmpty)
            }
        }
    }

    @Test func theUnsubscribeLinkStopsEmail() async throws {
        try await withNotification { n in
            let leader = try await n.createRecipient { $0.channels = [.email, .inApp] }
            let token = try await n.database.query(
                "SELECT unsubscribe_token FROM \(unescaped: n.service).recipients WHERE id = \(leader.id)",
                logger: LocalStack.logger
            ).decode(String.self).collect()[0]
            let router = Router()
            let db = try Database(client: n.database, schema: n.service, logger: LocalStack.logger)
            UnsubscribeRoutes.add(to: router, store: NotificationStore(database: db, eventPrefix: ""))
            let app = Application(router: router)
            try await app.test(.router) { client in
                try await client.execute(uri: "/unsubscribe/\(token)", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(String(buffer: response.body).contains("<form method=\"post\">"))
                }
                try await client.execute(uri: "/unsubscribe/\(token)", method: .post) { response in
                    #expect(response.status == .ok)
                    #expect(String(buffer: response.body).contains("Du är avregistrerad"))
                }
                try await client.execute(uri: "/unsubscribe/nope", method: .post) { response in
                    #expect(response.status == .notFound)
                }
            }
            let after = try await n.call(
                "GetRecipient", Kunskapsloop_Notification_V1_GetRecipientRequest.with { $0.id = leader.id },
                returning: Kunskapsloop_Notification_V1_GetRecipientResponse.self
            ).recipient
            #expect(after.channels == [.inApp] && after.active)
        }
    }

    @Test func startTLSAndAuthWhenConfigured() async throws {
        try await withTestServer("smtp_server.py", ["--starttls", "--user", "kl-notify", "--password", "hemligt"]) { smtp in
            var configuration = NotificationConfiguration.forTests(smtpPort: smtp.port)
            configuration.smtp.requireTLS = true
            configuration.smtp.username = "kl-notify"
            configuration.smtp.password = "hemligt"
            configuration.smtp.caFile = smtp.output.deletingLastPathComponent().appendingPathComponent("cert.pem").path
            try await withNotification(configuration) { n in
                try await n.standardTree()
                let leader = try await n.createRecipient { $0.channels = [.email] }
                try await n.publish(raised(), routingKey: "followup.signal.raised.v1")
                let sent = try await n.waitForDeliveries("the mail over TLS", { $0.recipientID = leader.id }) { $0.first?.status == .delivered }
                #expect(sent[0].attempts == 1)
                #expect(smtp.records().count == 1)
            }
            // A wrong password gets no mail through (aiosmtpd stalls after the failed AUTH, so the
            // attempt ends by curl's timeout): the delivery fails after its attempts, nothing arrives.
            configuration.smtp.password = "fel"
            configuration.smtp.connectTimeout = .seconds(2)
            configuration.retry = RetryPolicy(maxAttempts: 1)
            try await withNotification(configuration) { n in
                try await n.standardTree()
                let leader = try await n.createRecipient { $0.channels = [.email] }
                try await n.publish(raised(), routingKey: "followup.signal.raised.v1")
                let refused = try await n.waitForDeliveries("the refusal", { $0.recipientID = leader.id }) { $0.first?.status == .failed }
                #expect(!refused[0].lastError.isEmpty && refused[0].attempts == 1)
                #expect(smtp.records().count == 1)
            }
        }
    }
}
