import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import RPC
import Storage
import SwiftProtobuf

/// One search: Swedish full text first; when nothing matches, trigram similarity (typos).
struct SupportSearch {
    typealias Request = Kunskapsloop_Catalog_V1_SearchKnowledgeSupportsRequest

    enum Mode: String { case all, fullText = "text", fuzzy }

    let request: Request
    /// The words searched for (after spelling correction, when that was needed).
    var text: String
    let sort: Kunskapsloop_Catalog_V1_SearchSort
    let statuses: [String]
    /// The owners a support may have: the requested one, and its subtree when asked for
    /// (resolved before searching, see `owners(of:)`); empty for no owner filter.
    var owners: [String] = []

    init(_ request: Request) throws(CatalogError) {
        self.request = request
        text = request.query.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count <= 200 else { throw .invalid(field: "query", "the query has \(text.count) characters; at most 200") }
        sort = request.sort == .unspecified ? (text.isEmpty ? .lastChanged : .relevance) : request.sort
        let chosen = request.statuses.compactMap { KnowledgeSupport.Status($0)?.rawValue }
        statuses = chosen.isEmpty ? ["published", "under_review"] : chosen
    }

    /// More than one condition besides status (words, filters), whose matches the planner
    /// estimates as if they were independent.
    func combinesConditions(_ mode: Mode) -> Bool { (mode == .all ? 0 : 1) + facets.count > 1 }

    /// The filters on facets (kind, audience, level, programme area, owner), one set per kind of
    /// filter; a support passes when it has a term of every set.
    var facets: [[String]] {
        [request.kinds.compactMap { KnowledgeSupport.Kind($0)?.rawValue }.map { "k:" + $0 },
         request.audiences.compactMap { KnowledgeSupport.Audience($0)?.rawValue }.map { "a:" + $0 },
         request.levels.compactMap { Organisation.Level($0)?.rawValue }.map { "l:" + $0 },
         request.programmeAreaIds.map { "p:" + $0 },
         owners.map { "o:" + $0 }].filter { !$0.isEmpty }
    }

