import Contracts
import Domain
import Foundation
import Messaging
import RPC

/// Checks and normalises what an editor wrote, using the domain's rules, and applies field masks.
enum DraftContent {
    /// The fields `UpdateDraft` can set, by their proto names.
    static let fields: Set<String> = [
        "slug", "title", "summary", "kind", "audiences", "level", "owner_organisation_id", "programme_area_id",
        "url", "tags", "icd10_codes", "review_due_on",
    ]

    /// `draft` trimmed and normalised (slug from the title when empty, tags lower case without
    /// repeats, ICD-10 codes upper case), or INVALID_ARGUMENT naming the first bad field.
    /// - Parameter forPublish: also require what publishing needs (an audience).
    static func validated(_ draft: ProtoDraft, prefix: String = "draft.", forPublish: Bool = false) throws(CatalogError) -> ProtoDraft {
        var d = draft
        d.title = draft.title.trimmingCharacters(in: .whitespacesAndNewlines)
        d.summary = draft.summary.trimmingCharacters(in: .whitespacesAndNewlines)
        d.url = draft.url.trimmingCharacters(in: .whitespacesAndNewlines)
        if d.slug.isEmpty { d.slug = KnowledgeSupport.slug(from: d.title) }
        var seen = Set<String>()
        d.tags = draft.tags.map { $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }.filter { seen.insert($0).inserted }
        d.icd10Codes = draft.icd10Codes.map { $0.trimmingCharacters(in: .whitespacesAndNewlines).uppercased() }
        // PostgreSQL text takes no NUL character: refuse it as bad input, not fail as INTERNAL.
        let texts =
            [
                ("slug", d.slug), ("title", d.title), ("summary", d.summary), ("url", d.url), ("owner_organisation_id", d.ownerOrganisationID),
                ("programme_area_id", d.programmeAreaID),
            ] + d.tags.map { ("tags", $0) } + d.icd10Codes.map { ("icd10_codes", $0) }
        for (field, value) in texts where value.unicodeScalars.contains("\u{0}") {
            throw .invalid(field: prefix + field, "contains a NUL character")
        }
        guard let kind = KnowledgeSupport.Kind(d.kind) else {
            throw .invalid(
                field: prefix + "kind",
                "set a kind (care pathway, care programme, guideline, treatment support, patient knowledge support, e-service, method, information or other)")
        }
        guard let level = Organisation.Level(d.level) else {
            throw .invalid(field: prefix + "level", "set the level it applies at: national, healthcare region, region or unit")
        }
        var audiences = Set<KnowledgeSupport.Audience>()
        for audience in d.audiences {
            guard let known = KnowledgeSupport.Audience(audience) else {
                throw .invalid(field: prefix + "audiences", "unknown audience \(audience)")
            }
            audiences.insert(known)
        }
        if forPublish && audiences.isEmpty {
            throw .precondition("cannot publish: the draft names no audience; set one with UpdateDraft")
        }
        let review: CivilDate?
        do {
            review = try d.reviewDueOn.civilDate()
        } catch {
            throw .invalid(field: prefix + "review_due_on", "\(error)")
        }
        let support = KnowledgeSupport(
            id: "", slug: d.slug, title: d.title, summary: d.summary, kind: kind,
            audiences: audiences.isEmpty ? [.professionals] : audiences, level: level,
            ownerOrganisationID: d.ownerOrganisationID, programmeAreaID: d.programmeAreaID.isEmpty ? nil : d.programmeAreaID,
            url: d.url.isEmpty ? nil : d.url, tags: d.tags, icd10Codes: d.icd10Codes, reviewDueOn: review)
        do {
            try support.validate()
        } catch {
            throw CatalogError.invalid(error, prefix: prefix)
        }
        return d
    }

    /// Copies the fields named in `mask` (all when empty) from `source` into `target`.
    static func apply(_ source: ProtoDraft, to target: inout ProtoDraft, mask: [String]) throws(CatalogError) {
        if mask.isEmpty {
            let keepReview = target.reviewDueOn
            target = source
            if !source.hasReviewDueOn && keepReview.isSet { target.reviewDueOn = keepReview }
            return
        }
        for path in mask {
            switch path {
            case "slug": target.slug = source.slug
            case "title": target.title = source.title
            case "summary": target.summary = source.summary
            case "kind": target.kind = source.kind
            case "audiences": target.audiences = source.audiences
            case "level": target.level = source.level
            case "owner_organisation_id": target.ownerOrganisationID = source.ownerOrganisationID
            case "programme_area_id": target.programmeAreaID = source.programmeAreaID
            case "url": target.url = source.url
            case "tags": target.tags = source.tags
            case "icd10_codes": target.icd10Codes = source.icd10Codes
            case "review_due_on": target.reviewDueOn = source.reviewDueOn
            default:
                throw .invalid(field: "update_mask", "\(quoted(path)) is not a field of the draft; use \(fields.sorted().joined(separator: ", "))")
            }
        }
    }

    /// The content of a checked draft as the domain value the store writes (`validated` made
    /// sure its kind and level are known).
    static func content(of d: ProtoDraft, id: UUID) -> KnowledgeSupport {
        KnowledgeSupport(
            id: id.lowercasedString, slug: d.slug, title: d.title, summary: d.summary, kind: KnowledgeSupport.Kind(d.kind) ?? .other,
            audiences: Set(d.audiences.compactMap(KnowledgeSupport.Audience.init)), level: Organisation.Level(d.level) ?? .unit,
            ownerOrganisationID: d.ownerOrganisationID, programmeAreaID: d.programmeAreaID.isEmpty ? nil : d.programmeAreaID,
            url: d.url.isEmpty ? nil : d.url, tags: d.tags, icd10Codes: d.icd10Codes, reviewDueOn: d.reviewDueOn.civilDateOrNil)
    }

    /// Whether two drafts say the same (for imports: an unchanged row changes nothing).
    static func same(_ a: ProtoDraft, _ b: ProtoDraft) -> Bool {
        var a = a
        var b = b
        a.audiences.sort { $0.rawValue < $1.rawValue }
        b.audiences.sort { $0.rawValue < $1.rawValue }
        if !a.hasReviewDueOn || !b.hasReviewDueOn {
            a.clearReviewDueOn()
            b.clearReviewDueOn()
        }
        return a == b
    }
}
