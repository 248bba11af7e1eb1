import Domain
import Foundation

/// The reference data the suite ships (organisations, programme areas, assessment templates),
/// read from this module's bundled copies of `shared/reference`.
public struct ReferenceData: Sendable {
    public let organisations: [Organisation]
    public let programmeAreas: [ProgrammeArea]
    public let assessmentTemplates: [AssessmentTemplate]

    /// Loads and checks the bundled files.
    /// - Throws: `ReferenceDataError` naming the file that is missing or malformed.
    public static func load() throws(ReferenceDataError) -> ReferenceData {
        let orgs: OrganisationsFile = try decode("organisations")
        let areas: ProgrammeAreasFile = try decode("programme-areas")
        let templates: AssessmentTemplatesFile = try decode("assessment-templates")
        return ReferenceData(
            organisations: orgs.organisations,
            programmeAreas: areas.programmeAreas,
            assessmentTemplates: templates.templates
        )
    }

    /// The seeded hierarchy: nation, healthcare regions, regions.
    public func hierarchy() throws(OrganisationError) -> OrganisationHierarchy {
        try OrganisationHierarchy(organisations)
    }

    private static func decode<T: Decodable>(_ name: String) throws(ReferenceDataError) -> T {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Data") else {
            throw ReferenceDataError(file: "\(name).json", reason: "not found in the Reference bundle")
        }
        do {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            return try decoder.decode(T.self, from: Data(contentsOf: url))
        } catch {
            throw ReferenceDataError(file: "\(name).json", reason: "\(error)")
        }
    }
}

/// A bundled reference file that could not be read.
public struct ReferenceDataError: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let reason: String
    public var description: String { "reference data \(file): \(reason)" }
}
