import Contracts
import Domain
import SwiftProtobuf
import Testing

@Suite("The catalog's domain records as their contracts")
struct CatalogConversionTests {
    @Test func anInstantIsExactToTheMicrosecond() {
        let timestamp = Google_Protobuf_Timestamp(Instant(microsecondsSinceEpoch: 1_733_480_000_123_456))
        #expect(timestamp.seconds == 1_733_480_000 && timestamp.nanos == 123_456_000)
        let early = Google_Protobuf_Timestamp(Instant(microsecondsSinceEpoch: -1))
        #expect(early.seconds == -1 && early.nanos == 999_999_000)
    }

    @Test func aSupportRecordCarriesItsStructureAndNames() {
        let block = KnowledgeSupport.Reference(id: "b", slug: "spirometri", title: "Spirometri", kind: .method, retired: true)
        let record = KnowledgeSupportRecord(
            support: KnowledgeSupport(
                id: "a", slug: "kol", title: "KOL", kind: .carePathway, audiences: [.relatives, .patients, .professionals],
                level: .region, ownerOrganisationID: "SE-03", programmeAreaID: "lung", status: .underReview, version: 2,
                reviewDueOn: try? CivilDate(year: 2028, month: 2, day: 29)),
            ownerName: "Region Uppsala", ownerLevel: .region, programmeArea: ProgrammeArea(id: "lung", name: "Lung- och allergisjukdomar"),
            revisionNote: "Ny evidens", buildingBlocks: [KnowledgeSupport.BuildingBlock(support: block, position: 0)],
            links: [KnowledgeSupport.Link(support: block, relation: .detailedBy)], publishedVersions: [1, 2],
            createdAt: Instant(microsecondsSinceEpoch: 1), updatedAt: Instant(microsecondsSinceEpoch: 2))
        let support = Kunskapsloop_Catalog_V1_KnowledgeSupport(record)
        #expect(support.audiences == [.patients, .professionals, .relatives], "in name order, as the catalog stores them")
        #expect(support.ownerOrganisation.name == "Region Uppsala" && support.ownerOrganisation.level == .region)
        #expect(support.programmeArea.name == "Lung- och allergisjukdomar" && support.status == .underReview && support.version == 2)
        #expect(support.url.isEmpty && !support.hasPublishedOn && support.reviewDueOn.day == 29)
        #expect(support.buildingBlocks.first?.knowledgeSupport.retired == true && support.links.first?.relation == .detailedBy)
        #expect(support.updatedAt.nanos == 2000)
        let draft = Kunskapsloop_Catalog_V1_KnowledgeSupportDraft(content: record.support)
        #expect(draft.programmeAreaID == "lung" && draft.hasReviewDueOn && draft.audiences.count == 3)
    }

    @Test func relationsAndStatusesMapBothWays() {
        for relation in KnowledgeSupport.Link.Relation.allCases {
            #expect(KnowledgeSupport.Link.Relation(relation.contract) == relation)
        }
        for status in KnowledgeSupportAdoption.Status.allCases {
            #expect(KnowledgeSupportAdoption.Status(status.contract) == status)
        }
        #expect(KnowledgeSupport.Link.Relation(.unspecified) == nil && KnowledgeSupportAdoption.Status(.UNRECOGNIZED(9)) == nil)
    }
}
