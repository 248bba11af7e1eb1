import Foundation
import KLTesting
import Testing

/// The real `catalog-service` executable (schema `catalog`, queue `catalog.rpc`), driven by the
/// real `kl` as an editor would. No other test uses that schema or queue.
@Suite("Catalog: the executable driven by `kl catalog`")
struct CommandLineTests {
    static func kl(_ arguments: [String]) async throws -> ProcessOutput {
        try await runProcess(LocalStack.executable("kl"), arguments)
    }

    @Test func editorWorkflowThroughTheCommandLine() async throws {
        let port = Int.random(in: 30_000..<40_000)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: LocalStack.executable("catalog-service"))
        var environment = ProcessInfo.processInfo.environment
        environment["KL_HTTP_PORT"] = "\(port)"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        try await eventually(timeout: .seconds(60), "the catalog service to be ready") {
            try await runProcess("/usr/bin/curl", ["-fsS", "http://127.0.0.1:\(port)/readyz"]).status == 0
        }

        // A word of letters only, new on every run (the `catalog` schema keeps earlier runs' rows).
        let word =
            "testord"
            + String(
                UUID().uuidString.lowercased().filter(\.isHexDigit).prefix(12).map { c in
                    Character(UnicodeScalar(UInt8(ascii: "g") + UInt8(c.hexDigitValue!)))
                })
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(word).jsonl")
        try """
        # two good rows and a bad one
        {"title": "Astma \(word)", "kind": "KNOWLEDGE_SUPPORT_KIND_CARE_PATHWAY", "audiences": ["AUDIENCE_PROFESSIONALS"], "level": "ORGANISATION_LEVEL_NATIONAL", "owner_organisation_id": "SE", "tags": ["\(word)"]}
        {"title": "KOL \(word)", "kind": "KNOWLEDGE_SUPPORT_KIND_GUIDELINE", "audiences": ["AUDIENCE_PROFESSIONALS"], "level": "ORGANISATION_LEVEL_NATIONAL", "owner_organisation_id": "SE-404"}
        {"title": "Leva med astma \(word)", "kind": "KNOWLEDGE_SUPPORT_KIND_PATIENT_KNOWLEDGE_SUPPORT", "audiences": ["AUDIENCE_PATIENTS"], "level": "ORGANISATION_LEVEL_NATIONAL", "owner_organisation_id": "SE"}
        """.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }

        let atomic = try await Self.kl(["catalog", "import", file.path, "--atomic", "--publish"])
        #expect(atomic.status == 1)
        #expect(atomic.stdout.contains("(nothing was changed)") && atomic.stdout.contains("SE-404"), "\(atomic.stdout)")
        let loaded = try await Self.kl(["catalog", "import", file.path, "--publish"])
        #expect(loaded.status == 1, "a failed row makes the exit status 1")
        let lines = loaded.stdout.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("3 ") && $0.contains("FAILED") && $0.contains("owner_organisation_id") }, "\(loaded.stdout)")
        #expect(lines.contains { $0.hasPrefix("2 ") && $0.contains("created") })
        #expect(loaded.stdout.contains("2 created, 1 failed"))

        let search = try await Self.kl(["catalog", "search", word, "--output", "json"])
        #expect(search.status == 0, "\(search.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [String: Any])
        let hits = try #require(json["hits"] as? [[String: Any]])
        #expect(hits.count == 2)

        let slug = "astma-\(word)"
        let shown = try await Self.kl(["catalog", "get", slug])
        #expect(shown.stdout.contains("published (version 1)"), "\(shown.stdout)")
        let id = try #require(shown.stdout.split(separator: "\n").first { $0.hasPrefix("id ") }?.split(separator: " ").last.map(String.init))

        let unit = try await Self.kl(["catalog", "org-upsert", "--name", "Vårdcentralen \(word)", "--parent", "SE-03", "--output", "json"])
        let unitJSON = try #require(try JSONSerialization.jsonObject(with: Data(unit.stdout.utf8)) as? [String: Any])
        let unitID = try #require((unitJSON["organisation"] as? [String: Any])?["id"] as? String)
        let adopted = try await Self.kl(["catalog", "adopt", id, unitID, "--status", "adopted"])
        #expect(adopted.status == 0, "\(adopted.stderr)")
        let region = try await Self.kl(["catalog", "adoptions", "SE-03", "--descendants", "--support", id])
        #expect(region.stdout.contains("Vårdcentralen \(word)") && region.stdout.contains("adopted 1,"), "\(region.stdout)")

        let refused = try await Self.kl(["catalog", "publish", id])
        #expect(refused.status == 1)
        #expect(refused.stderr == "kl: FAILED_PRECONDITION: cannot publish a support that is published\n", "one line naming the state")
        let badEnum = try await Self.kl(["catalog", "search", "--kind", "recipe"])
        #expect(badEnum.status != 0 && badEnum.stderr.contains("care-pathway"), "wrong values name the right ones")
    }

    @Test func aBadCatalogSettingStopsTheServiceWithOneLine() async throws {
        var environment = ProcessInfo.processInfo.environment
        environment["KL_CATALOG_REVIEW_WINDOW_DAYS"] = "a month"
        let result = try await runProcess(LocalStack.executable("catalog-service"), [], environment: environment)
        #expect(result.status == 2)
        #expect(result.stderr == "catalog-service: KL_CATALOG_REVIEW_WINDOW_DAYS: 'a month' is not a whole number in 0…3650\n")
    }
}
