import Contracts
import Foundation
import KLTesting
import RPC
import SwiftProtobuf
import Testing

@Suite("Catalog: knowledge-support lifecycle over RPC, with its events")
struct LifecycleTests {
    @Test func draftPublishReviseRetireEndToEnd() async throws {
        try await withCatalog { catalog in
            let draft = try await catalog.create(
                CatalogUnderTest.draft("Hjärtsvikt – vårdförlopp") {
                    $0.tags = ["Hjärta", "hjärta", "svikt"]
                    $0.icd10Codes = ["i50.0"]
                    $0.programmeAreaID = "hjart-karlsjukdomar"
                })
            #expect(draft.slug == "hjartsvikt-vardforlopp")
            #expect(draft.status == .draft && draft.version == 0)
            #expect(draft.tags == ["hjärta", "svikt"], "tags are lower case, without repeats")
            #expect(draft.icd10Codes == ["I50.0"])
            #expect(draft.programmeArea.name == "Hjärt- och kärlsjukdomar")

            let v1 = try await catalog.publish(draft.id)
            #expect(v1.status == .published && v1.version == 1)
            #expect(v1.publishedOn.isSet && v1.revisedOn == v1.publishedOn)
            #expect(v1.reviewDueOn.year == v1.publishedOn.year + 2, "review due two years after publication by default")
            let published = try await catalog.events.first(
                "catalog.knowledge_support.published.v1",
                Kunskapsloop_Catalog_V1_KnowledgeSupportPublished.self
            ) { $0.knowledgeSupport.id == draft.id }
            #expect(published.knowledgeSupport.title == "Hjärtsvikt – vårdförlopp")
            #expect(published.knowledgeSupport.ownerOrganisation.name == "Sverige", "consumers need no call back")
            #expect(published.actor == "test")

            // The published version is immutable.
            let refused = try await expectFailure(.failedPrecondition) {
                _ = try await catalog.call(
                    "UpdateDraft",
                    Kunskapsloop_Catalog_V1_UpdateDraftRequest.with {
                        $0.id = draft.id
                        $0.draft.title = "Ändrad"
                        $0.updateMask.paths = ["title"]
                    }, returning: Kunskapsloop_Catalog_V1_UpdateDraftResponse.self)
            }
            #expect(refused.message.contains("published"))

            // A revision works beside the version in force.
            _ = try await catalog.call(
                "StartRevision", Kunskapsloop_Catalog_V1_StartRevisionRequest.with { $0.id = draft.id },
                returning: Kunskapsloop_Catalog_V1_StartRevisionResponse.self)
            let edited = try await catalog.call(
                "UpdateDraft",
                Kunskapsloop_Catalog_V1_UpdateDraftRequest.with {
                    $0.id = draft.id
                    $0.draft.title = "Hjärtsvikt – vårdförlopp, andra upplagan"
                    $0.updateMask.paths = ["title"]
                }, returning: Kunskapsloop_Catalog_V1_UpdateDraftResponse.self
            ).knowledgeSupport
            #expect(edited.status == .underReview && edited.title.hasSuffix("andra upplagan") && edited.version == 1)
            #expect(edited.tags == ["hjärta", "svikt"], "fields outside the mask are kept")
            let inForce = try await catalog.search { $0.query = "hjärtsvikt" }
            #expect(inForce.hits.map(\.knowledgeSupport.id) == [draft.id])
            #expect(try await catalog.get(draft.id, version: 1).knowledgeSupport.title == "Hjärtsvikt – vårdförlopp")
            let searchFound = try await catalog.search { $0.query = "upplagan" }
            #expect(searchFound.hits.isEmpty, "a revision in progress is not what readers find")

            try await expectFailure(.invalidArgument) { _ = try await catalog.publish(draft.id) }
            let v2 = try await catalog.publish(draft.id, note: "Ny evidens om SGLT2-hämmare")
            #expect(v2.version == 2 && v2.status == .published && v2.revisionNote == "Ny evidens om SGLT2-hämmare")
            let revised = try await catalog.events.first(
                "catalog.knowledge_support.revised.v1",
                Kunskapsloop_Catalog_V1_KnowledgeSupportRevised.self
            ) { $0.knowledgeSupport.id == draft.id }
            #expect(revised.previousVersion == 1 && revised.knowledgeSupport.version == 2)
            let both = try await catalog.get(draft.id)
            #expect(both.versions == [1, 2])
            #expect(try await catalog.get(draft.id, version: 1).knowledgeSupport.title == "Hjärtsvikt – vårdförlopp")

            let retired = try await catalog.call(
                "RetireKnowledgeSupport",
                Kunskapsloop_Catalog_V1_RetireKnowledgeSupportRequest.with {
                    $0.id = draft.id
                    $0.reason = "Ersatt av nationellt vårdprogram"
                }, returning: Kunskapsloop_Catalog_V1_RetireKnowledgeSupportResponse.self
            ).knowledgeSupport
            #expect(retired.status == .retired)
            _ = try await catalog.events.first(
                "catalog.knowledge_support.retired.v1",
                Kunskapsloop_Catalog_V1_KnowledgeSupportRetired.self
            ) { $0.knowledgeSupport.id == draft.id }
            let publishRetired = try await expectFailure(.failedPrecondition) { _ = try await catalog.publish(draft.id) }
            #expect(publishRetired.message.contains("retired"))
            #expect(
                catalog.events.all("catalog.knowledge_support.published.v1", Kunskapsloop_Catalog_V1_KnowledgeSupportPublished.self) {
                    $0.knowledgeSupport.id == draft.id
                }.count == 1, "one published event, however many versions")
        }
    }

    @Test func badInputIsRefusedNamingTheFieldAndWritesNothing() async throws {
        try await withCatalog { catalog in
            let empty = try await expectFailure(.invalidArgument) { _ = try await catalog.create(CatalogUnderTest.draft(" ")) }
            #expect(empty.field == "draft.title")
            let long = try await expectFailure(.invalidArgument) {
                _ = try await catalog.create(CatalogUnderTest.draft(String(repeating: "å", count: 201)))
            }
            #expect(long.field == "draft.title" && long.message.contains("201"))
            let nul = try await expectFailure(.invalidArgument) { _ = try await catalog.create(CatalogUnderTest.draft("Ast\u{0}ma")) }
            #expect(nul.field == "draft.title", "a NUL is bad input, not an internal error")
            let badSlug = try await expectFailure(.invalidArgument) {
                _ = try await catalog.create(CatalogUnderTest.draft("Astma") { $0.slug = "Astma Vård" })
            }
            #expect(badSlug.field == "draft.slug")
            let wrongLevel = try await expectFailure(.invalidArgument) {
                _ = try await catalog.create(CatalogUnderTest.draft("Astma") { $0.ownerOrganisationID = "SE-03" })
            }
            #expect(wrongLevel.field == "draft.owner_organisation_id")
            let unknownOwner = try await expectFailure(.notFound) {
                _ = try await catalog.create(CatalogUnderTest.draft("Astma") { $0.ownerOrganisationID = "SE-99" })
            }
            #expect(unknownOwner.field == "draft.owner_organisation_id")
            let unknownArea = try await expectFailure(.notFound) {
                _ = try await catalog.create(CatalogUnderTest.draft("Astma") { $0.programmeAreaID = "ingen-sadan" })
            }
            #expect(unknownArea.field == "draft.programme_area_id")
            // Nothing of the refused drafts was written.
            try await expectFailure(.notFound) {
                _ = try await catalog.call("GetKnowledgeSupport", GetSupport.with { $0.slug = "astma" }, returning: GetSupportResponse.self)
            }

            let astma = try await catalog.create(CatalogUnderTest.draft("Astma"))
            let duplicate = try await expectFailure(.alreadyExists) { _ = try await catalog.create(CatalogUnderTest.draft("Astma")) }
            #expect(duplicate.field == "draft.slug")
            try await expectFailure(.notFound) { _ = try await catalog.get(UUID().uuidString) }
            let notAnID = try await expectFailure(.invalidArgument) { _ = try await catalog.get("astma") }
            #expect(notAnID.field == "id")
            let outOfOrder = try await expectFailure(.failedPrecondition) {
                _ = try await catalog.call(
                    "StartRevision",
                    Kunskapsloop_Catalog_V1_StartRevisionRequest.with {
                        $0.id = astma.id
                    }, returning: Kunskapsloop_Catalog_V1_StartRevisionResponse.self)
            }
            #expect(outOfOrder.message.contains("draft"))
        }
    }
}

