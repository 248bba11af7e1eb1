import ArgumentParser
import Contracts
import Domain
import Foundation
import SwiftProtobuf

/// The editable fields of a knowledge support as options; only the ones given are sent (and, for
/// `update`, named in the field mask).
struct DraftOptions: ParsableArguments {
    @Option(help: "Title (1–200 characters).") var title: String?
    @Option(help: "URL-safe unique name (default: made from the title).") var slug: String?
    @Option(help: "Summary in plain text.") var summary: String?
    @Option(help: "Kind: \(KindArgument.allValueStrings.joined(separator: ", ")).") var kind: KindArgument?
    @Option(help: "Audience (repeatable): professionals, patients, relatives.") var audience: [AudienceArgument] = []
    @Option(help: "Level it applies at: national, healthcare-region, region, unit.") var level: LevelArgument?
    @Option(help: "Id of the owning organisation (at that level).") var owner: String?
    @Option(help: "Programme area id (`kl catalog areas`).") var area: String?
    @Option(help: "Where it is read (https URL).") var url: String?
    @Option(help: "Search keyword (repeatable).") var tag: [String] = []
    @Option(help: "ICD-10 code (repeatable), e.g. I50.0.") var icd10: [String] = []
    @Option(help: "Review-due date, YYYY-MM-DD.") var reviewDue: DateArgument?

    /// The draft and the proto names of the fields set.
    var draft: (Kunskapsloop_Catalog_V1_KnowledgeSupportDraft, [String]) {
        var d = Kunskapsloop_Catalog_V1_KnowledgeSupportDraft()
        var mask: [String] = []
        mask.set(title, "title") { d.title = $0 }
        mask.set(slug, "slug") { d.slug = $0 }
        mask.set(summary, "summary") { d.summary = $0 }
        mask.set(kind, "kind") { d.kind = $0.value }
        if !audience.isEmpty {
            d.audiences = audience.map(\.value)
            mask.append("audiences")
        }
        mask.set(level, "level") { d.level = $0.value }
        mask.set(owner, "owner_organisation_id") { d.ownerOrganisationID = $0 }
        mask.set(area, "programme_area_id") { d.programmeAreaID = $0 }
        mask.set(url, "url") { d.url = $0 }
        if !tag.isEmpty {
            d.tags = tag
            mask.append("tags")
        }
        if !icd10.isEmpty {
            d.icd10Codes = icd10
            mask.append("icd10_codes")
        }
        mask.set(reviewDue, "review_due_on") { d.reviewDueOn = $0.value }
        return (d, mask)
    }
}

/// One support as a table of its main fields, blocks and links.
func supportTable(_ s: Kunskapsloop_Catalog_V1_KnowledgeSupport, versions: [Int32] = []) -> TextTable {
    var rows: [[String]] = [
        ["id", s.id], ["slug", s.slug], ["title", s.title],
        ["status", Spelling.status(s.status) + (s.version > 0 ? " (version \(s.version))" : "")],
        ["kind", Spelling.kind(s.kind)],
        ["audiences", s.audiences.compactMap { KnowledgeSupport.Audience($0)?.rawValue }.joined(separator: ", ")],
        ["owner", "\(s.ownerOrganisation.name) (\(s.ownerOrganisation.id), \(Spelling.level(s.level)))"],
        ["programme area", s.hasProgrammeArea ? s.programmeArea.name : "-"],
        ["published", s.publishedOn.text], ["revised", s.revisedOn.text], ["review due", s.reviewDueOn.text],
        ["url", s.url], ["tags", s.tags.joined(separator: ", ")], ["icd-10", s.icd10Codes.joined(separator: ", ")],
    ]
    if !s.revisionNote.isEmpty { rows.append(["revision note", s.revisionNote]) }
    if !versions.isEmpty { rows.append(["versions", versions.map(String.init).joined(separator: ", ")]) }
    for block in s.buildingBlocks {
        rows.append(["block \(block.position)", "\(block.knowledgeSupport.slug)" + (block.knowledgeSupport.retired ? "  [RETIRED]" : "")])
    }
    for link in s.links {
        rows.append(["link", "\(Spelling.relation(link.relation)) \(link.knowledgeSupport.slug)" + (link.knowledgeSupport.retired ? "  [RETIRED]" : "")])
    }
    return TextTable(headers: ["FIELD", "VALUE"], rows: rows.filter { !$0[1].isEmpty })
}
