import ArgumentParser
import Foundation
import SwiftProtobuf

/// `kl catalog …`: organisations, programme areas, knowledge supports, adoption and import.
struct CatalogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Keep the catalog: organisations, programme areas, knowledge supports, adoption.",
        discussion: "Lists print as tables (or --output json). Enum values are spelled like care-pathway, healthcare-region, not-applicable.",
        subcommands: [
            Areas.self, Organisations.self, OrganisationCommand.self, UpsertOrganisation.self,
            Create.self, Update.self, Publish.self, Revise.self, Retire.self, Get.self, Search.self,
            AddBlock.self, RemoveBlock.self, Link.self, Unlink.self,
            Adopt.self, Adoptions.self, Import.self, Announce.self,
        ])
}

/// Who is making a change, recorded in the events (`--actor`, default `$USER`).
struct ActorOption: ParsableArguments {
    @Option(help: "Who makes the change (recorded in events).")
    var actor: String = ProcessInfo.processInfo.environment["USER"] ?? "kl"
}
