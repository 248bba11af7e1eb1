import Foundation
import KLTesting
import Testing

/// The real `kl` executable against a service of the test's own (`KL_FOLLOWUP_SERVICE` names its
/// routing prefix), as a register operator and a leader would use it.
@Suite("kl followup: indicators, report, import, analysis, compare, signals, assessments")
struct CommandLineTests {
    static func kl(_ service: String, _ arguments: [String]) async throws -> ProcessOutput {
        var environment = ProcessInfo.processInfo.environment
        environment["KL_FOLLOWUP_SERVICE"] = service
        environment["KL_AMQP_URL"] = LocalStack.amqpURL(user: "kl")
        return try await runProcess(LocalStack.executable("kl"), ["followup"] + arguments + ["--timeout", "30"], environment: environment)
    }

    @Test func aWrongLogLevelIsRefusedInOneLineBeforeAnythingIsSent() async throws {
        var environment = ProcessInfo.processInfo.environment
        environment["KL_LOG_LEVEL"] = "loud"
        environment["KL_AMQP_URL"] = LocalStack.amqpURL(user: "kl")
        let refused = try await runProcess(LocalStack.executable("kl"), ["followup", "signals", "--timeout", "5"], environment: environment)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("KL_LOG_LEVEL 'loud' is not one of trace, debug, info"), "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
    }

    @Test func aRegisterAndALeaderAtTheCommandLine() async throws {
        try await withFollowUp { f in
            try await f.smallTree()
            let kl = { (arguments: [String]) in try await Self.kl(f.service, arguments) }
            let defined = try await kl([
                "indicator", "define", "hjartsvikt-30d", "--name", "Andel med uppföljning inom 30 dagar",
                "--value-type", "proportion", "--granularity", "month", "--direction", "higher", "--target", "0.9",
                "--source", "RiksSvikt", "--stratum", "kon:Kön=kvinnor:Kvinnor,man:Män;gap=man",
            ])
            #expect(defined.status == 0, "\(defined.stderr)")
            #expect(defined.stdout.contains("hjartsvikt-30d") && defined.stdout.contains("p "), "\(defined.stdout)")
            let bad = try await kl(["indicator", "define", "X", "--name", "x", "--value-type", "proportion", "--granularity", "month"])
            #expect(bad.status == 1 && bad.stderr.contains("indicator.code"), "\(bad.stderr)")

            let reported = try await kl(["report", "hjartsvikt-30d", "u11", "2024-01", "--numerator", "42", "--denominator", "50"])
            #expect(reported.status == 0 && reported.stdout.contains("1"), "\(reported.stderr)\(reported.stdout)")

            let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(f.service).csv")
            var csv = "# RiksSvikt export\nindikator;enhet;period;täljare;nämnare;stratum\n"
            for k in 1..<12 { csv += "hjartsvikt-30d;u11;2024-\(String(format: "%02d", k + 1));\(40 + k % 3);50;\n" }
            csv += "hjartsvikt-30d;u11;2024-13;1;2;\n"  // line 14: no month 13
            csv += "hjartsvikt-30d;u99;2024-05;1;2;\n"  // line 15: unknown organisation
            csv += "hjartsvikt-30d;u11;2024-05;30;25;kon:kvinnor\n"  // line 16: numerator above denominator
            csv += "hjartsvikt-30d;u12;2024-05;20;25;kon:kvinnor\n"  // line 17: good
            try csv.write(to: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: file) }
            let imported = try await kl(["import", file.path, "--source", "RiksSvikt"])
            #expect(imported.status == 1, "a bad line makes the exit status 1")
            let lines = imported.stdout.split(separator: "\n")
            #expect(lines.contains { $0.hasPrefix("14 ") && $0.contains("FAILED") && $0.contains("month 13") }, "\(imported.stdout)")
            #expect(lines.contains { $0.hasPrefix("15 ") && $0.contains("organisation_id") }, "\(imported.stdout)")
            #expect(lines.contains { $0.hasPrefix("16 ") && $0.contains("ratio.numerator") }, "\(imported.stdout)")
            #expect(imported.stdout.contains("12 stored, 3 failed"), "\(imported.stdout)")
            let again = try await kl(["import", file.path, "--source", "RiksSvikt"])
            #expect(again.stdout.contains("imported before"), "\(again.stdout)")

            let analysis = try await kl(["analysis", "hjartsvikt-30d", "u11"])
            #expect(analysis.status == 0, "\(analysis.stderr)")
            #expect(
                analysis.stdout.contains("2024-12") && analysis.stdout.contains("/indicators/hjartsvikt-30d/u11") && analysis.stdout.contains("Anhøj"),
                "\(analysis.stdout)")
            let json = try await kl(["analysis", "hjartsvikt-30d", "R1", "--output", "json"])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let points = try #require((object["analysis"] as? [String: Any])?["points"] as? [[String: Any]])
            #expect(points.count == 12 && (points[0]["origin"] as? String) == "VALUE_ORIGIN_AGGREGATED")

            let compared = try await kl(["compare", "hjartsvikt-30d", "--parent", "R1", "--level", "unit"])
            #expect(compared.status == 0 && compared.stdout.contains("u11") && compared.stdout.contains("φ"), "\(compared.stderr)\(compared.stdout)")
            let signals = try await kl(["signals", "--indicator", "hjartsvikt-30d"])
            #expect(signals.status == 0 && signals.stdout.contains("in all"), "\(signals.stderr)")

            let created = try await kl(["assessment", "create", "R1", "--output", "json"])
            let assessment = try #require(
                (try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any])?["assessment"] as? [String: Any])
            let id = try #require(assessment["id"] as? String)
            let fill = try await kl([
                "assessment", "fill", id, "styrgrupp", "--current", "Ingen styrgrupp", "--next", "Bilda en styrgrupp",
                "--responsible", "anna@region.se", "--due", "2030-06-30",
            ])
            #expect(fill.status == 0 && fill.stdout.contains("Bilda en styrgrupp") && fill.stdout.contains("2030-06-30"), "\(fill.stderr)\(fill.stdout)")
            let listed = try await kl(["assessment", "list", "--organisation", "SE", "--descendants", "--open"])
            #expect(listed.stdout.contains(id), "\(listed.stdout)")
            let done = try await kl(["assessment", "done", id, "styrgrupp"])
            #expect(done.status == 0 && done.stdout.contains("done"), "\(done.stderr)\(done.stdout)")
        }
    }
}
