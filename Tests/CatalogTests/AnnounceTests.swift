import CatalogProjection
import Contracts
import Domain
import Foundation
import KLTesting
import Messaging
import PostgresNIO
import RPC
import Storage
import SwiftProtobuf
import Testing

@Suite("Catalog: announcing the catalog again")
struct AnnounceTests {
    typealias Announce = Kunskapsloop_Catalog_V1_AnnounceCatalogRequest
    typealias AnnounceResponse = Kunskapsloop_Catalog_V1_AnnounceCatalogResponse
    typealias Upserted = Kunskapsloop_Catalog_V1_OrganisationUpserted
    typealias Published = Kunskapsloop_Catalog_V1_KnowledgeSupportPublished
    typealias Retired = Kunskapsloop_Catalog_V1_KnowledgeSupportRetired

    /// A projection reset to nothing and fed only the announcement holds what the catalog holds:
    /// organisations with their place in the tree, supports in force (a revision in progress is
    /// not announced), retired ones, adoptions; drafts stay out.
    @Test func aProjectionFedOnlyTheAnnouncementHoldsTheCatalog() async throws {
        try await withCatalog { catalog in
            let clinic = try await catalog.unit("Klinik för announce", under: "SE-03")
            let ward = try await catalog.unit("Avdelning för announce", under: clinic.id)
            let inForce = try await catalog.createPublished(CatalogUnderTest.draft("Astma – vårdförlopp"))
            let revising = try await catalog.createPublished(CatalogUnderTest.draft("KOL – vårdförlopp"))
            _ = try await catalog.call(
                "StartRevision", Kunskapsloop_Catalog_V1_StartRevisionRequest.with { $0.id = revising.id },
                returning: Kunskapsloop_Catalog_V1_StartRevisionResponse.self)
            _ = try await catalog.call(
                "UpdateDraft",
                Kunskapsloop_Catalog_V1_UpdateDraftRequest.with {
                    $0.id = revising.id
                    $0.draft.title = "KOL – ny upplaga"
                    $0.updateMask.paths = ["title"]
                }, returning: Kunskapsloop_Catalog_V1_UpdateDraftResponse.self)
            let old = try await catalog.createPublished(CatalogUnderTest.draft("Gammal riktlinje", kind: .guideline))
            let replacement = try await catalog.createPublished(CatalogUnderTest.draft("Ny riktlinje", kind: .guideline))
            _ = try await catalog.call(
                "RetireKnowledgeSupport",
                Kunskapsloop_Catalog_V1_RetireKnowledgeSupportRequest.with {
                    $0.id = old.id
                    $0.reason = "Ersatt"
                    $0.replacedByID = replacement.id
                }, returning: Kunskapsloop_Catalog_V1_RetireKnowledgeSupportResponse.self)
            let draft = try await catalog.create(CatalogUnderTest.draft("Bara ett utkast"))
            _ = try await catalog.call(
                "RecordAdoption",
                Kunskapsloop_Catalog_V1_RecordAdoptionRequest.with {
                    $0.knowledgeSupportID = inForce.id
                    $0.unitID = ward.id
                    $0.status = .adopted
                }, returning: Kunskapsloop_Catalog_V1_RecordAdoptionResponse.self)
            try await catalog.barrier()
            let adoptionsBefore = catalog.events.deliveries("catalog.adoption.recorded.v1").count

            let actor = "announce-\(UUID().uuidString.prefix(8))"
            let response = try await catalog.call("AnnounceCatalog", Announce.with { $0.actor = actor }, returning: AnnounceResponse.self)
            // The seeded 28 (nation, healthcare regions, regions), the clinic, the ward and the barrier's marker.
            #expect(response.organisationCount == 31)
            #expect(response.knowledgeSupportCount == 3, "in force, under review, the replacement; not the draft")
            #expect(response.retiredCount == 1 && response.adoptionCount == 1)
            try await catalog.barrier()

            // Parents first: every announced organisation comes after its parent.
            let organisations = catalog.events.all("catalog.organisation.upserted.v1", Upserted.self) { $0.actor == actor }
            #expect(organisations.count == 31 && organisations.allSatisfy { !$0.created && $0.previousParentID.isEmpty })
            let order = Dictionary(organisations.enumerated().map { ($1.organisation.id, $0) }, uniquingKeysWith: { first, _ in first })
            #expect(
                organisations.allSatisfy { $0.organisation.parentID.isEmpty || order[$0.organisation.parentID, default: .max] < order[$0.organisation.id]! })
            let published = catalog.events.all("catalog.knowledge_support.published.v1", Published.self) { $0.actor == actor }
            #expect(Set(published.map(\.knowledgeSupport.id)) == [inForce.id, revising.id, replacement.id])
            #expect(
                published.first { $0.knowledgeSupport.id == revising.id }?.knowledgeSupport.title == "KOL – vårdförlopp",
                "the version in force, not the revision in progress")
            let retired = try #require(catalog.events.all("catalog.knowledge_support.retired.v1", Retired.self) { $0.actor == actor }.first)
            #expect(retired.knowledgeSupport.id == old.id && retired.replacedByID == replacement.id)

