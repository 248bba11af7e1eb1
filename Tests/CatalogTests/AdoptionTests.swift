import Contracts
import Foundation
import KLTesting
import RPC
import SwiftProtobuf
import Testing

@Suite("Catalog: organisations and adoption across a region's subtree")
struct AdoptionTests {
    typealias Record = Kunskapsloop_Catalog_V1_RecordAdoptionRequest
    typealias RecordResponse = Kunskapsloop_Catalog_V1_RecordAdoptionResponse
    typealias List = Kunskapsloop_Catalog_V1_ListAdoptionsRequest
    typealias ListResponse = Kunskapsloop_Catalog_V1_ListAdoptionsResponse

    @Test func aRegionSeesAdoptionAcrossItsUnits() async throws {
        try await withCatalog { catalog in
            let support = try await catalog.createPublished(CatalogUnderTest.draft("Diabetes typ 2 – vårdförlopp"))
            let granby = try await catalog.unit("Vårdcentralen Gränby", under: "SE-03")
            let akademiska = try await catalog.unit("Akademiska sjukhuset", under: "SE-03")
            let medicin = try await catalog.unit("Medicinkliniken", under: akademiska.id)
            let enkoping = try await catalog.unit("Vårdcentralen Enköping", under: "SE-03")
            let solna = try await catalog.unit("Vårdcentralen Solna", under: "SE-01")
            #expect(medicin.ancestorIds == ["SE", "SVR-MELLAN", "SE-03", akademiska.id])

            _ = try await catalog.call(
                "RecordAdoption",
                Record.with {
                    $0.knowledgeSupportID = support.id
                    $0.unitID = granby.id
                    $0.status = .adopted
                    $0.recordedBy = "vc-chef"
                }, returning: RecordResponse.self)
            _ = try await catalog.call(
                "RecordAdoption",
                Record.with {
                    $0.knowledgeSupportID = support.id
                    $0.unitID = medicin.id
                    $0.status = .planned
                    $0.plannedOn = .with {
                        $0.year = 2027
                        $0.month = 3
                        $0.day = 1
                    }
                }, returning: RecordResponse.self)
            _ = try await catalog.call(
                "RecordAdoption",
                Record.with {
                    $0.knowledgeSupportID = support.id
                    $0.unitID = solna.id
                    $0.status = .notApplicable
                    $0.reason = "Ingen diabetesmottagning"
                }, returning: RecordResponse.self)
            // A changed record replaces the old one and says what it was.
            let changed = try await catalog.call(
                "RecordAdoption",
                Record.with {
                    $0.knowledgeSupportID = support.id
                    $0.unitID = medicin.id
                    $0.status = .adopted
                }, returning: RecordResponse.self
            ).adoption
            #expect(changed.status == .adopted && changed.adoptedOn.isSet && changed.knowledgeSupportVersion == 1)
            let event = try await catalog.events.first("catalog.adoption.recorded.v1", Kunskapsloop_Catalog_V1_AdoptionRecorded.self) {
                $0.adoption.unit.id == medicin.id && $0.adoption.status == .adopted
            }
            #expect(event.previousStatus == .planned)
            #expect(event.unitAncestorIds == ["SE", "SVR-MELLAN", "SE-03", akademiska.id])
            #expect(event.knowledgeSupport.slug == "diabetes-typ-2-vardforlopp")

            let region = try await catalog.call(
                "ListAdoptions",
                List.with {
                    $0.knowledgeSupportID = support.id
                    $0.organisationID = "SE-03"
                    $0.includeDescendants = true
                }, returning: ListResponse.self)
            #expect(region.adoptions.map(\.unit.name) == ["Medicinkliniken", "Vårdcentralen Gränby"])
            #expect(region.tally.adoptedCount == 2 && region.tally.plannedCount == 0 && region.tally.notApplicableCount == 0)
            #expect(region.tally.unrecordedCount == 2, "Akademiska and Enköping have no record: \(enkoping.name)")
            let nation = try await catalog.call(
                "ListAdoptions",
                List.with {
                    $0.knowledgeSupportID = support.id
                    $0.organisationID = "SE"
                    $0.includeDescendants = true
                    $0.statuses = [.notApplicable]
                }, returning: ListResponse.self)
            #expect(nation.adoptions.map(\.unit.id) == [solna.id] && nation.adoptions[0].reason == "Ingen diabetesmottagning")

            // Per unit: what it has adopted.
            let other = try await catalog.createPublished(CatalogUnderTest.draft("Astma – vårdförlopp"))
            _ = try await catalog.call(
                "RecordAdoption",
                Record.with {
                    $0.knowledgeSupportID = other.id
                    $0.unitID = granby.id
                    $0.status = .adopted
                }, returning: RecordResponse.self)
            let unit = try await catalog.call("ListAdoptions", List.with { $0.organisationID = granby.id }, returning: ListResponse.self)
            #expect(unit.adoptions.map(\.knowledgeSupportID) == [other.id, support.id], "sorted by support title")

            // Moving a unit moves its subtree; the region's view follows.
            let moved = try await catalog.call(
                "UpsertOrganisation",
                Upsert.with {
                    $0.organisation = akademiska
                    $0.organisation.parentID = "SE-01"
                }, returning: UpsertResponse.self)
            #expect(!moved.created && moved.organisation.ancestorIds == ["SE", "SVR-STHLM-GOTLAND", "SE-01"])
            let childEvent = try await catalog.events.first("catalog.organisation.upserted.v1", Kunskapsloop_Catalog_V1_OrganisationUpserted.self) {
                $0.organisation.id == medicin.id && $0.organisation.ancestorIds.contains("SE-01")
            }
            #expect(childEvent.organisation.parentID == akademiska.id)
            let after = try await catalog.call(
                "ListAdoptions",
                List.with {
                    $0.knowledgeSupportID = support.id
                    $0.organisationID = "SE-01"
                    $0.includeDescendants = true
                }, returning: ListResponse.self)
            #expect(Set(after.adoptions.map(\.unit.id)) == [medicin.id, solna.id])
        }
    }

