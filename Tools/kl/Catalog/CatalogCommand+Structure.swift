import ArgumentParser
import Contracts
import Foundation
import SwiftProtobuf

extension CatalogCommand {
    struct AddBlock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "block-add", abstract: "Add a support as a building block of another.")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var actor: ActorOption
        @Argument(help: "The support that gets the block (id).") var id: String
        @Argument(help: "The support used as a block (id).") var block: String
        @Option(help: "0-based position (default: last).") var position: Int32?

        func run() async throws {
            let request = Kunskapsloop_Catalog_V1_AddBuildingBlockRequest.with {
                $0.knowledgeSupportID = id
                $0.buildingBlockID = block
                if let position { $0.position = position }
                $0.actor = actor.actor
            }
            try await Invocation.run(options, "catalog.AddBuildingBlock", request, returning: Kunskapsloop_Catalog_V1_AddBuildingBlockResponse.self) {
                supportTable($0.knowledgeSupport)
            }
        }
    }

    struct RemoveBlock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "block-remove", abstract: "Remove a building block.")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var actor: ActorOption
        @Argument(help: "The support that has the block (id).") var id: String
        @Argument(help: "The block to remove (id).") var block: String

        func run() async throws {
            let request = Kunskapsloop_Catalog_V1_RemoveBuildingBlockRequest.with {
                $0.knowledgeSupportID = id
                $0.buildingBlockID = block
                $0.actor = actor.actor
            }
            try await Invocation.run(options, "catalog.RemoveBuildingBlock", request, returning: Kunskapsloop_Catalog_V1_RemoveBuildingBlockResponse.self) {
                supportTable($0.knowledgeSupport)
            }
        }
    }

    struct Link: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Link two supports; the link shows from both ends.")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var actor: ActorOption
        @Argument(help: "The support the relation is stated from (id).") var source: String
        @Argument(help: "The other support (id).") var target: String
        @Option(help: "How the source relates to the target: \(RelationArgument.allValueStrings.joined(separator: ", ")).")
        var relation: RelationArgument = RelationArgument(argument: "related")!

        func run() async throws {
            let request = Kunskapsloop_Catalog_V1_LinkKnowledgeSupportsRequest.with {
                $0.sourceID = source
                $0.targetID = target
                $0.relation = relation.value
                $0.actor = actor.actor
            }
            try await Invocation.run(options, "catalog.LinkKnowledgeSupports", request, returning: Kunskapsloop_Catalog_V1_LinkKnowledgeSupportsResponse.self) {
                supportTable($0.knowledgeSupport)
            }
        }
    }

    struct Unlink: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove the link between two supports.")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var actor: ActorOption
        @Argument(help: "One end (id).") var source: String
        @Argument(help: "The other end (id).") var target: String

        func run() async throws {
            let request = Kunskapsloop_Catalog_V1_UnlinkKnowledgeSupportsRequest.with {
                $0.sourceID = source
                $0.targetID = target
                $0.actor = actor.actor
            }
            try await Invocation.run(
                options, "catalog.UnlinkKnowledgeSupports", request, returning: Kunskapsloop_Catalog_V1_UnlinkKnowledgeSupportsResponse.self
            ) {
                supportTable($0.knowledgeSupport)
            }
        }
    }

    struct Adopt: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record where a unit stands with a published support.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The support (id).") var support: String
        @Argument(help: "The unit (id).") var unit: String
        @Option(help: "adopted, planned or not-applicable.") var status: AdoptionArgument
        @Option(help: "adopted: the day (default today); planned: the planned day (required).") var date: DateArgument?
        @Option(help: "not-applicable: why (required); otherwise a note.") var reason: String = ""
        @Option(help: "Who records it.") var by: String = ProcessInfo.processInfo.environment["USER"] ?? "kl"

        func run() async throws {
            let request = Kunskapsloop_Catalog_V1_RecordAdoptionRequest.with {
                $0.knowledgeSupportID = support
                $0.unitID = unit
                $0.status = status.value
                if let date {
                    if status.value == .planned { $0.plannedOn = date.value } else { $0.adoptedOn = date.value }
                }
                $0.reason = reason
                $0.recordedBy = by
            }
            try await Invocation.run(options, "catalog.RecordAdoption", request, returning: Kunskapsloop_Catalog_V1_RecordAdoptionResponse.self) {
                adoptionTable([$0.adoption], tally: nil)
            }
        }
    }

    struct Adoptions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List adoption in an organisation (or its subtree), with totals.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "A unit, or the region whose units to list.") var organisation: String
        @Option(help: "Only this support (id); also counts units without a record.") var support: String = ""
        @Flag(help: "Include the units below the organisation.") var descendants = false
        @Option(help: "Only these statuses (repeatable).") var status: [AdoptionArgument] = []
        @Option(help: "Rows per page (at most 100).") var pageSize: Int32 = 100
        @Option(help: "Continue from this token.") var pageToken: String = ""

        func run() async throws {
            let request = Kunskapsloop_Catalog_V1_ListAdoptionsRequest.with {
                $0.organisationID = organisation
                $0.knowledgeSupportID = support
                $0.includeDescendants = descendants
                $0.statuses = status.map(\.value)
                $0.page.pageSize = pageSize
                $0.page.pageToken = pageToken
            }
            try await Invocation.run(options, "catalog.ListAdoptions", request, returning: Kunskapsloop_Catalog_V1_ListAdoptionsResponse.self) {
                var table = adoptionTable($0.adoptions, tally: $0.tally)
                if !$0.page.nextPageToken.isEmpty { table.footer! += "; next page: --page-token \($0.page.nextPageToken)" }
                return table
            }
        }
    }
}

func adoptionTable(_ adoptions: [Kunskapsloop_Catalog_V1_Adoption], tally: Kunskapsloop_Catalog_V1_AdoptionTally?) -> TextTable {
    TextTable(
        headers: ["UNIT", "SUPPORT", "V", "STATUS", "DATE", "REASON"],
        rows: adoptions.map { a in
            [
                a.unit.name, a.knowledgeSupportID, "\(a.knowledgeSupportVersion)", Spelling.adoption(a.status),
                a.status == .planned ? a.plannedOn.text : a.adoptedOn.text, a.reason,
            ]
        },
        footer: tally.map { "adopted \($0.adoptedCount), planned \($0.plannedCount), not applicable \($0.notApplicableCount), no record \($0.unrecordedCount)" }
    )
}