            // A projection reset to nothing, fed only the announcement.
            let announced =
                catalog.events.deliveries("catalog.organisation.upserted.v1").filter { delivery in
                    (try? Upserted(serializedBytes: delivery.body))?.actor == actor
                }
                + catalog.events.deliveries("catalog.knowledge_support.published.v1").filter { delivery in
                    (try? Published(serializedBytes: delivery.body))?.actor == actor
                }
                + catalog.events.deliveries("catalog.knowledge_support.retired.v1").filter { delivery in
                    (try? Retired(serializedBytes: delivery.body))?.actor == actor
                } + catalog.events.deliveries("catalog.adoption.recorded.v1").dropFirst(adoptionsBefore)
            try await withScratchSchema { client, schema in
                _ = try await Migrator(schema: schema, migrations: CatalogProjection.migrations).migrate(client, logger: LocalStack.logger)
                let projection = try CatalogProjection(schema: schema, logger: LocalStack.logger)
                try await client.withConnection { connection in
                    for delivery in announced { _ = try await projection.apply(delivery, on: connection) }
                    let placed = try #require(try await projection.organisation(ward.id, on: connection))
                    #expect(placed.ancestorIDs == ["SE", "SVR-MELLAN", "SE-03", clinic.id])
                    #expect(try await projection.support(revising.id, on: connection)?.status == .underReview)
                    #expect(try await projection.support(revising.id, on: connection)?.title == "KOL – vårdförlopp")
                    #expect(try await projection.support(old.id, on: connection)?.status == .retired)
                    #expect(try await projection.support(draft.id, on: connection) == nil, "a draft was never published")
                    #expect(try await projection.adoption(of: inForce.id, by: ward.id, on: connection)?.status == .adopted)
                }
            }
        }
    }

    /// Asked for one part, the catalog announces that part only; asked again, the same.
    @Test func onePartAndTwiceOver() async throws {
        try await withCatalog { catalog in
            let support = try await catalog.createPublished(CatalogUnderTest.draft("Migrän – behandlingsstöd", kind: .treatmentSupport))
            let unit = try await catalog.unit("Huvudvärksmottagningen", under: "SE-12")
            _ = try await catalog.call(
                "RecordAdoption",
                Kunskapsloop_Catalog_V1_RecordAdoptionRequest.with {
                    $0.knowledgeSupportID = support.id
                    $0.unitID = unit.id
                    $0.status = .planned
                    $0.plannedOn = .with {
                        $0.year = 2030
                        $0.month = 1
                        $0.day = 1
                    }
                }, returning: Kunskapsloop_Catalog_V1_RecordAdoptionResponse.self)
            let request = Announce.with { $0.parts = [.adoptions, .knowledgeSupports] }
            let first = try await catalog.call("AnnounceCatalog", request, returning: AnnounceResponse.self)
            let second = try await catalog.call("AnnounceCatalog", request, returning: AnnounceResponse.self)
            #expect(first == second)
            #expect(first.organisationCount == 0 && first.knowledgeSupportCount == 1 && first.retiredCount == 0 && first.adoptionCount == 1)
            try await catalog.barrier()
            let adoptions = catalog.events.all("catalog.adoption.recorded.v1", Kunskapsloop_Catalog_V1_AdoptionRecorded.self)
            #expect(adoptions.count == 3, "the recording and two announcements")
            #expect(adoptions.allSatisfy { $0.adoption.status == .planned && $0.unitAncestorIds == ["SE", "SVR-SODRA", "SE-12"] })
            #expect(catalog.events.all("catalog.organisation.upserted.v1", Upserted.self) { $0.actor == "catalog-announce" }.isEmpty)
        }
    }
}