    @Test func adoptionAndOrganisationErrors() async throws {
        try await withCatalog { catalog in
            let draft = try await catalog.create(CatalogUnderTest.draft("Stroke – vårdförlopp"))
            let unit = try await catalog.unit("Strokeenheten", under: "SE-12")
            try await expectFailure(.failedPrecondition) {
                _ = try await catalog.call(
                    "RecordAdoption",
                    Record.with {
                        $0.knowledgeSupportID = draft.id
                        $0.unitID = unit.id
                        $0.status = .adopted
                    }, returning: RecordResponse.self)
            }
            let published = try await catalog.publish(draft.id)
            let region = try await expectFailure(.invalidArgument) {
                _ = try await catalog.call(
                    "RecordAdoption",
                    Record.with {
                        $0.knowledgeSupportID = published.id
                        $0.unitID = "SE-12"
                        $0.status = .adopted
                    }, returning: RecordResponse.self)
            }
            #expect(region.field == "unit_id")
            let noDate = try await expectFailure(.invalidArgument) {
                _ = try await catalog.call(
                    "RecordAdoption",
                    Record.with {
                        $0.knowledgeSupportID = published.id
                        $0.unitID = unit.id
                        $0.status = .planned
                    }, returning: RecordResponse.self)
            }
            #expect(noDate.field == "planned_on")
            let noReason = try await expectFailure(.invalidArgument) {
                _ = try await catalog.call(
                    "RecordAdoption",
                    Record.with {
                        $0.knowledgeSupportID = published.id
                        $0.unitID = unit.id
                        $0.status = .notApplicable
                    }, returning: RecordResponse.self)
            }
            #expect(noReason.field == "reason")
            let unknownUnit = try await expectFailure(.notFound) {
                _ = try await catalog.call(
                    "RecordAdoption",
                    Record.with {
                        $0.knowledgeSupportID = published.id
                        $0.unitID = "nope"
                        $0.status = .adopted
                    }, returning: RecordResponse.self)
            }
            #expect(unknownUnit.field == "unit_id")

            let cycle = try await expectFailure(.invalidArgument) {
                _ = try await catalog.call(
                    "UpsertOrganisation",
                    Upsert.with {
                        $0.organisation.id = "SE-12"
                        $0.organisation.name = "Region Skåne"
                        $0.organisation.level = .region
                        $0.organisation.parentID = "SE-12"
                    }, returning: UpsertResponse.self)
            }
            #expect(cycle.field == "organisation.parent_id")
            let wrongParent = try await expectFailure(.invalidArgument) {
                _ = try await catalog.call(
                    "UpsertOrganisation",
                    Upsert.with {
                        $0.organisation.name = "Vårdcentral"
                        $0.organisation.level = .unit
                        $0.organisation.parentID = "SE"
                    }, returning: UpsertResponse.self)
            }
            #expect(wrongParent.message.contains("cannot sit under"))
            try await expectFailure(.notFound) {
                _ = try await catalog.call(
                    "GetOrganisation", Kunskapsloop_Catalog_V1_GetOrganisationRequest.with { $0.id = "SE-99" },
                    returning: Kunskapsloop_Catalog_V1_GetOrganisationResponse.self)
            }
            let skane = try await catalog.call(
                "GetOrganisation", Kunskapsloop_Catalog_V1_GetOrganisationRequest.with { $0.id = "SE-12" },
                returning: Kunskapsloop_Catalog_V1_GetOrganisationResponse.self)
            #expect(skane.children.map(\.name) == ["Strokeenheten"])
            let regions = try await catalog.call(
                "ListOrganisations", Kunskapsloop_Catalog_V1_ListOrganisationsRequest.with { $0.levels = [.region] },
                returning: Kunskapsloop_Catalog_V1_ListOrganisationsResponse.self)
            #expect(regions.page.totalSize == 21)
        }
    }

    /// A unit created under a descendant while an ancestor moves gets the ancestors the tree has
    /// after both: the move's rewrite of its subtree cannot miss it.
    @Test func aUnitCreatedWhileItsAncestorMovesHasTheNewAncestors() async throws {
        try await withCatalog { catalog in
            for round in 0..<12 {
                let moving = try await catalog.unit("Klinik \(round)", under: "SE-12")
                let ward = try await catalog.unit("Avdelning \(round)", under: moving.id)
                async let moved = catalog.call(
                    "UpsertOrganisation",
                    Upsert.with {
                        $0.organisation = moving
                        $0.organisation.parentID = "SE-13"
                        $0.actor = "test"
                    }, returning: UpsertResponse.self)
                let created = try await catalog.unit("Mottagning \(round)", under: ward.id)
                _ = try await moved
                let stored = try await catalog.call(
                    "GetOrganisation", Kunskapsloop_Catalog_V1_GetOrganisationRequest.with { $0.id = created.id },
                    returning: Kunskapsloop_Catalog_V1_GetOrganisationResponse.self
                ).organisation
                #expect(stored.ancestorIds.contains("SE-13") && !stored.ancestorIds.contains("SE-12"), "round \(round): \(stored.ancestorIds)")
            }
        }
    }
}
