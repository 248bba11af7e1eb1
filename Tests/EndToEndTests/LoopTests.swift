import Contracts
import Foundation
import KLTesting
import Messaging
import Testing

/// The whole loop from outside, as the suite runs in production: the four service executables as
/// processes on the local stack, driven only by `kl`, the Python and C publishers, a real SMTP
/// server and a webhook receiver that verifies signatures with the Standard Webhooks library.
/// Everything it creates has names of its own, so it can run again on the same stack.
@Suite("End to end: the loop through the four service processes", .serialized)
struct LoopTests {
    static let root = LocalStack.root

    static func kl(_ arguments: [String]) async throws -> String {
        let result = try await runProcess(LocalStack.executable("kl"), arguments)
        guard result.status == 0 else { throw LoopFailure("kl \(arguments.joined(separator: " ")): \(result.stderr)") }
        return result.stdout
    }

    static func json(_ arguments: [String]) async throws -> [String: Any] {
        let text = try await kl(arguments + ["--output", "json"])
        return (try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]
    }

    /// Polls `body` until it gives a value (the timeout only bounds how long a broken test hangs).
    static func waitFor<T>(timeout: Duration, _ what: String, _ body: () async throws -> T?) async throws -> T {
        let end = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < end {
            if let value = try await body() { return value }
            try await Task.sleep(for: .milliseconds(250))
        }
        throw LoopFailure("gave up waiting for \(what)")
    }

