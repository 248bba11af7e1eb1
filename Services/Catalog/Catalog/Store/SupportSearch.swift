import Domain
import Foundation

/// One search as the store runs it: Swedish full text first; when nothing matches, the nearest
/// words of the catalog, then trigram similarity (typos). Filters combine with AND, the values of
/// one filter with OR; an empty filter does not filter.
struct SupportSearch: Sendable {
    enum Mode: String, Sendable {
        case all
        case fullText = "text"
        case fuzzy
    }
    enum Sort: Sendable { case relevance, lastChanged }

    /// The words searched for (after spelling correction, when that was needed).
    var text: String
    var sort: Sort
    /// Never empty: the handler defaults it to published and under review.
    var statuses: [KnowledgeSupport.Status]
    var kinds: [KnowledgeSupport.Kind] = []
    var audiences: [KnowledgeSupport.Audience] = []
    var levels: [Organisation.Level] = []
    var programmeAreaIDs: [String] = []
    /// The owners a support may have: the requested one, and its subtree when asked for
    /// (resolved before searching, see `owners(of:descendants:)`); empty for no owner filter.
    var owners: [String] = []

    /// More than one condition besides status (words, filters), whose matches the planner
    /// estimates as if they were independent.
    func combinesConditions(_ mode: Mode) -> Bool { (mode == .all ? 0 : 1) + facets.count > 1 }

    /// The filters on facets (kind, audience, level, programme area, owner), one set per kind of
    /// filter; a support passes when it has a term of every set.
    var facets: [[String]] {
        [
            kinds.map { "k:" + $0.rawValue }, audiences.map { "a:" + $0.rawValue }, levels.map { "l:" + $0.rawValue },
            programmeAreaIDs.map { "p:" + $0 }, owners.map { "o:" + $0 },
        ].filter { !$0.isEmpty }
    }

    /// The filters as SQL over `k`, appended to `builder`. All but status are terms of the
    /// `facets` index (see migration 0105), so the database intersects them with the words in
    /// the index and reads only rows that pass. Each set is a bound array, so the planner sees
    /// the terms and can estimate how many rows pass.
    func filters(_ b: inout SQLBuilder) {
        b.add(" AND k.status = ANY(\(b.bind(statuses.map(\.rawValue))))")
        for terms in facets { b.add(" AND k.facets && \(b.bind(terms))::text[]") }
    }

    /// `FROM … WHERE …` of mode `mode` over the narrow `search_documents`, with the rank expression.
    func source(_ b: inout SQLBuilder, mode: Mode, table: (String) -> String) -> String {
        switch mode {
        case .all:
            b.add(" FROM \(table("search_documents")) k WHERE true")
            return "0::real"
        case .fullText:
            b.add(" FROM \(table("search_documents")) k, websearch_to_tsquery('swedish', \(b.bind(text))) q WHERE k.search @@ q")
            return "ts_rank(k.search, q)"
        case .fuzzy:
            // pg_trgm's word-similarity threshold (0.6): one typo in a word of eight letters or more.
            let t = b.bind(text.lowercased())
            b.add(" FROM \(table("search_documents")) k WHERE \(t) OPERATOR(public.<%) k.fuzzy")
            return "public.word_similarity(\(t), k.fuzzy)"
        }
    }
}

/// Where a later page of a search starts, and how its first page searched.
struct SearchCursor: Sendable {
    /// The last hit served: its sort key as text (its rank, or its change time in microseconds)
    /// and its id; nil when the token did not say.
    var position: (key: String, id: UUID)?
    /// The mode and words the first page searched (tokens from before they were kept: nil).
    var searched: (mode: SupportSearch.Mode, text: String)?
}

/// A page of hits in order, its total, where the next page starts (nil on the last), and the
/// words actually searched (corrected when the query as written matched nothing).
struct SearchPage: Sendable {
    var hits: [KnowledgeSupportSearchHit]
    var total: PageTotal
    var next: SearchCursor?
    var mode: SupportSearch.Mode
    var text: String
}

/// The total of a page's search: known from the page itself, or still to be counted from the
/// rows its `FROM … WHERE …` selects (on another connection, beside loading the page's supports).
enum PageTotal: Sendable {
    case known(SearchTotal)
    case uncounted(SQLBuilder, combined: Bool)
}
