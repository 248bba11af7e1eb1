import Contracts
import Foundation
import KLTesting
import RPC
import SwiftProtobuf
import Testing

@Suite("Catalog: bulk import")
struct ImportTests {
    typealias Import = Kunskapsloop_Catalog_V1_ImportKnowledgeSupportsRequest
    typealias ImportResponse = Kunskapsloop_Catalog_V1_ImportKnowledgeSupportsResponse

    static func rows() -> [Kunskapsloop_Catalog_V1_ImportRow] {
        [
            .with {
                $0.line = 1
                $0.draft = CatalogUnderTest.draft("Psoriasis – vårdförlopp")
                $0.publish = true
            },
            .with {
                $0.line = 2
                $0.draft = CatalogUnderTest.draft("")
            },
            .with {
                $0.line = 3
                $0.draft = CatalogUnderTest.draft("Gikt – behandlingsstöd", kind: .treatmentSupport)
            },
            .with {
                $0.line = 4
                $0.draft = CatalogUnderTest.draft("Okänd ägare") { $0.ownerOrganisationID = "SE-77" }
            },
        ]
    }

    @Test func goodRowsLoadAndBadRowsAreReportedWithTheirLine() async throws {
        try await withCatalog { catalog in
            let response = try await catalog.call(
                "ImportKnowledgeSupports",
                Import.with {
                    $0.rows = Self.rows()
                    $0.actor = "import"
                }, returning: ImportResponse.self)
            #expect(response.applied)
            #expect(response.results.map(\.outcome) == [.created, .failed, .created, .failed])
            #expect(response.results[1].line == 2 && response.results[1].field == "title")
            #expect(response.results[3].line == 4 && response.results[3].field == "owner_organisation_id" && response.results[3].reason.contains("SE-77"))
            #expect(response.createdCount == 2 && response.failedCount == 2)
            let psoriasis = try await catalog.get(response.results[0].knowledgeSupportID).knowledgeSupport
            #expect(psoriasis.status == .published)
            _ = try await catalog.events.first("catalog.knowledge_support.published.v1", Kunskapsloop_Catalog_V1_KnowledgeSupportPublished.self) {
                $0.knowledgeSupport.id == psoriasis.id
            }

            // The same file again changes nothing; a changed row of a published support opens a revision.
            var again = Self.rows()
            again.removeAll { $0.line == 2 || $0.line == 4 }
            let second = try await catalog.call("ImportKnowledgeSupports", Import.with { $0.rows = again }, returning: ImportResponse.self)
            #expect(second.results.map(\.outcome) == [.unchanged, .unchanged])
            again[0].draft.summary = "Ny sammanfattning."
            again[0].publish = false
            let third = try await catalog.call("ImportKnowledgeSupports", Import.with { $0.rows = again }, returning: ImportResponse.self)
            #expect(third.results.map(\.outcome) == [.updated, .unchanged])
            let revised = try await catalog.get(psoriasis.id).knowledgeSupport
            #expect(revised.status == .underReview && revised.summary == "Ny sammanfattning.")
        }
    }

    @Test func atomicImportLoadsNothingWhenOneRowIsBadAndDryRunsChangeNothing() async throws {
        try await withCatalog { catalog in
            let atomic = try await catalog.call(
                "ImportKnowledgeSupports",
                Import.with {
                    $0.rows = Self.rows()
                    $0.atomic = true
                }, returning: ImportResponse.self)
            #expect(!atomic.applied)
            #expect(atomic.results.map(\.outcome) == [.skipped, .failed, .skipped, .failed])
            let dry = try await catalog.call(
                "ImportKnowledgeSupports",
                Import.with {
                    $0.rows = [Self.rows()[0], Self.rows()[2]]
                    $0.dryRun = true
                }, returning: ImportResponse.self)
            #expect(!dry.applied && dry.results.map(\.outcome) == [.created, .created])
            let everything = try await catalog.search { $0.statuses = [.draft, .published] }
            #expect(everything.page.totalSize == 0, "neither the atomic import nor the dry run left anything")
            let ok = try await catalog.call(
                "ImportKnowledgeSupports",
                Import.with {
                    $0.rows = [Self.rows()[0], Self.rows()[2]]
                    $0.atomic = true
                }, returning: ImportResponse.self)
            #expect(ok.applied && ok.createdCount == 2)
            // Events are published after commit, in order: once this one is here, any event the
            // rolled-back imports had leaked would be here too.
            _ = try await catalog.events.first("catalog.knowledge_support.published.v1", Kunskapsloop_Catalog_V1_KnowledgeSupportPublished.self) {
                $0.knowledgeSupport.slug == "psoriasis-vardforlopp"
            }
            try await catalog.barrier()
            #expect(
                catalog.events.all("catalog.knowledge_support.published.v1", Kunskapsloop_Catalog_V1_KnowledgeSupportPublished.self) {
                    $0.knowledgeSupport.slug == "psoriasis-vardforlopp"
                }.count == 1, "no event escapes a rolled-back import")
        }
    }
}
