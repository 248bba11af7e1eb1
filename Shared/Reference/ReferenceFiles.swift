import Domain

// The shapes of the JSON files in Data/, mapped to Domain values.

struct OrganisationsFile: Decodable {
    struct Nation: Decodable {
        let id: String
        let name: String
    }
    struct Region: Decodable {
        let id: String
        let code: String
        let name: String
    }
    struct HealthcareRegion: Decodable {
        let id: String
        let name: String
        let regions: [Region]
    }

    let nation: Nation
    let healthcareRegions: [HealthcareRegion]

    var organisations: [Organisation] {
        var result = [Organisation(id: nation.id, name: nation.name, level: .national, parentID: nil)]
        for hr in healthcareRegions {
            result.append(Organisation(id: hr.id, name: hr.name, level: .healthcareRegion, parentID: nation.id))
            for region in hr.regions {
                result.append(Organisation(id: region.id, name: region.name, level: .region, parentID: hr.id, countyCode: region.code))
            }
        }
        return result
    }
}

struct ProgrammeAreasFile: Decodable {
    let programmeAreas: [ProgrammeArea]
}

struct AssessmentTemplatesFile: Decodable {
    let templates: [AssessmentTemplate]
}
