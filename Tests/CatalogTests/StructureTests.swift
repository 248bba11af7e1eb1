import Contracts
import Foundation
import KLTesting
import RPC
import SwiftProtobuf
import Testing

@Suite("Catalog: building blocks and links")
struct StructureTests {
    typealias AddBlock = Kunskapsloop_Catalog_V1_AddBuildingBlockRequest
    typealias AddBlockResponse = Kunskapsloop_Catalog_V1_AddBuildingBlockResponse
    typealias Link = Kunskapsloop_Catalog_V1_LinkKnowledgeSupportsRequest
    typealias LinkResponse = Kunskapsloop_Catalog_V1_LinkKnowledgeSupportsResponse

    @Test func blocksAndLinksSurviveARevisionAndShowFromBothEnds() async throws {
        try await withCatalog { catalog in
            let pathway = try await catalog.createPublished(CatalogUnderTest.draft("KOL – vårdförlopp"))
            let patient = try await catalog.createPublished(
                CatalogUnderTest.draft("Leva med KOL", kind: .patientKnowledgeSupport) { $0.audiences = [.patients, .relatives] })
            let info = try await catalog.createPublished(CatalogUnderTest.draft("Inhalationsteknik", kind: .information))
            let method = try await catalog.createPublished(CatalogUnderTest.draft("Spirometri", kind: .method))

            _ = try await catalog.call(
                "AddBuildingBlock",
                AddBlock.with {
                    $0.knowledgeSupportID = pathway.id
                    $0.buildingBlockID = info.id
                }, returning: AddBlockResponse.self)
            let withBlocks = try await catalog.call(
                "AddBuildingBlock",
                AddBlock.with {
                    $0.knowledgeSupportID = pathway.id
                    $0.buildingBlockID = method.id
                    $0.position = 0
                }, returning: AddBlockResponse.self
            ).knowledgeSupport
            #expect(withBlocks.buildingBlocks.map(\.knowledgeSupport.slug) == ["spirometri", "inhalationsteknik"])
            #expect(withBlocks.buildingBlocks.map(\.position) == [0, 1])

            let linked = try await catalog.call(
                "LinkKnowledgeSupports",
                Link.with {
                    $0.sourceID = patient.id
                    $0.targetID = pathway.id
                    $0.relation = .patientSupportOf
                }, returning: LinkResponse.self
            ).knowledgeSupport
            #expect(linked.links.map(\.relation) == [.patientSupportOf])
            try await expectFailure(.alreadyExists) {
                _ = try await catalog.call(
                    "LinkKnowledgeSupports",
                    Link.with {
                        $0.sourceID = pathway.id
                        $0.targetID = patient.id
                        $0.relation = .related
                    }, returning: LinkResponse.self)
            }

            // A cycle and a self-reference are refused.
            let cycle = try await expectFailure(.invalidArgument) {
                _ = try await catalog.call(
                    "AddBuildingBlock",
                    AddBlock.with {
                        $0.knowledgeSupportID = info.id
                        $0.buildingBlockID = pathway.id
                    }, returning: AddBlockResponse.self)
            }
            #expect(cycle.field == "building_block_id" && cycle.message.contains("cycle"))

            // Through a revision the structure stays.
            _ = try await catalog.call(
                "StartRevision", Kunskapsloop_Catalog_V1_StartRevisionRequest.with { $0.id = pathway.id },
                returning: Kunskapsloop_Catalog_V1_StartRevisionResponse.self)
            let v2 = try await catalog.publish(pathway.id, note: "Uppdaterad läkemedelsbehandling")
            #expect(v2.version == 2)
            #expect(v2.buildingBlocks.map(\.knowledgeSupport.slug) == ["spirometri", "inhalationsteknik"])
            #expect(
                v2.links.count == 1 && v2.links[0].relation == .hasPatientSupport && v2.links[0].knowledgeSupport.id == patient.id,
                "seen from the pathway, the relation is inverted")
            let fromPatient = try await catalog.get(patient.id).knowledgeSupport
            #expect(fromPatient.links.map(\.knowledgeSupport.id) == [pathway.id])
            #expect(fromPatient.links[0].relation == .patientSupportOf)
            #expect(
                try await catalog.get(pathway.id, version: 1).knowledgeSupport.buildingBlocks.isEmpty, "version 1 stays as it was published, before the blocks")

