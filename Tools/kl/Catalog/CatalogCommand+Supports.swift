import ArgumentParser
import Contracts
import Foundation
import SwiftProtobuf

extension CatalogCommand {
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a knowledge support as a draft.")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var actor: ActorOption
        @OptionGroup var fields: DraftOptions

        func run() async throws {
            let request = Kunskapsloop_Catalog_V1_CreateDraftRequest.with {
                $0.draft = fields.draft.0
                $0.actor = actor.actor
            }
            try await Invocation.run(options, "catalog.CreateDraft", request, returning: Kunskapsloop_Catalog_V1_CreateDraftResponse.self) {
                supportTable($0.knowledgeSupport)
            }
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a draft or a revision in progress (only the options given).")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var actor: ActorOption
        @Argument(help: "The support's id.") var id: String
        @OptionGroup var fields: DraftOptions

        func run() async throws {
            let (draft, mask) = fields.draft
            guard !mask.isEmpty else { throw ValidationError("give at least one field to change, e.g. --title") }
            let request = Kunskapsloop_Catalog_V1_UpdateDraftRequest.with {
                $0.id = id
                $0.draft = draft
                $0.updateMask.paths = mask
                $0.actor = actor.actor
            }
            try await Invocation.run(options, "catalog.UpdateDraft", request, returning: Kunskapsloop_Catalog_V1_UpdateDraftResponse.self) {
                supportTable($0.knowledgeSupport)
            }
        }
    }

    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Publish a draft (version 1) or a revision (next version).")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var actor: ActorOption
        @Argument(help: "The support's id.") var id: String
        @Option(help: "What changed (required for a revision).") var note: String = ""
        @Option(help: "Review-due date, YYYY-MM-DD (default: two years ahead).") var reviewDue: DateArgument?

        func run() async throws {
            let request = Kunskapsloop_Catalog_V1_PublishKnowledgeSupportRequest.with {
                $0.id = id
                $0.revisionNote = note
                if let reviewDue { $0.reviewDueOn = reviewDue.value }
                $0.actor = actor.actor
            }
            try await Invocation.run(
                options, "catalog.PublishKnowledgeSupport", request,
                returning: Kunskapsloop_Catalog_V1_PublishKnowledgeSupportResponse.self
            ) { supportTable($0.knowledgeSupport) }
        }
    }

    struct Revise: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start a revision of a published support; the published version stays in force.")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var actor: ActorOption
        @Argument(help: "The support's id.") var id: String
        @Option(help: "Why it is revised.") var reason: String = ""

        func run() async throws {
            let request = Kunskapsloop_Catalog_V1_StartRevisionRequest.with {
                $0.id = id
                $0.reason = reason
                $0.actor = actor.actor
            }
            try await Invocation.run(options, "catalog.StartRevision", request, returning: Kunskapsloop_Catalog_V1_StartRevisionResponse.self) {
                supportTable($0.knowledgeSupport)
            }
        }
    }

    struct Retire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Retire a support for good.")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var actor: ActorOption
        @Argument(help: "The support's id.") var id: String
        @Option(help: "Why (required).") var reason: String
        @Option(help: "Id of the support that replaces it.") var replacedBy: String = ""

        func run() async throws {
            let request = Kunskapsloop_Catalog_V1_RetireKnowledgeSupportRequest.with {
                $0.id = id
                $0.reason = reason
                $0.replacedByID = replacedBy
                $0.actor = actor.actor
            }
            try await Invocation.run(
                options, "catalog.RetireKnowledgeSupport", request,
                returning: Kunskapsloop_Catalog_V1_RetireKnowledgeSupportResponse.self
            ) { supportTable($0.knowledgeSupport) }
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a support by id or slug, now or at a published version.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The support's id (UUID) or slug.") var key: String
        @Option(help: "A published version number.") var version: Int32?

        func run() async throws {
            let request = Kunskapsloop_Catalog_V1_GetKnowledgeSupportRequest.with {
                if UUID(uuidString: key) != nil { $0.id = key } else { $0.slug = key }
                if let version { $0.version = version }
            }
            try await Invocation.run(options, "catalog.GetKnowledgeSupport", request, returning: Kunskapsloop_Catalog_V1_GetKnowledgeSupportResponse.self) {
                supportTable($0.knowledgeSupport, versions: $0.versions)
            }
        }
    }

    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Search the catalog (Swedish full text, typo tolerant) with filters.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Words to look for; none lists by last change.") var query: [String] = []
        @Option(help: "Kind (repeatable).") var kind: [KindArgument] = []
        @Option(help: "Audience (repeatable).") var audience: [AudienceArgument] = []
        @Option(help: "Level (repeatable).") var level: [LevelArgument] = []
        @Option(help: "Programme area id (repeatable).") var area: [String] = []
        @Option(help: "Status (repeatable; default published and under-review).") var status: [StatusArgument] = []
        @Option(help: "Owner organisation id.") var owner: String = ""
        @Flag(help: "With --owner: include organisations below it.") var descendants = false
        @Flag(help: "Most recently changed first, even with words.") var byChange = false
        @Option(help: "Hits per page (at most 100).") var pageSize: Int32 = 20
        @Option(help: "Continue from this token.") var pageToken: String = ""

        func run() async throws {
            let request = Kunskapsloop_Catalog_V1_SearchKnowledgeSupportsRequest.with {
                $0.query = query.joined(separator: " ")
                $0.kinds = kind.map(\.value)
                $0.audiences = audience.map(\.value)
                $0.levels = level.map(\.value)
                $0.programmeAreaIds = area
                $0.statuses = status.map(\.value)
                $0.ownerOrganisationID = owner
                $0.includeDescendants = descendants
                if byChange { $0.sort = .lastChanged }
                $0.page.pageSize = pageSize
                $0.page.pageToken = pageToken
            }
            try await Invocation.run(
                options, "catalog.SearchKnowledgeSupports", request,
                returning: Kunskapsloop_Catalog_V1_SearchKnowledgeSupportsResponse.self
            ) { response in
                TextTable(
                    headers: ["SLUG", "TITLE", "KIND", "STATUS", "V", "RANK"],
                    rows: response.hits.map { hit in
                        let s = hit.knowledgeSupport
                        return [s.slug, s.title, Spelling.kind(s.kind), Spelling.status(s.status), "\(s.version)", String(format: "%.3f", hit.rank)]
                    },
                    footer: (response.page.totalSizeIsEstimate ? "about " : "") + "\(response.page.totalSize) found"
                        + (response.page.nextPageToken.isEmpty ? "" : "; next page: --page-token \(response.page.nextPageToken)"))
            }
        }
    }
}
