import ArgumentParser
import Contracts
import Foundation
import SwiftProtobuf

extension CatalogCommand {
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load knowledge supports in bulk from a JSON Lines file.",
            discussion: """
                One support per line: a KnowledgeSupportDraft in protobuf JSON, optionally with "publish": true, e.g.
                {"title": "Hjärtsvikt – vårdförlopp", "kind": "KNOWLEDGE_SUPPORT_KIND_CARE_PATHWAY", "audiences": ["AUDIENCE_PROFESSIONALS"], "level": "ORGANISATION_LEVEL_NATIONAL", "owner_organisation_id": "SE", "publish": true}
                A new slug creates a draft; a known slug updates it. Blank lines and lines starting with # are skipped.
                Bad rows are reported with their line and reason and the good rows load; with --atomic nothing loads unless every row is good.
                """)
        @OptionGroup var options: GlobalOptions
        @OptionGroup var actor: ActorOption
        @Argument(help: "The file ('-' reads standard input).") var file: String
        @Flag(help: "All rows or none.") var atomic = false
        @Flag(help: "Check and report; change nothing.") var dryRun = false
        @Flag(help: "Publish every row (as if each had \"publish\": true).") var publish = false

        func run() async throws {
            let text: String
            if file == "-" {
                text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            } else {
                guard let data = FileManager.default.contents(atPath: file) else { Invocation.fail("cannot read \(file)") }
                text = String(decoding: data, as: UTF8.self)
            }
            var (rows, failures) = ImportFile.parse(text)
            if publish { for i in rows.indices { rows[i].publish = true } }
            let limit = 5000
            if atomic && !failures.isEmpty {
                print(ImportFile.table(failures, applied: false).rendered)
                Invocation.fail("nothing loaded: \(failures.count) line(s) could not be read and --atomic asks for all or none")
            }
            if atomic && rows.count > limit { Invocation.fail("an atomic import takes at most \(limit) rows; this file has \(rows.count)") }
            var combined = Kunskapsloop_Catalog_V1_ImportKnowledgeSupportsResponse()
            combined.applied = !dryRun
            for start in stride(from: 0, to: rows.count, by: limit) {
                let chunk = Array(rows[start..<min(rows.count, start + limit)])
                let response = try await Invocation.call(
                    options, "catalog.ImportKnowledgeSupports",
                    Kunskapsloop_Catalog_V1_ImportKnowledgeSupportsRequest.with {
                        $0.rows = chunk
                        $0.atomic = atomic
                        $0.dryRun = dryRun
                        $0.actor = actor.actor
                    }, returning: Kunskapsloop_Catalog_V1_ImportKnowledgeSupportsResponse.self)
                combined.results += response.results.map { result in
                    var shifted = result
                    shifted.rowIndex += Int32(start)
                    return shifted
                }
                combined.applied = combined.applied && response.applied
                combined.createdCount += response.createdCount
                combined.updatedCount += response.updatedCount
                combined.failedCount += response.failedCount
            }
            combined.results = (combined.results + failures).sorted { $0.line < $1.line }
            combined.failedCount += Int32(failures.count)
            let summary = combined
            try print(Invocation.render(summary, options) { ImportFile.table($0.results, applied: $0.applied) })
            if summary.failedCount > 0 { throw ExitCode(1) }
        }
    }
}

/// Reading an import file and reporting its rows.
enum ImportFile {
    /// The rows, and a failed result for each line that is not a draft.
    static func parse(_ text: String) -> ([Kunskapsloop_Catalog_V1_ImportRow], [Kunskapsloop_Catalog_V1_ImportRowResult]) {
        var rows: [Kunskapsloop_Catalog_V1_ImportRow] = []
        var failures: [Kunskapsloop_Catalog_V1_ImportRowResult] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            do {
                guard var object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else {
                    throw CLIError("the line is not a JSON object")
                }
                let publish = object.removeValue(forKey: "publish") as? Bool ?? false
                let json = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
                let draft = try Kunskapsloop_Catalog_V1_KnowledgeSupportDraft(jsonString: json)
                rows.append(
                    .with {
                        $0.line = Int32(index + 1)
                        $0.draft = draft
                        $0.publish = publish
                    })
            } catch {
                failures.append(
                    .with {
                        $0.rowIndex = -1
                        $0.line = Int32(index + 1)
                        $0.outcome = .failed
                        $0.reason = error is CLIError ? "\(error)" : "not a knowledge-support draft: \(error)"
                    })
            }
        }
        return (rows, failures)
    }

    static func table(_ results: [Kunskapsloop_Catalog_V1_ImportRowResult], applied: Bool) -> TextTable {
        let names: [Kunskapsloop_Catalog_V1_ImportOutcome: String] = [
            .created: "created", .updated: "updated", .unchanged: "unchanged", .failed: "FAILED", .skipped: "skipped",
        ]
        let counts = Dictionary(grouping: results, by: \.outcome).mapValues(\.count)
        let summary = [Kunskapsloop_Catalog_V1_ImportOutcome.created, .updated, .unchanged, .skipped, .failed]
            .compactMap { outcome in counts[outcome].map { "\($0) \(names[outcome]!.lowercased())" } }
        return TextTable(
            headers: ["LINE", "OUTCOME", "ID", "FIELD", "REASON"],
            rows: results.map { ["\($0.line)", names[$0.outcome] ?? "-", $0.knowledgeSupportID, $0.field, $0.reason] },
            footer: summary.joined(separator: ", ") + (applied ? "" : " (nothing was changed)"))
    }
}