            // A retired block is flagged where it is used, and named in the event.
            _ = try await catalog.call(
                "RetireKnowledgeSupport",
                Kunskapsloop_Catalog_V1_RetireKnowledgeSupportRequest.with {
                    $0.id = info.id
                    $0.reason = "Ingår i 1177"
                }, returning: Kunskapsloop_Catalog_V1_RetireKnowledgeSupportResponse.self)
            let flagged = try await catalog.get(pathway.id).knowledgeSupport
            #expect(flagged.buildingBlocks.first { $0.knowledgeSupport.id == info.id }?.knowledgeSupport.retired == true)
            let event = try await catalog.events.first(
                "catalog.knowledge_support.retired.v1",
                Kunskapsloop_Catalog_V1_KnowledgeSupportRetired.self
            ) { $0.knowledgeSupport.id == info.id }
            #expect(event.dependentSupports.map(\.id) == [pathway.id])
            try await expectFailure(.failedPrecondition) {
                _ = try await catalog.call(
                    "AddBuildingBlock",
                    AddBlock.with {
                        $0.knowledgeSupportID = method.id
                        $0.buildingBlockID = info.id
                    }, returning: AddBlockResponse.self)
            }

            // Removing a block renumbers; unlinking from the other end works.
            let removed = try await catalog.call(
                "RemoveBuildingBlock",
                Kunskapsloop_Catalog_V1_RemoveBuildingBlockRequest.with {
                    $0.knowledgeSupportID = pathway.id
                    $0.buildingBlockID = method.id
                }, returning: Kunskapsloop_Catalog_V1_RemoveBuildingBlockResponse.self
            ).knowledgeSupport
            #expect(removed.buildingBlocks.map(\.position) == [0])
            let unlinked = try await catalog.call(
                "UnlinkKnowledgeSupports",
                Kunskapsloop_Catalog_V1_UnlinkKnowledgeSupportsRequest.with {
                    $0.sourceID = pathway.id
                    $0.targetID = patient.id
                }, returning: Kunskapsloop_Catalog_V1_UnlinkKnowledgeSupportsResponse.self
            ).knowledgeSupport
            #expect(unlinked.links.isEmpty)
            #expect(try await catalog.get(patient.id).knowledgeSupport.links.isEmpty)
        }
    }

    /// Adding a block while the block is being retired: either the addition comes first and the
    /// retirement names the support as a dependent, or it comes second and is refused. Never a
    /// support quietly built on a retired block that its retirement did not name.
    @Test func addingABlockRacingItsRetirementIsNamedOrRefused() async throws {
        try await withCatalog { catalog in
            for round in 0..<12 {
                let owner = try await catalog.createPublished(CatalogUnderTest.draft("Vårdförlopp \(round)"))
                let block = try await catalog.createPublished(CatalogUnderTest.draft("Information \(round)", kind: .method))
                async let adding: Bool = {
                    do {
                        _ = try await catalog.call(
                            "AddBuildingBlock",
                            AddBlock.with {
                                $0.knowledgeSupportID = owner.id
                                $0.buildingBlockID = block.id
                            },
                            returning: AddBlockResponse.self)
                        return true
                    } catch let error as RPCError where error.code == .failedPrecondition {
                        return false
                    }
                }()
                _ = try await catalog.call(
                    "RetireKnowledgeSupport",
                    Kunskapsloop_Catalog_V1_RetireKnowledgeSupportRequest.with {
                        $0.id = block.id
                        $0.reason = "Ersatt"
                    }, returning: Kunskapsloop_Catalog_V1_RetireKnowledgeSupportResponse.self)
                let added = try await adding
                let retired = try await catalog.events.first(
                    "catalog.knowledge_support.retired.v1",
                    Kunskapsloop_Catalog_V1_KnowledgeSupportRetired.self
                ) { $0.knowledgeSupport.id == block.id }
                #expect(retired.dependentSupports.map(\.id) == (added ? [owner.id] : []), "round \(round): added \(added)")
            }
        }
    }
}
