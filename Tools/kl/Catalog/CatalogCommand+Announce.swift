import ArgumentParser
import Contracts
import Foundation
import SwiftProtobuf

extension CatalogCommand {
    struct Announce: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Have the catalog publish its state again, for a service that joins or was reset.",
            discussion: """
                The catalog writes an event for every organisation (parents first), every published, under-review and \
                retired knowledge support, and every adoption, in batches. Services keep the newest state, so announcing \
                twice changes nothing. A large catalog takes a while: raise --timeout (a timed-out call may still be \
                announcing; asking again is harmless).
                """)
        @OptionGroup var options: GlobalOptions
        @OptionGroup var actor: ActorOption
        @Option(help: "Only this part (repeatable): organisations, knowledge-supports or adoptions. Default: all.")
        var only: [PartArgument] = []

        func run() async throws {
            let request = Kunskapsloop_Catalog_V1_AnnounceCatalogRequest.with {
                $0.parts = only.map(\.value)
                $0.actor = actor.actor
            }
            try await Invocation.run(options, "catalog.AnnounceCatalog", request, returning: Kunskapsloop_Catalog_V1_AnnounceCatalogResponse.self) { response in
                TextTable(
                    headers: ["ANNOUNCED", "EVENTS"],
                    rows: [
                        ["organisations", "\(response.organisationCount)"],
                        ["knowledge supports (published, under review)", "\(response.knowledgeSupportCount)"],
                        ["knowledge supports (retired)", "\(response.retiredCount)"],
                        ["adoptions", "\(response.adoptionCount)"],
                    ])
            }
        }
    }
}

struct PartArgument: ExpressibleByArgument {
    static let names: [(String, Kunskapsloop_Catalog_V1_CatalogPart)] = [
        ("organisations", .organisations), ("knowledge-supports", .knowledgeSupports), ("adoptions", .adoptions),
    ]
    let value: Kunskapsloop_Catalog_V1_CatalogPart
    init?(argument: String) {
        guard let found = Self.names.first(where: { $0.0 == argument.lowercased() }) else { return nil }
        value = found.1
    }
    static var allValueStrings: [String] { names.map(\.0) }
}