    /// The filters as SQL over `k`, appended to `builder`. All but status are terms of the
    /// `facets` index (see migration 0105), so the database intersects them with the words in
    /// the index and reads only rows that pass. Each set is a bound array, so the planner sees
    /// the terms and can estimate how many rows pass.
    func filters(_ b: inout SQLBuilder) {
        b.add(" AND k.status = ANY(\(b.bind(statuses)))")
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

/// A page of hits: ids in order with rank, the total, the token for the next page, and the words
/// actually searched (corrected when the query as written matched nothing).
typealias SearchPage = (hits: [(UUID, Float)], total: PageTotal, next: PageToken?, mode: SupportSearch.Mode, text: String)

/// The total of a page's search: known from the page itself, or still to be counted from the
/// rows its `FROM … WHERE …` selects (on another connection, beside loading the page's supports).
enum PageTotal: Sendable {
    case known(SearchTotal)
    case uncounted(SQLBuilder, combined: Bool)
}

extension CatalogStore {
    /// Searches on one connection.
    func search(_ search: SupportSearch, pageSize: Int, after token: PageToken?, fingerprint: String) async throws -> SearchPage {
        try await read { tx in try await tx.search(search, pageSize: pageSize, after: token, fingerprint: fingerprint) }
    }

    /// The organisations whose supports a search for `owner` finds: itself, and with
    /// `descendants` every unit below it; NOT_FOUND for an unknown owner.
    func owners(of owner: String, descendants: Bool) async throws -> [String] {
        try await lookup { tx in
            let ids = try await tx.query("""
                SELECT id FROM \(unescaped: table("organisations")) WHERE id = \(owner) OR (\(descendants) AND \(owner) = ANY(ancestor_ids))
                """).decode(String.self).collect()
            guard !ids.isEmpty else { throw CatalogError.unknownOrganisation(owner, field: "owner_organisation_id") }
            return ids
        }
    }

    /// The total of `page`, counted (or estimated) on a connection of its own when not yet known.
    func total(of page: SearchPage) async throws -> SearchTotal {
        switch page.total {
        case .known(let total): total
        case .uncounted(let matching, let combined): try await read { tx in try await tx.total(of: matching, combined: combined) }
        }
    }
}

extension CatalogTransaction {
    /// A search on this one connection: without words, everything that passes the filters;
    /// with words, full text, then corrected spelling, then trigram similarity.
    fileprivate func search(_ search: SupportSearch, pageSize: Int, after token: PageToken?, fingerprint: String) async throws -> SearchPage {
        if search.text.isEmpty {
            let (hits, next, total) = try await page(search, mode: .all, size: pageSize, after: token, fingerprint: fingerprint)
            return (hits, total, next, .all, "")
        }
        // A later page goes on as the first page searched: the catalog's words may have changed
        // since, and with them what the query as typed matches or is corrected to.
        if let token, let (mode, text) = Self.searched(in: token) {
            var searched = search
            searched.text = text
            let (hits, next, total) = try await page(searched, mode: mode, size: pageSize, after: token, fingerprint: fingerprint)
            return (hits, total, next, mode, text)
        }
        var (hits, next, total) = try await page(search, mode: .fullText, size: pageSize, after: token, fingerprint: fingerprint)
        guard hits.isEmpty else { return (hits, total, next, .fullText, search.text) }
        if token != nil, case let counted = try await countHits(search, mode: .fullText), counted.count > 0 {
            return ([], .known(counted), nil, .fullText, search.text) // past the last page
        }
        // Nothing as written: try the nearest catalog words, then similar titles and tags.
        var corrected = search
        corrected.text = try await correctSpelling(search.text)
        if corrected.text != search.text {
            (hits, next, total) = try await page(corrected, mode: .fullText, size: pageSize, after: token, fingerprint: fingerprint)
            if !hits.isEmpty { return (hits, total, next, .fullText, corrected.text) }
            if token != nil, case let counted = try await countHits(corrected, mode: .fullText), counted.count > 0 {
                return ([], .known(counted), nil, .fullText, corrected.text) // past the last page
            }
        }
        (hits, next, total) = try await page(search, mode: .fuzzy, size: pageSize, after: token, fingerprint: fingerprint)
        return (hits, total, next, .fuzzy, search.text)
    }

    /// The mode and words a token's first page searched (tokens from before they were kept: nil).
    private static func searched(in token: PageToken) -> (SupportSearch.Mode, String)? {
        guard token.after.count == 4, let mode = SupportSearch.Mode(rawValue: token.after[2]), mode != .all,
              token.after[3].count <= 200 // as a query may be: a made-up token gets no more
        else { return nil }
        return (mode, token.after[3])
    }

    /// `text` with each word replaced by the most similar word of the catalog (pg_trgm
    /// similarity ≥ 0.3); words with nothing near stay as they are.
    private func correctSpelling(_ text: String) async throws -> String {
        let words = text.lowercased().split { !$0.isLetter }.map(String.init)
        guard !words.isEmpty else { return text }
        let rows = try await query("""
            SELECT w, coalesce((SELECT s.word FROM \(unescaped: table("search_words")) s WHERE s.word OPERATOR(public.%) w
                                ORDER BY public.similarity(s.word, w) DESC, s.word LIMIT 1), w)
            FROM unnest(\(words)::text[]) WITH ORDINALITY AS u(w, n) ORDER BY n
            """)
        var corrected: [String] = []
        for try await (_, word) in rows.decode((String, String).self) { corrected.append(word) }
        return corrected.joined(separator: " ")
    }

    /// Fragments of title and summary around the matches, matches in `<mark>…</mark>`.
    func highlights(_ ids: [UUID], text: String, mode: SupportSearch.Mode) async throws -> [UUID: [String]] {
        guard mode == .fullText, !ids.isEmpty else { return [:] }
        let rows = try await query("""
            SELECT k.id,
                   ts_headline('swedish', k.title, q, 'StartSel=<mark>, StopSel=</mark>, HighlightAll=true'),
                   ts_headline('swedish', k.summary, q, 'StartSel=<mark>, StopSel=</mark>, MaxFragments=2, MaxWords=18, MinWords=6')
            FROM \(unescaped: table("knowledge_supports")) k, websearch_to_tsquery('swedish', \(text)) q
            WHERE k.id = ANY(\(ids))
            """)
        var result: [UUID: [String]] = [:]
        for try await (id, title, summary) in rows.decode((UUID, String, String).self) {
            result[id] = [title, summary].filter { $0.contains("<mark>") }
        }
        return result
    }
}
