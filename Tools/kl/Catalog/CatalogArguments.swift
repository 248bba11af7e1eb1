import ArgumentParser
import Contracts
import Domain
import Foundation
import SwiftProtobuf

// Command-line spellings of the catalog's enums: lower case with hyphens, as the domain names
// them (`care-pathway`, `healthcare-region`, `under-review`).

private func domainName(_ argument: String) -> String { argument.lowercased().replacingOccurrences(of: "-", with: "_") }

struct KindArgument: ExpressibleByArgument {
    let value: Kunskapsloop_Catalog_V1_KnowledgeSupportKind
    init?(argument: String) {
        guard let kind = KnowledgeSupport.Kind(rawValue: domainName(argument)) else { return nil }
        value = kind.contract
    }
    static var allValueStrings: [String] { KnowledgeSupport.Kind.allCases.map { $0.rawValue.replacingOccurrences(of: "_", with: "-") } }
}

struct AudienceArgument: ExpressibleByArgument {
    let value: Kunskapsloop_Common_V1_Audience
    init?(argument: String) {
        guard let audience = KnowledgeSupport.Audience(rawValue: domainName(argument)) else { return nil }
        value = audience.contract
    }
    static var allValueStrings: [String] { KnowledgeSupport.Audience.allCases.map(\.rawValue) }
}

struct LevelArgument: ExpressibleByArgument {
    let value: Kunskapsloop_Common_V1_OrganisationLevel
    let name: String
    init?(argument: String) {
        guard let level = Organisation.Level(rawValue: domainName(argument)) else { return nil }
        value = level.contract
        name = argument
    }
    var defaultValueDescription: String { name }
    static var allValueStrings: [String] { Organisation.Level.allCases.map { $0.rawValue.replacingOccurrences(of: "_", with: "-") } }
}

struct StatusArgument: ExpressibleByArgument {
    let value: Kunskapsloop_Catalog_V1_KnowledgeSupportStatus
    init?(argument: String) {
        guard let status = KnowledgeSupport.Status(rawValue: domainName(argument)) else { return nil }
        value = status.contract
    }
    static var allValueStrings: [String] { KnowledgeSupport.Status.allCases.map { $0.rawValue.replacingOccurrences(of: "_", with: "-") } }
}

struct RelationArgument: ExpressibleByArgument {
    static let names: [(String, Kunskapsloop_Catalog_V1_LinkRelation)] = [
        ("related", .related), ("patient-support-of", .patientSupportOf), ("has-patient-support", .hasPatientSupport),
        ("details", .details), ("detailed-by", .detailedBy), ("replaces", .replaces), ("replaced-by", .replacedBy),
    ]
    let value: Kunskapsloop_Catalog_V1_LinkRelation
    init?(argument: String) {
        guard let found = Self.names.first(where: { $0.0 == argument.lowercased() }) else { return nil }
        value = found.1
    }
    static var allValueStrings: [String] { names.map(\.0) }
}

struct AdoptionArgument: ExpressibleByArgument {
    static let names: [(String, Kunskapsloop_Catalog_V1_AdoptionStatus)] = [
        ("adopted", .adopted), ("planned", .planned), ("not-applicable", .notApplicable),
    ]
    let value: Kunskapsloop_Catalog_V1_AdoptionStatus
    init?(argument: String) {
        guard let found = Self.names.first(where: { $0.0 == argument.lowercased() }) else { return nil }
        value = found.1
    }
    static var allValueStrings: [String] { names.map(\.0) }
}

struct DateArgument: ExpressibleByArgument {
    let value: Kunskapsloop_Common_V1_Date
    init?(argument: String) {
        let parts = argument.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, let date = try? CivilDate(year: parts[0], month: parts[1], day: parts[2]) else { return nil }
        value = Kunskapsloop_Common_V1_Date(date)
    }
    var defaultValueDescription: String { "YYYY-MM-DD" }
}

extension Kunskapsloop_Common_V1_Date {
    /// `2028-11-22`, or empty when unset.
    var text: String {
        guard isSet else { return "" }
        return (try? civilDate()).flatMap { $0?.description } ?? ""
    }
}

/// Display names for tables, as the command line spells them.
enum Spelling {
    static func kind(_ kind: Kunskapsloop_Catalog_V1_KnowledgeSupportKind) -> String {
        KnowledgeSupport.Kind(kind)?.rawValue.replacingOccurrences(of: "_", with: "-") ?? "-"
    }
    static func status(_ status: Kunskapsloop_Catalog_V1_KnowledgeSupportStatus) -> String {
        KnowledgeSupport.Status(status)?.rawValue.replacingOccurrences(of: "_", with: "-") ?? "-"
    }
    static func level(_ level: Kunskapsloop_Common_V1_OrganisationLevel) -> String {
        Organisation.Level(level)?.rawValue.replacingOccurrences(of: "_", with: "-") ?? "-"
    }
    static func relation(_ relation: Kunskapsloop_Catalog_V1_LinkRelation) -> String {
        RelationArgument.names.first { $0.1 == relation }?.0 ?? "-"
    }
    static func adoption(_ status: Kunskapsloop_Catalog_V1_AdoptionStatus) -> String {
        AdoptionArgument.names.first { $0.1 == status }?.0 ?? "-"
    }
}
