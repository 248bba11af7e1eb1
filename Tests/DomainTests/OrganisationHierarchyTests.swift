import Domain
import Reference
import Testing

@Suite("Organisation hierarchy over the shipped reference data")
struct OrganisationHierarchyTests {
    let tree: OrganisationHierarchy

    init() throws {
        tree = try ReferenceData.load().hierarchy()
    }

    @Test func theNationHasSixHealthcareRegionsAndTwentyOneRegions() {
        #expect(tree.roots.map(\.id) == ["SE"])
        #expect(tree.children(of: "SE").count == 6)
        #expect(tree.children(of: "SE").allSatisfy { $0.level == .healthcareRegion })
        let regions = tree.descendants(of: "SE").filter { $0.level == .region }
        #expect(regions.count == 21)
        #expect(Set(regions.compactMap(\.countyCode)).count == 21)
        #expect(tree.count == 28)
    }

    @Test func ancestorsRunNearestFirstToTheNation() {
        #expect(tree.ancestors(of: "SE-12").map(\.id) == ["SVR-SODRA", "SE"])
        #expect(tree.ancestors(of: "SE").isEmpty)
        #expect(tree.ancestors(of: "nowhere").isEmpty)
    }

    @Test func descendantsOfAHealthcareRegionAreItsRegions() {
        #expect(tree.descendants(of: "SVR-STHLM-GOTLAND").map(\.id) == ["SE-01", "SE-09"])
        #expect(tree.descendants(of: "SE-01").isEmpty)
    }

    @Test func unitsJoinAndMoveWithinTheTree() throws {
        let unit = Organisation(id: "U-1", name: "Reumatologen Lund", level: .unit, parentID: "SE-12", hsaID: "SE2321000032-1")
        let withUnit = try tree.inserting(unit)
        let subUnit = Organisation(id: "U-2", name: "Dagvården", level: .unit, parentID: "U-1")
        let deeper = try withUnit.inserting(subUnit)
        #expect(deeper.ancestors(of: "U-2").map(\.id) == ["U-1", "SE-12", "SVR-SODRA", "SE"])
        #expect(deeper.isWithin("U-2", "SVR-SODRA"))
        #expect(!deeper.isWithin("U-2", "SVR-VAST"))
        #expect(deeper.enclosing("U-2", at: .region)?.id == "SE-12")
        #expect(deeper.descendants(of: "SVR-SODRA").map(\.id) == ["SE-07", "SE-10", "SE-12", "U-1", "U-2"])

        var moved = unit
        moved.parentID = "SE-14"
        let after = try deeper.inserting(moved)
        #expect(after.isWithin("U-2", "SVR-VAST"))
        #expect(!after.isWithin("U-2", "SVR-SODRA"))
    }

    @Test func illegalShapesAreRefused() throws {
        let unit = Organisation(id: "U-1", name: "Enhet", level: .unit, parentID: "SE-12")
        let tree = try self.tree.inserting(unit)
        let underNation = Organisation(id: "U-9", name: "Fel", level: .unit, parentID: "SE")
        #expect { try tree.inserting(underNation) } throws: { ($0 as? OrganisationError)?.code == .wrongParentLevel }
        let orphan = Organisation(id: "U-9", name: "Föräldralös", level: .unit, parentID: "SE-99")
        #expect { try tree.inserting(orphan) } throws: { ($0 as? OrganisationError)?.code == .unknownParent }
        let asRegion = Organisation(id: "U-1", name: "Enhet", level: .region, parentID: "SVR-SODRA")
        #expect { try tree.inserting(asRegion) } throws: { ($0 as? OrganisationError)?.code == .levelChange }
        let child = Organisation(id: "U-2", name: "Under", level: .unit, parentID: "U-1")
        let loop = Organisation(id: "U-1", name: "Enhet", level: .unit, parentID: "U-2")
        #expect { try tree.inserting(child).inserting(loop) } throws: { ($0 as? OrganisationError)?.code == .cycle }
        #expect { try OrganisationHierarchy([unit, unit]) } throws: { ($0 as? OrganisationError)?.code == .duplicateID }
    }

    @Test func referenceDataShipsProgrammeAreasAndTheAssessmentTemplate() throws {
        let data = try ReferenceData.load()
        #expect(data.programmeAreas.count == 25)
        #expect(data.programmeAreas.contains { $0.id == "reumatiska-sjukdomar" && $0.name == "Reumatiska sjukdomar" })
        #expect(Set(data.programmeAreas.map(\.id)).count == data.programmeAreas.count)
        let template = try #require(data.assessmentTemplates.first)
        #expect(template.id == "forbattringskunskap-halsofraemjande")
        #expect(template.statements.map(\.id) == ["styrdokument", "styrgrupp", "roller-mandat", "samverkan"])
    }
}
