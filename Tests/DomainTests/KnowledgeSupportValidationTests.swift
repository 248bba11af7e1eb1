import Domain
import Testing

@Suite("Knowledge-support fields and review dates")
struct KnowledgeSupportValidationTests {
    static func support(
        title: String = "Reumatoid artrit", slug: String = "reumatoid-artrit", url: String? = nil,
        icd: [String] = [], tags: [String] = [], audiences: Set<KnowledgeSupport.Audience> = [.professionals]
    ) -> KnowledgeSupport {
        KnowledgeSupport(
            id: "ks-1", slug: slug, title: title, kind: .carePathway, audiences: audiences, level: .national,
            ownerOrganisationID: "SE", url: url, tags: tags, icd10Codes: icd)
    }

    static func field(_ support: KnowledgeSupport) -> String? {
        do {
            try support.validate()
            return nil
        } catch { return error.field }
    }

    @Test func aGoodSupportPasses() {
        #expect(Self.field(Self.support(url: "https://vardpersonal.1177.se/reumatoid-artrit", icd: ["M05", "M06.9"], tags: ["reumatologi"])) == nil)
    }

    @Test(
        "bad fields are refused, naming the field",
        arguments: [
            (support(title: "   "), "title"),
            (support(title: String(repeating: "x", count: 201)), "title"),
            (support(slug: "Reumatoid artrit"), "slug"),
            (support(slug: "ra"), "slug"),
            (support(slug: "-ra-"), "slug"),
            (support(slug: "reuma--artrit"), "slug"),
            (support(url: "ftp://example.org/x"), "url"),
            (support(url: "https://"), "url"),
            (support(icd: ["M5"]), "icd10_codes"),
            (support(icd: ["05M"]), "icd10_codes"),
            (support(tags: [""]), "tags"),
            (support(audiences: []), "audiences"),
        ])
    func refused(support: KnowledgeSupport, field: String) {
        #expect(Self.field(support) == field)
    }

    @Test func aTitleOfExactly200CharactersIsAccepted() {
        #expect(Self.field(Self.support(title: String(repeating: "å", count: 200))) == nil)
    }

    @Test func slugsComeFromSwedishTitles() throws {
        #expect(KnowledgeSupport.slug(from: "Reumatoid artrit – vårdförlopp") == "reumatoid-artrit-vardforlopp")
        #expect(KnowledgeSupport.slug(from: "  Höftledsartros, Äldre  ") == "hoftledsartros-aldre")
        try KnowledgeSupport.validate(slug: KnowledgeSupport.slug(from: "Hjärtsvikt (kronisk) 2026"))
    }

    @Test func reviewIsDueTwoYearsAfterPublication() throws {
        #expect(KnowledgeSupport.defaultReviewDue(publishedOn: try CivilDate(parsing: "2026-11-22")).description == "2028-11-22")
        #expect(KnowledgeSupport.defaultReviewDue(publishedOn: try CivilDate(parsing: "2024-02-29")).description == "2026-02-28")
    }

    @Test func reviewStagesAroundTheDueDate() throws {
        let due = try CivilDate(parsing: "2027-01-31")
        #expect(KnowledgeSupport.reviewStage(due: due, today: try CivilDate(parsing: "2026-12-31")) == nil)
        #expect(KnowledgeSupport.reviewStage(due: due, today: try CivilDate(parsing: "2027-01-01")) == .approaching)
        #expect(KnowledgeSupport.reviewStage(due: due, today: due) == .approaching)
        #expect(KnowledgeSupport.reviewStage(due: due, today: try CivilDate(parsing: "2027-02-01")) == .overdue)
        #expect(KnowledgeSupport.reviewStage(due: due, today: try CivilDate(parsing: "2027-01-20"), windowDays: 7) == nil)
    }

    @Test func icd10Codes() {
        for good in ["M05", "m05", "M05.3", "E11.65", "S72.0X", "C50.9"] { #expect(KnowledgeSupport.isICD10(good), "\(good)") }
        for bad in ["", "M", "M0", "M05.", "M05-3", "MM05", "M05.12345"] { #expect(!KnowledgeSupport.isICD10(bad), "\(bad)") }
    }
}
