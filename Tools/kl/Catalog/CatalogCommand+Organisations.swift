import ArgumentParser
import Contracts
import Foundation
import SwiftProtobuf

extension CatalogCommand {
    struct Areas: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the national programme areas.")
        @OptionGroup var options: GlobalOptions
        @Flag(help: "Include merged or closed areas.") var all = false

        func run() async throws {
            try await Invocation.run(
                options, "catalog.ListProgrammeAreas", Kunskapsloop_Catalog_V1_ListProgrammeAreasRequest.with { $0.includeInactive = all },
                returning: Kunskapsloop_Catalog_V1_ListProgrammeAreasResponse.self
            ) { response in
                TextTable(headers: ["ID", "NAME"], rows: response.programmeAreas.map { [$0.id, $0.name + ($0.active ? "" : " (inactive)")] })
            }
        }
    }

    struct Organisations: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "orgs", abstract: "List a subtree of organisations, depth first.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "Root of the subtree (default: the nation).") var root: String = ""
        @Option(help: "Only these levels (repeatable).") var level: [LevelArgument] = []
        @Option(help: "Rows per page (at most 100).") var pageSize: Int32 = 100
        @Option(help: "Continue from this token.") var pageToken: String = ""

        func run() async throws {
            let request = Kunskapsloop_Catalog_V1_ListOrganisationsRequest.with {
                $0.rootID = root
                $0.levels = level.map(\.value)
                $0.page.pageSize = pageSize
                $0.page.pageToken = pageToken
            }
            try await Invocation.run(options, "catalog.ListOrganisations", request, returning: Kunskapsloop_Catalog_V1_ListOrganisationsResponse.self) {
                response in
                TextTable(
                    headers: ["ID", "NAME", "LEVEL", "PARENT"],
                    rows: response.organisations.map { org in
                        [org.id, String(repeating: "  ", count: org.ancestorIds.count) + org.name, Spelling.level(org.level), org.parentID]
                    },
                    footer: "\(response.page.totalSize) in all"
                        + (response.page.nextPageToken.isEmpty ? "" : "; next page: --page-token \(response.page.nextPageToken)"))
            }
        }
    }

    struct OrganisationCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "org", abstract: "Show one organisation and its children.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The organisation's id, e.g. SE-03.") var id: String

        func run() async throws {
            try await Invocation.run(
                options, "catalog.GetOrganisation", Kunskapsloop_Catalog_V1_GetOrganisationRequest.with { $0.id = id },
                returning: Kunskapsloop_Catalog_V1_GetOrganisationResponse.self
            ) { response in
                let org = response.organisation
                return TextTable(
                    headers: ["ID", "NAME", "LEVEL", "HSA-ID"],
                    rows: [[org.id, org.name, Spelling.level(org.level), org.hsaID]]
                        + response.children.map { ["  " + $0.id, $0.name, Spelling.level($0.level), $0.hsaID] },
                    footer: "within: " + (org.ancestorIds.isEmpty ? "-" : org.ancestorIds.joined(separator: " › ")))
            }
        }
    }

    struct UpsertOrganisation: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "org-upsert", abstract: "Add an organisation (a unit, usually) or change one; a new --parent moves it.")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var actor: ActorOption
        @Option(help: "Its id (empty: a new UUID).") var id: String = ""
        @Option(help: "Display name.") var name: String
        @Option(help: "national, healthcare-region, region or unit.") var level: LevelArgument = LevelArgument(argument: "unit")!
        @Option(help: "The parent organisation's id.") var parent: String = ""
        @Option(name: .customLong("hsa-id"), help: "HSA-id of a unit.") var hsaID: String = ""
        @Option(help: "County code (länskod) of a region.") var countyCode: String = ""

        func run() async throws {
            let request = Kunskapsloop_Catalog_V1_UpsertOrganisationRequest.with {
                $0.organisation.id = id
                $0.organisation.name = name
                $0.organisation.level = level.value
                $0.organisation.parentID = parent
                $0.organisation.hsaID = hsaID
                $0.organisation.countyCode = countyCode
                $0.actor = actor.actor
            }
            try await Invocation.run(options, "catalog.UpsertOrganisation", request, returning: Kunskapsloop_Catalog_V1_UpsertOrganisationResponse.self) {
                response in
                TextTable(
                    headers: ["ID", "NAME", "LEVEL", "PARENT", ""],
                    rows: [
                        [
                            response.organisation.id, response.organisation.name, Spelling.level(response.organisation.level),
                            response.organisation.parentID, response.created ? "created" : "updated",
                        ]
                    ])
            }
        }
    }
}
