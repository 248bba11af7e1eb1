import Contracts
import Foundation
import KLTesting
import RPC
import SwiftProtobuf
import Testing

@Suite("Catalog: Swedish search with filters and stable paging")
struct SearchTests {
    @Test func stemmingTyposFiltersAndRanking() async throws {
        try await withCatalog { catalog in
            let reuma = try await catalog.createPublished(
                CatalogUnderTest.draft("Reumatiska sjukdomar – vårdprogram", kind: .careProgramme) {
                    $0.programmeAreaID = "reumatiska-sjukdomar"
                    $0.tags = ["ledvärk"]
                })
            let heart = try await catalog.createPublished(CatalogUnderTest.draft("Hjärtsvikt – vårdförlopp") { $0.audiences = [.professionals, .patients] })
            let heartInSummary = try await catalog.createPublished(
                CatalogUnderTest.draft("Fysisk aktivitet på recept", kind: .method) {
                    $0.summary = "Metoden används bland annat vid hjärtsvikt och diabetes."
                })
            let regional = try await catalog.createPublished(
                CatalogUnderTest.draft("Hjärtsvikt i Uppsala") {
                    $0.level = .region
                    $0.ownerOrganisationID = "SE-03"
                })
            let draftOnly = try await catalog.create(CatalogUnderTest.draft("Hjärtsviktsskola"))

            let stemmed = try await catalog.search { $0.query = "reumatisk" }
            #expect(stemmed.hits.map(\.knowledgeSupport.id) == [reuma.id], "Swedish stemming: reumatisk finds reumatiska")
            #expect(stemmed.hits[0].highlights.contains { $0.contains("<mark>Reumatiska</mark>") })

            let ranked = try await catalog.search { $0.query = "hjärtsvikt" }
            #expect(Set(ranked.hits.map(\.knowledgeSupport.id)) == [heart.id, heartInSummary.id, regional.id], "drafts are not searched by default")
            #expect(ranked.hits.last?.knowledgeSupport.id == heartInSummary.id, "a title match outranks a summary match")
            #expect(ranked.page.totalSize == 3)

            let typo = try await catalog.search { $0.query = "hjärtsvkit" }
            #expect(typo.hits.contains { $0.knowledgeSupport.id == heart.id }, "a typo still finds it")
            #expect(
                typo.hits.first { $0.knowledgeSupport.id == heart.id }?.highlights.contains { $0.contains("<mark>Hjärtsvikt</mark>") } == true,
                "searched as the corrected word, so the match is highlighted")
            let typoInSummary = try await catalog.search { $0.query = "diabets" }
            #expect(typoInSummary.hits.map(\.knowledgeSupport.id) == [heartInSummary.id], "corrected from the words of summaries too")
            let nothing = try await catalog.search { $0.query = "tandvård" }
            #expect(nothing.hits.isEmpty && nothing.page.totalSize == 0)

            #expect(
                try await catalog.search {
                    $0.query = "hjärtsvikt"
                    $0.kinds = [.method]
                }.hits.map(\.knowledgeSupport.id) == [heartInSummary.id])
            #expect(
                try await catalog.search {
                    $0.query = "hjärtsvikt"
                    $0.audiences = [.patients]
                }.hits.map(\.knowledgeSupport.id) == [heart.id])
            #expect(try await catalog.search { $0.levels = [.region] }.hits.map(\.knowledgeSupport.id) == [regional.id])
            #expect(try await catalog.search { $0.programmeAreaIds = ["reumatiska-sjukdomar"] }.hits.map(\.knowledgeSupport.id) == [reuma.id])
            #expect(try await catalog.search { $0.statuses = [.draft] }.hits.map(\.knowledgeSupport.id) == [draftOnly.id])

            // Owner filter with descendants: the healthcare region finds what its region owns.
            let direct = try await catalog.search { $0.ownerOrganisationID = "SVR-MELLAN" }
            #expect(direct.hits.isEmpty)
            let deep = try await catalog.search {
                $0.ownerOrganisationID = "SVR-MELLAN"
                $0.includeDescendants = true
            }
            #expect(deep.hits.map(\.knowledgeSupport.id) == [regional.id])

            let unknownOwner = try await expectFailure(.notFound) { _ = try await catalog.search { $0.ownerOrganisationID = "SE-99" } }
            #expect(unknownOwner.field == "owner_organisation_id")

            // Empty query: most recently changed first.
            let recent = try await catalog.search { _ in }
            #expect(recent.hits.first?.knowledgeSupport.id == regional.id && recent.page.totalSize == 4)
        }
    }

    @Test func pagingIsStableAcrossInsertsAndTokensAreBoundToTheirFilters() async throws {
        try await withCatalog { catalog in
            var originals: Set<String> = []
            for i in 0..<7 {
                originals.insert(
                    try await catalog.createPublished(
                        CatalogUnderTest.draft("Diabetes del \(i)") {
                            $0.summary = String(repeating: "diabetes ", count: i + 1)
                        }
                    ).id)
            }
            for sort in [Kunskapsloop_Catalog_V1_SearchSort.relevance, .lastChanged] {
                var seen: [String] = []
                var token = ""
                var inserted = 0
                repeat {
                    let page = try await catalog.search {
                        $0.query = "diabetes"
                        $0.sort = sort
                        $0.page.pageSize = 2
                        $0.page.pageToken = token
                    }
                    seen += page.hits.map(\.knowledgeSupport.id)
                    token = page.page.nextPageToken
                    // New matching supports arrive while the reader pages.
                    if inserted < 2 {
                        _ = try await catalog.createPublished(
                            CatalogUnderTest.draft("Diabetes ny \(sort.rawValue) \(inserted)") {
                                $0.summary = String(repeating: "diabetes ", count: 9)
                            })
                        inserted += 1
                    }
                } while !token.isEmpty
                #expect(Set(seen).count == seen.count, "no support twice (\(sort))")
                #expect(originals.isSubset(of: Set(seen)), "every support that existed before paging began is seen (\(sort))")
            }
            let first = try await catalog.search {
                $0.query = "diabetes"
                $0.page.pageSize = 2
            }
            let misuse = try await expectFailure(.invalidArgument) {
                _ = try await catalog.search {
                    $0.query = "astma"
                    $0.page.pageSize = 2
                    $0.page.pageToken = first.page.nextPageToken
                }
            }
            #expect(misuse.field == "page.page_token")
            try await expectFailure(.invalidArgument) { _ = try await catalog.search { $0.page.pageToken = "not-a-token" } }
        }
    }

    /// A corrected query pages on with the words it was corrected to: a support that makes the
    /// words as typed match (or corrects them differently) between two pages does not change
    /// what page 2 continues.
    @Test func aCorrectedQueryPagesOnWithItsCorrection() async throws {
        try await withCatalog { catalog in
            var all: Set<String> = []
            for i in 0..<5 {
                all.insert(try await catalog.createPublished(CatalogUnderTest.draft("Epilepsi hos vuxna, del \(i)")).id)
            }
            let first = try await catalog.search {
                $0.query = "epilepsj"
                $0.page.pageSize = 2
            }
            #expect(first.hits.count == 2 && first.page.totalSize == 5, "corrected to epilepsi")
            // Now the words as typed match a support of their own.
            _ = try await catalog.createPublished(CatalogUnderTest.draft("Epilepsj – ett stavfel som titel"))
            var seen = first.hits.map(\.knowledgeSupport.id)
            var token = first.page.nextPageToken
            while !token.isEmpty {
                let page = try await catalog.search {
                    $0.query = "epilepsj"
                    $0.page.pageSize = 2
                    $0.page.pageToken = token
                }
                #expect(page.page.totalSize == 5, "the total of the corrected words")
                seen += page.hits.map(\.knowledgeSupport.id)
                token = page.page.nextPageToken
            }
            #expect(seen.count == 5 && Set(seen) == all, "every page from the same corrected query")
        }
    }

    /// A search that counts on a second connection must not hold its first while it waits for
    /// that one: with as many callers as the RPC server takes at once (more than the pool has
    /// connections), every connection would be held by a search waiting for another.
    @Test func concurrentSearchesDoNotExhaustTheConnectionPool() async throws {
        try await withCatalog { catalog in
            _ = try await catalog.createPublished(CatalogUnderTest.draft("Astma hos barn"))
            let totals = try await withThrowingTaskGroup(of: Int64.self) { group in
                for i in 0..<48 {
                    group.addTask {
                        try await catalog.search { if i.isMultiple(of: 2) { $0.query = "astma" } }.page.totalSize
                    }
                }
                return try await group.reduce(into: [Int64]()) { $0.append($1) }
            }
            #expect(totals.count == 48 && totals.allSatisfy { $0 == 1 })
        }
    }
}
