import Domain
import Reference
import Testing

@Suite("Organisation fields, link relations, instants: the catalog's rules in Domain")
struct CatalogRecordTests {
    static func unit(_ id: String = "vc-1", name: String = "Vårdcentralen", hsa: String? = nil, county: String? = nil) -> Organisation {
        Organisation(id: id, name: name, level: .unit, parentID: "SE-03", countyCode: county, hsaID: hsa)
    }

    @Test func anOrganisationsFieldsAreCheckedNamingTheProblem() throws {
        try Self.unit(hsa: "SE2321000032-1234").validate()
        try Organisation(id: "SE-03", name: "Region Uppsala", level: .region, parentID: "SVR-MELLAN", countyCode: "03").validate()
        let cases: [(Organisation, OrganisationError.Code)] = [
            (Self.unit(name: ""), .invalidName),
            (Self.unit(name: String(repeating: "å", count: 201)), .invalidName),
            (Self.unit("vc 1"), .invalidID),
            (Self.unit("vårdcentral"), .invalidID),
            (Self.unit(String(repeating: "a", count: 65)), .invalidID),
            (Organisation(id: "SE-03", name: "Region Uppsala", level: .region, parentID: "SVR-MELLAN", hsaID: "x"), .misplacedHSAID),
            (Self.unit(county: "03"), .invalidCountyCode),
            (Organisation(id: "SE-03", name: "Region Uppsala", level: .region, parentID: "SVR-MELLAN", countyCode: "3"), .invalidCountyCode),
            (Organisation(id: "SE-03", name: "Region Uppsala", level: .region, parentID: "SVR-MELLAN", countyCode: "+3"), .invalidCountyCode),
        ]
        for (organisation, code) in cases {
            #expect(throws: OrganisationError.self, "\(organisation)") { try organisation.validate() }
            do {
                try organisation.validate()
            } catch {
                #expect(error.code == code, "\(organisation): \(error)")
            }
        }
        #expect(Organisation.Level.healthcareRegion.words == "healthcare region")
    }

    /// The reference data passes the same checks an editor's organisation does.
    @Test func theShippedOrganisationsAreValid() throws {
        for organisation in try ReferenceData.load().organisations { try organisation.validate() }
    }

    @Test func aLinkSeenFromTheOtherEndAndBackIsTheSame() {
        for relation in KnowledgeSupport.Link.Relation.allCases {
            #expect(relation.inverse.inverse == relation)
        }
        #expect(KnowledgeSupport.Link.Relation.related.inverse == .related)
        #expect(KnowledgeSupport.Link.Relation.patientSupportOf.inverse == .hasPatientSupport)
        #expect(KnowledgeSupport.Link.Relation.replaces.inverse == .replacedBy)
    }

    @Test func anInstantSplitsIntoSecondsAndMicrosecondsBothSidesOfTheEpoch() {
        let later = Instant(microsecondsSinceEpoch: 1_733_480_000_123_456)
        #expect(later.secondsSinceEpoch == 1_733_480_000 && later.microsecondsOfSecond == 123_456)
        let before = Instant(microsecondsSinceEpoch: -1)
        #expect(before.secondsSinceEpoch == -1 && before.microsecondsOfSecond == 999_999)
        #expect(before < Instant(microsecondsSinceEpoch: 0) && later.description == "1733480000.123456")
    }

    @Test func aTallyCountsByStatus() {
        let tally = AdoptionTally(adopted: 3, planned: 2, notApplicable: 1, unrecorded: 7)
        #expect(tally.recorded == 6)
        #expect(KnowledgeSupportAdoption.Status.allCases.map(tally.count(of:)) == [3, 2, 1])
    }
}
