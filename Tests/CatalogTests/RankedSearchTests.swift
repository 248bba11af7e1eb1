import Contracts
import Foundation
import KLTesting
import PostgresNIO
import SwiftProtobuf
import Testing

/// One-word searches read ranked postings (migration 0106); totals above 1,000 are estimates.
@Suite("Catalog: one-word searches from ranked postings, and estimated totals")
struct RankedSearchTests {
    /// The postings must give what ranking every match gives: the same supports in the same
    /// order (rank, then id), with the same ranks, page after page, with and without filters,
    /// and must follow a support whose words change.
    @Test func oneWordPagesMatchRankingEveryMatch() async throws {
        try await withCatalog { catalog in
            // Ranks that differ (title, tags, summary, repeats) and tie (identical placements).
            for i in 0..<14 {
                _ = try await catalog.createPublished(
                    CatalogUnderTest.draft(i % 3 == 0 ? "Astma hos barn \(i)" : "Luftvägar \(i)", kind: i % 2 == 0 ? .guideline : .carePathway) {
                        $0.summary = String(repeating: "astma och andning ", count: i % 4 + (i % 3 == 0 ? 0 : 1))
                        if i % 5 == 0 { $0.tags = ["astma"] }
                    })
            }
            _ = try await catalog.create(CatalogUnderTest.draft("Astma, utkast"))  // drafts are not searched
            let changing = try await catalog.createPublished(CatalogUnderTest.draft("Astmaskola"))

            func paged(_ tweak: @escaping (inout Search) -> Void) async throws -> [(String, Double)] {
                var hits: [(String, Double)] = []
                var token = ""
                repeat {
                    let page = try await catalog.search {
                        tweak(&$0)
                        $0.page.pageSize = 4
                        $0.page.pageToken = token
                    }
                    hits += page.hits.map { ($0.knowledgeSupport.id, $0.rank) }
                    token = page.page.nextPageToken
                } while !token.isEmpty
                return hits
            }
            func everyMatchRanked(_ words: String, kind: String? = nil) async throws -> [(String, Double)] {
                let rows = try await catalog.database.query(
                    """
                    SELECT k.id, ts_rank(k.search, q) AS rank
                    FROM \(unescaped: catalog.service).search_documents k, websearch_to_tsquery('swedish', \(words)) q
                    WHERE k.search @@ q AND k.status IN ('published', 'under_review') AND (\(kind)::text IS NULL OR k.kind = \(kind))
                    ORDER BY rank DESC, k.id
                    """, logger: LocalStack.logger)
                var ranked: [(String, Double)] = []
                for try await (id, rank) in rows.decode((UUID, Float).self) { ranked.append((id.uuidString.lowercased(), Double(rank))) }
                return ranked
            }
            func expectSame(_ got: [(String, Double)], _ want: [(String, Double)], _ what: String) {
                #expect(got.map(\.0) == want.map(\.0), "\(what): the same supports in the same order")
                #expect(got.map(\.1) == want.map(\.1), "\(what): the same ranks")
            }

            let all = try await everyMatchRanked("astma")
            #expect(all.count == 14 && Set(all.map(\.1)).count > 3, "the fixture has several ranks and ties: \(all.map(\.1))")
            expectSame(try await paged { $0.query = "astma" }, all, "astma")
            expectSame(
                try await paged {
                    $0.query = "astma"
                    $0.kinds = [.guideline]
                }, try await everyMatchRanked("astma", kind: "guideline"),
                "astma among guidelines")

            // A revision that drops the word and brings another one rewrites the support's postings.
            _ = try await catalog.call(
                "StartRevision", Kunskapsloop_Catalog_V1_StartRevisionRequest.with { $0.id = changing.id },
                returning: Kunskapsloop_Catalog_V1_StartRevisionResponse.self)
            _ = try await catalog.call(
                "UpdateDraft",
                Kunskapsloop_Catalog_V1_UpdateDraftRequest.with {
                    $0.id = changing.id
                    $0.draft = CatalogUnderTest.draft("Allergiskola")
                    $0.updateMask.paths = ["title", "summary"]
                }, returning: Kunskapsloop_Catalog_V1_UpdateDraftResponse.self)
            _ = try await catalog.publish(changing.id, note: "Now about allergies")
            let allergy = try await paged { $0.query = "allergiskola" }
            #expect(allergy.map(\.0) == [changing.id])
            expectSame(allergy, try await everyMatchRanked("allergiskola"), "the new word")
            #expect(try await paged { $0.query = "astmaskola" }.isEmpty, "the old word no longer finds it")
        }
    }

    /// Past 1,000 matches the total is the planner's estimate, flagged; a filter that brings the
    /// matches under the limit counts them exactly again.
    @Test func largeTotalsAreEstimatedAndSmallOnesCounted() async throws {
        try await withCatalog { catalog in
            // 2,400 published supports straight into the table (through RPC this would take minutes).
            try await catalog.database.query(
                """
                INSERT INTO \(unescaped: catalog.service).knowledge_supports
                    (id, slug, title, summary, kind, audiences, level, owner_organisation_id, status, version,
                     published_on, revised_on, review_due_on)
                SELECT gen_random_uuid(), 'kol-' || n, 'KOL, del ' || n, 'Om kroniskt obstruktiv lungsjukdom.',
                       CASE WHEN n % 8 = 0 THEN 'method' ELSE 'care_pathway' END, '{professionals}', 'national', 'SE',
                       'published', 1, current_date, current_date, current_date + 730
                FROM generate_series(1, 2400) AS n
                """, logger: LocalStack.logger)
            try await catalog.database.query("ANALYZE \(unescaped: catalog.service).search_documents", logger: LocalStack.logger)

            let broad = try await catalog.search { $0.query = "kol" }
            #expect(broad.page.totalSizeIsEstimate, "2,400 matches: estimated")
            #expect(broad.page.totalSize > 1_000 && broad.page.totalSize < 4_800, "near 2,400: \(broad.page.totalSize)")

            let narrow = try await catalog.search {
                $0.query = "kol"
                $0.kinds = [.method]
            }
            #expect(!narrow.page.totalSizeIsEstimate && narrow.page.totalSize == 300, "300 methods: counted")

            let listed = try await catalog.search { $0.kinds = [.method] }
            #expect(!listed.page.totalSizeIsEstimate && listed.page.totalSize == 300, "without words too")

            // An owner's subtree is a list of terms the planner can estimate (a subquery it
            // could not: it guessed 1 % and the total came out as 1,001).
            let national = try await catalog.search {
                $0.query = "kol"
                $0.ownerOrganisationID = "SE"
                $0.includeDescendants = true
            }
            #expect(
                national.page.totalSizeIsEstimate && national.page.totalSize >= 1_200 && national.page.totalSize < 4_800,
                "near 2,400: \(national.page.totalSize)")
            let methods = try await catalog.search {
                $0.kinds = [.method]
                $0.ownerOrganisationID = "SE"
                $0.includeDescendants = true
            }
            #expect(!methods.page.totalSizeIsEstimate && methods.page.totalSize == 300)
        }
    }
}