@Suite("Catalog: a retried request has one effect")
struct IdempotencyTests {
    @Test func theSameMessageIDCreatesOnceAndAnswersTheSame() async throws {
        try await withCatalog { catalog in
            let key = UUID().uuidString.lowercased()
            let request = CreateDraft.with { $0.draft = CatalogUnderTest.draft("Sömnbesvär – behandlingsstöd", kind: .treatmentSupport) }
            let first = try await catalog.client.call("\(catalog.service).CreateDraft", request, returning: CreateDraftResponse.self, messageID: key)
            let again = try await catalog.client.call("\(catalog.service).CreateDraft", request, returning: CreateDraftResponse.self, messageID: key)
            #expect(again == first, "the retry is answered with the stored reply")
            // A new key is a new request: the slug is taken now.
            try await expectFailure(.alreadyExists) { _ = try await catalog.create(request.draft) }

            let publish = Publish.with { $0.id = first.knowledgeSupport.id }
            let publishKey = UUID().uuidString.lowercased()
            let v1 = try await catalog.client.call(
                "\(catalog.service).PublishKnowledgeSupport", publish, returning: PublishResponse.self, messageID: publishKey)
            let v1again = try await catalog.client.call(
                "\(catalog.service).PublishKnowledgeSupport", publish, returning: PublishResponse.self, messageID: publishKey)
            #expect(v1again.knowledgeSupport.version == 1 && v1 == v1again, "not published twice")
            _ = try await catalog.events.first("catalog.knowledge_support.published.v1", Kunskapsloop_Catalog_V1_KnowledgeSupportPublished.self) {
                $0.knowledgeSupport.id == first.knowledgeSupport.id
            }
            try await catalog.barrier()
            #expect(
                catalog.events.all("catalog.knowledge_support.published.v1", Kunskapsloop_Catalog_V1_KnowledgeSupportPublished.self) {
                    $0.knowledgeSupport.id == first.knowledgeSupport.id
                }.count == 1, "one event")
        }
    }

    /// A retry that arrives while the first request is still running (the caller timed out, or
    /// the broker redelivered after a dropped connection) waits for it and gets its reply: not
    /// ALREADY_EXISTS or FAILED_PRECONDITION from the effect the first one had.
    @Test func concurrentCopiesOfOneRequestAllGetTheFirstReply() async throws {
        try await withCatalog { catalog in
            let key = UUID().uuidString.lowercased()
            let request = CreateDraft.with { $0.draft = CatalogUnderTest.draft("Yrsel – behandlingsstöd", kind: .treatmentSupport) }
            let replies = try await withThrowingTaskGroup(of: CreateDraftResponse.self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        try await catalog.client.call("\(catalog.service).CreateDraft", request, returning: CreateDraftResponse.self, messageID: key)
                    }
                }
                return try await group.reduce(into: [CreateDraftResponse]()) { $0.append($1) }
            }
            #expect(replies.count == 12 && Set(replies.map(\.knowledgeSupport.id)).count == 1, "one draft, the same reply to every copy")

            let publish = Publish.with { $0.id = replies[0].knowledgeSupport.id }
            let publishKey = UUID().uuidString.lowercased()
            let versions = try await withThrowingTaskGroup(of: Int32.self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        try await catalog.client.call(
                            "\(catalog.service).PublishKnowledgeSupport", publish, returning: PublishResponse.self,
                            messageID: publishKey
                        ).knowledgeSupport.version
                    }
                }
                return try await group.reduce(into: [Int32]()) { $0.append($1) }
            }
            #expect(versions == Array(repeating: 1, count: 12), "published once, every copy answered with version 1")
        }
    }
}
