import Catalog
import Contracts
import Foundation
import KLTesting
import Messaging
import PostgresNIO
import RPC
import SeededRandom
import ServiceRuntime
import SwiftProtobuf

// Search over 50,000 knowledge supports through RPC on the local stack: an in-process catalog on
// a scratch schema, the corpus loaded straight into its table, then timed calls one at a time.

let size = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 50_000 : 50_000
let calls = 2_000

struct Query: Sendable {
    let label: String
    let request: Kunskapsloop_Catalog_V1_SearchKnowledgeSupportsRequest
}

let queries: [Query] = [
    Query(label: "word", request: .with { $0.query = "hjärtsvikt" }),
    Query(label: "stemmed", request: .with { $0.query = "reumatisk" }),
    Query(label: "two words", request: .with { $0.query = "diabetes barn" }),
    Query(
        label: "phrase + filter",
        request: .with {
            $0.query = "behandling"
            $0.kinds = [.guideline]
        }),
    Query(
        label: "owner subtree",
        request: .with {
            $0.query = "stroke"
            $0.ownerOrganisationID = "SVR-MELLAN"
            $0.includeDescendants = true
        }),
    Query(label: "typo", request: .with { $0.query = "hjärtsvkit" }),
    Query(label: "no words, by change", request: .with { $0.audiences = [.patients] }),
]

func load(_ database: PostgresClient, schema: String) async throws {
    var rng = SplitMix64(seed: 2026)
    let batch = 2_500
    for start in stride(from: 0, to: size, by: batch) {
        let rows = (start..<min(size, start + batch)).map { Corpus.row($0, &rng) }
        let ids = rows.map { _ in UUID() }
        // Arrays of arrays do not bind; tags and audiences travel joined and are split in SQL.
        try await database.query(
            """
            INSERT INTO \(unescaped: schema).knowledge_supports
                (id, slug, title, summary, kind, audiences, level, owner_organisation_id, status, version, tags,
                 published_on, revised_on, review_due_on, updated_at)
            SELECT id, slug, title, summary, kind, string_to_array(audiences, ','), level, owner, status,
                   CASE WHEN status = 'published' THEN 1 ELSE 0 END, string_to_array(tags, ','),
                   CASE WHEN status = 'published' THEN current_date - (n % 700) END,
                   CASE WHEN status = 'published' THEN current_date - (n % 700) END,
                   CASE WHEN status = 'published' THEN current_date - (n % 700) + 730 END,
                   now() - n * interval '1 minute'
            FROM unnest(\(ids)::uuid[], \(rows.map(\.slug))::text[], \(rows.map(\.title))::text[], \(rows.map(\.summary))::text[],
                        \(rows.map(\.kind))::text[], \(rows.map { $0.audiences.joined(separator: ",") })::text[], \(rows.map(\.level))::text[],
                        \(rows.map(\.owner))::text[], \(rows.map(\.status))::text[], \(rows.map { $0.tags.joined(separator: ",") })::text[],
                        \(Array(start..<(start + rows.count)))::int[])
                AS u(id, slug, title, summary, kind, audiences, level, owner, status, tags, n)
            """, logger: LocalStack.logger)
    }
    // What autovacuum does soon after a bulk load: statistics, and the visibility map that lets
    // counts read the narrow filter index alone.
    try await database.query("VACUUM ANALYZE \(unescaped: schema).knowledge_supports", logger: LocalStack.logger)
    try await database.query("VACUUM ANALYZE \(unescaped: schema).search_documents", logger: LocalStack.logger)
}

func timed(_ body: () async throws -> Void) async rethrows -> Duration {
    let start = ContinuousClock.now
    try await body()
    return ContinuousClock.now - start
}

func ms(_ d: Duration) -> String {
    String(format: "%.2f ms", Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
}

func percentile(_ samples: [Duration], _ p: Double) -> Duration {
    let sorted = samples.sorted()
    return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}

try await withInProcessService({ name, topology in CatalogDefinition.make(name: name, topology: topology, eventPrefix: "\(name).") }) { service in
    let loadTime = try await timed { try await load(service.database, schema: service.name) }
    print("catalog bench: \(size) supports loaded in \(ms(loadTime)) (straight into the table)")
    let client = service.client
    let method = "\(service.name).SearchKnowledgeSupports"
    var perLabel: [String: [Duration]] = [:]
    var all: [Duration] = []
    var hits: [String: Int64] = [:]
    for i in 0..<(calls + 200) {
        let query = queries[i % queries.count]
        var response = Kunskapsloop_Catalog_V1_SearchKnowledgeSupportsResponse()
        let elapsed = try await timed {
            response = try await client.call(
                method, query.request, returning: Kunskapsloop_Catalog_V1_SearchKnowledgeSupportsResponse.self, timeout: .seconds(10))
        }
        guard i >= 200 else { continue }  // warm-up
        all.append(elapsed)
        perLabel[query.label, default: []].append(elapsed)
        hits[query.label] = response.page.totalSize
    }
    var gets: [Duration] = []
    var rng = SplitMix64(seed: 7)
    for i in 0..<(calls + 200) {
        let slug = "bench-\(rng.next(size))"
        let elapsed = try await timed {
            _ = try await client.call(
                "\(service.name).GetKnowledgeSupport", Kunskapsloop_Catalog_V1_GetKnowledgeSupportRequest.with { $0.slug = slug },
                returning: Kunskapsloop_Catalog_V1_GetKnowledgeSupportResponse.self, timeout: .seconds(10))
        }
        if i >= 200 { gets.append(elapsed) }
    }

    let loadAverage = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
    print("\n### Catalog: search over \(size) knowledge supports, through RPC, one caller (load average \(loadAverage))\n")
    print("| benchmark | n | p50 | p99 | target | met? |")
    print("|---|---:|---:|---:|---|:---:|")
    let searchP99 = percentile(all, 0.99)
    print(
        "| search, all query shapes below | \(all.count) | \(ms(percentile(all, 0.5))) | \(ms(searchP99)) | p99 < 20 ms | \(searchP99 < .milliseconds(20) ? "yes" : "no") |"
    )
    for query in queries {
        let samples = perLabel[query.label] ?? []
        print(
            "| · \(query.label) ('\(query.request.query)', \(hits[query.label] ?? 0) hits) | \(samples.count) | \(ms(percentile(samples, 0.5))) | \(ms(percentile(samples, 0.99))) | | |"
        )
    }
    let getP99 = percentile(gets, 0.99)
    print("| get by slug | \(gets.count) | \(ms(percentile(gets, 0.5))) | \(ms(getP99)) | p99 < 5 ms | \(getP99 < .milliseconds(5) ? "yes" : "no") |")
}