    @Test func aDropInPatientsAnswersReachesTheLeaderOnceThroughACrashAndEverythingStopsOnSIGTERM() async throws {
        let s = UUID().uuidString.prefix(8).lowercased()
        let unit = "E2E-\(s)"
        let slug = "e2e-\(s)"
        let email = "e2e-\(s)@example.se"
        let secret = "whsec_" + Data((0..<24).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        let logs = FileManager.default.temporaryDirectory.appendingPathComponent("kl-e2e-\(s)")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        try await withTestServer("smtp_server.py") { smtp in
            try await withTestServer("webhook_receiver.py", ["--secret", secret]) { receiver in
                let base = Int.random(in: 20_000..<29_000)
                let settings = [
                    "KL_FEEDBACK_SUMMARY_INTERVAL_SECONDS": "1", "KL_NOTIFICATION_COALESCE_SECONDS": "2",
                    "KL_NOTIFICATION_SMTP_URL": "smtp://127.0.0.1:\(smtp.port)", "KL_NOTIFICATION_RETRY_BASE_SECONDS": "1",
                    "KL_PUBLIC_URL": "http://127.0.0.1:\(base + 2)", "KL_SHUTDOWN_TIMEOUT_SECONDS": "20",
                ]
                let services = try ["catalog", "feedback", "followup", "notification"].enumerated().map { k, name in
                    try ServiceProcess(name, port: base + k, environment: settings, logDirectory: logs)
                }
                defer { for service in services { service.killIfRunning() } }
                for service in services { try await service.ready() }
                let followup = services[2]

                try await withAMQPConnection(user: "admin") { amqp in
                    let tap = try await EventTap(connection: amqp, bindingKey: "#.rejected.v1")
                    try await whileRunning(tap) {
                        // The catalog: a unit of Region Örebro län and a patient's knowledge support.
                        _ = try await Self.kl(["catalog", "org-upsert", "--id", unit, "--name", "Enhet E2E \(s)", "--level", "unit", "--parent", "SE-18"])
                        let file = logs.appendingPathComponent("supports.jsonl")
                        try """
                        {"title": "Leva med hjärtsvikt (e2e \(s))", "slug": "\(slug)", "summary": "Information till dig som har hjärtsvikt.", "kind": "KNOWLEDGE_SUPPORT_KIND_PATIENT_KNOWLEDGE_SUPPORT", "audiences": ["AUDIENCE_PATIENTS"], "level": "ORGANISATION_LEVEL_NATIONAL", "owner_organisation_id": "SE", "programme_area_id": "hjart-karlsjukdomar", "publish": true}
                        """.write(to: file, atomically: true, encoding: .utf8)
                        _ = try await Self.kl(["catalog", "import", file.path, "--actor", "e2e"])
                        let support = try #require(((try await Self.json(["catalog", "get", slug]))["knowledge_support"] as? [String: Any])?["id"] as? String)

                        // The unit's leader: e-mail and a signed webhook, for raised signals.
                        let added = try await Self.json([
                            "notify", "recipient", "add", "--email", email, "--name", "Eva E2E", "--role", "verksamhetschef",
                            "--scope", unit, "--kind", "signal-raised", "--channel", "email", "--channel", "webhook",
                            "--webhook-url", "http://127.0.0.1:\(receiver.port)/ok/\(s)", "--webhook-secret", secret,
                            "--immediate", "--actor", "e2e",
                        ])
                        let recipient = try #require((added["recipient"] as? [String: Any])?["id"] as? String)

                        // Bad input from other systems is refused with the reason, the rest goes on.
                        let bad = try await runProcess(
                            "/usr/bin/python3",
                            [
                                Self.root.appendingPathComponent("clients/python/publish_feedback.py").path,
                                "--slug", slug, "--kind", "rating", "--rating", "9", "--no-validate",
                                "--source-system", "e2e-\(s)",
                            ])
                        #expect(bad.status == 0, "\(bad.stderr)")
                        let badID = bad.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                        let refused = try await tap.first("feedback.rejected.v1", Kunskapsloop_Feedback_V1_FeedbackRejected.self) {
                            $0.originalMessageID == badID
                        }
                        #expect(refused.field == "rating" && !refused.messageSv.isEmpty)

                        // Follow-up learns of the new unit from the catalog's event, on its own time:
                        // a register's rows for it before then are refused as an unknown organisation.
                        _ = try await Self.waitFor(timeout: .seconds(60), "follow-up to know the unit") {
                            let page = try await runProcess(
                                "/usr/bin/curl", ["-fsS", "-o", "/dev/null", "--max-time", "10", "http://127.0.0.1:\(base + 2)/organisations/\(unit)"])
                            return page.status == 0 ? true : nil
                        }
                        let csv = logs.appendingPathComponent("register.csv")
                        _ = try await Self.kl([
                            "followup", "indicator", "define", "e2e-\(s)", "--name", "E2E \(s)", "--value-type", "proportion",
                            "--granularity", "month", "--direction", "higher", "--actor", "e2e",
                        ])
                        try "indicator,organisation,period,numerator,denominator\ne2e-\(s),\(unit),2026-01,40,50\ne2e-\(s),NOWHERE-\(s),2026-01,1,2\n"
                            .write(to: csv, atomically: true, encoding: .utf8)
                        let c = try await runProcess(
                            Self.root.appendingPathComponent("clients/c/build/publish_measurements").path,
                            ["--source-system", "e2e-\(s)", "--batch-id", "e2e-\(s)", csv.path])
                        #expect(c.status == 0, "\(c.stderr)")
                        let rows = try await tap.first("followup.measurements.rejected.v1", Kunskapsloop_Followup_V1_MeasurementsRejected.self) {
                            $0.batchID == "e2e-\(s)"
                        }
                        #expect(
                            rows.acceptedCount == 1 && rows.problems.map(\.measurementIndex) == [1] && rows.problems.map(\.reason) == [.unknownOrganisation])

                        // Thirty weeks of patients' answers, the last ten clearly worse; follow-up
                        // is killed while the summaries arrive and started again.
                        let answers = try await runProcess(
                            "/usr/bin/python3",
                            [
                                Self.root.appendingPathComponent("scripts/demo/feedback_year.py").path,
                                "--slug", slug, "--organisation", unit, "--weeks", "30", "--per-week", "40",
                                "--drop-weeks", "10", "--dropped", "0.2",
                            ])
                        #expect(answers.status == 0, "\(answers.stderr)")
                        let code = "feedback-helpful-week.\(support)"
                        try await eventually(timeout: .seconds(90), "some weeks analysed") {
                            let analysis = try? await Self.json(["followup", "analysis", code, unit])
                            return ((analysis?["analysis"] as? [String: Any])?["points"] as? [Any])?.count ?? 0 >= 5
                        }
                        followup.kill()
                        try followup.start()
                        try await followup.ready()

                        // Once every week is in, the deterioration is found and told once on each channel.
                        try await eventually(timeout: .seconds(120), "all 30 weeks analysed") {
                            let analysis = try? await Self.json(["followup", "analysis", code, unit])
                            return ((analysis?["analysis"] as? [String: Any])?["points"] as? [Any])?.count ?? 0 == 30
                        }
                        let signal = try await Self.waitFor(timeout: .seconds(120), "the deterioration signal") { () -> String? in
                            let list = try await Self.json(["followup", "signals", "--indicator", code, "--organisation", unit, "--open"])
                            let found = (list["signals"] as? [[String: Any]] ?? []).first { "\($0["direction"] ?? "")".contains("DETERIORATION") }
                            return found?["id"] as? String
                        }
                        let deliveries = try await Self.waitFor(timeout: .seconds(60), "the signal delivered by e-mail and webhook") { () -> [[String: Any]]? in
                            let list =
                                try await Self.json(["notify", "deliveries", "--subject", signal, "--recipient", recipient])["deliveries"]
                                as? [[String: Any]] ?? []
                            return list.filter { "\($0["status"] ?? "")".contains("DELIVERED") }.count == 2 ? list : nil
                        }
                        let channels = deliveries.filter { "\($0["status"] ?? "")".contains("DELIVERED") }.map { "\($0["channel"] ?? "")" }.sorted()
                        #expect(channels == ["CHANNEL_EMAIL", "CHANNEL_WEBHOOK"], "\(deliveries)")
                        let posts = receiver.records().filter { "\($0["body"] ?? "")".contains(signal) }  // the parsed JSON body
                        #expect(posts.count == 1 && posts.allSatisfy { $0["verified"] as? Bool == true }, "\(posts)")
                        // Visible as metrics: the notification process counts what it delivered, per channel.
                        let metrics = try await runProcess("/usr/bin/curl", ["-fsS", "--max-time", "10", "http://127.0.0.1:\(base + 3)/metrics"])
                        for channel in ["email", "webhook"] {
                            let line = metrics.stdout.split(separator: "\n").first {
                                $0.hasPrefix("kl_notification_deliveries_total") && $0.contains("\"\(channel)\"") && $0.contains("\"delivered\"")
                            }
                            #expect((line?.split(separator: " ").last.flatMap { Double($0) } ?? 0) >= 1, "\(channel): \(line ?? "no line")")
                        }
                        // In Swedish, with a link to the leader's page that serves it.
                        let body = try #require(posts.first?["body"] as? [String: Any])
                        #expect((body["body"] as? String ?? "").contains("Andel som fick hjälp av informationen"))
                        let link = "http://127.0.0.1:\(base + 2)/indicators/\(code)/\(unit)"
                        #expect((body["body"] as? String ?? "").contains(link))
                        let page = try await runProcess("/usr/bin/curl", ["-fsS", "--max-time", "10", link])
                        #expect(page.status == 0 && page.stdout.contains("Enhet E2E \(s)") && page.stdout.contains("Försämring"))
                        // One e-mail per dispatch: other signals' messages may still be on their way, so
                        // the two counts are compared once they agree or the wait runs out (a second
                        // e-mail for one dispatch would keep them apart).
                        let counts = try await Self.waitFor(timeout: .seconds(60), "as many e-mails as e-mail dispatches") { () -> (Int, Int)? in
                            let mails = smtp.records().filter { ($0["rcpt_tos"] as? [String] ?? []).contains(email) }
                            let told =
                                try await Self.json(["notify", "deliveries", "--recipient", recipient, "--channel", "email"])["deliveries"]
                                as? [[String: Any]] ?? []
                            let dispatches = Set(told.filter { "\($0["status"] ?? "")".contains("DELIVERED") }.compactMap { $0["dispatch_id"] as? String })
                            let unsettled = told.contains { "\($0["status"] ?? "")".contains("PENDING") || "\($0["status"] ?? "")".contains("SENDING") }
                            return !unsettled && mails.count == dispatches.count ? (mails.count, dispatches.count) : nil
                        }
                        #expect(counts.0 >= 1, "e-mails for the recipient: \(counts.0)")
                        let mails = smtp.records().filter { ($0["rcpt_tos"] as? [String] ?? []).contains(email) }
                        #expect(mails.allSatisfy { ($0["data"] as? String ?? "").contains("Subject:") })
                    }
                }
                // SIGTERM: each process drains and exits by itself.
                for service in services {
                    let status = try await service.terminate()
                    #expect(status == 0, "\(service.name) exited with \(status); see \(service.log.path)")
                }
            }
        }
    }
}

struct LoopFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
