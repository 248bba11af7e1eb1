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

    init(_ request: Request) throws(CatalogError) {
        self.request = request
        text = request.query.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count <= 200 else { throw .invalid(field: "query", "the query has \(text.count) characters; at most 200") }
        sort = request.sort == .unspecified ? (text.isEmpty ? .lastChanged : .relevance) : request.sort
        let chosen = request.statuses.compactMap { KnowledgeSupport.Status($0)?.rawValue }
        statuses = chosen.isEmpty ? ["published", "under_review"] : chosen
    }

    /// The filters as SQL over `k`, appended to `builder`.
    func filters(_ b: inout SQLBuilder, table: (String) -> String) {
        let kinds = request.kinds.compactMap { KnowledgeSupport.Kind($0)?.rawValue }
        let audiences = request.audiences.compactMap { KnowledgeSupport.Audience($0)?.rawValue }
        let levels = request.levels.compactMap { Organisation.Level($0)?.rawValue }
        b.add(" AND k.status = ANY(\(b.bind(statuses)))")
        if !kinds.isEmpty { b.add(" AND k.kind = ANY(\(b.bind(kinds)))") }
        if !audiences.isEmpty { b.add(" AND k.audiences && \(b.bind(audiences))::text[]") }
        if !levels.isEmpty { b.add(" AND k.level = ANY(\(b.bind(levels)))") }
        if !request.programmeAreaIds.isEmpty { b.add(" AND k.programme_area_id = ANY(\(b.bind(request.programmeAreaIds)))") }
        if !request.ownerOrganisationID.isEmpty {
            let owner = b.bind(request.ownerOrganisationID)
            if request.includeDescendants {
                b.add(" AND (k.owner_organisation_id = \(owner) OR k.owner_organisation_id IN (SELECT id FROM \(table("organisations")) WHERE \(owner) = ANY(ancestor_ids)))")
            } else {
                b.add(" AND k.owner_organisation_id = \(owner)")
            }
        }
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
typealias SearchPage = (hits: [(UUID, Float)], total: Int, next: PageToken?, mode: SupportSearch.Mode, text: String)

extension CatalogStore {
    /// Searches on connections of its own.
    ///
    /// With no words, the page comes straight off the last-change index while a second
    /// connection counts. The two are siblings: neither holds a connection while it waits for
    /// the other's. (Counting from inside the page's connection could deadlock: with as many
    /// searches as the pool has connections, each held one and waited for a second.)
    func search(_ search: SupportSearch, pageSize: Int, after token: PageToken?, fingerprint: String) async throws -> SearchPage {
        guard search.text.isEmpty else {
            return try await read { tx in try await tx.search(search, pageSize: pageSize, after: token, fingerprint: fingerprint) }
        }
        async let counting = read { tx in try await tx.countHits(search, mode: .all) }
        let (hits, next, _) = try await read { tx in
            try await tx.page(search, mode: .all, size: pageSize, after: token, fingerprint: fingerprint, counting: false)
        }
        return (hits, try await counting, next, .all, "")
    }
}

extension CatalogTransaction {
    /// A search for words, on this one connection: full text, then corrected spelling, then
    /// trigram similarity.
    fileprivate func search(_ search: SupportSearch, pageSize: Int, after token: PageToken?, fingerprint: String) async throws -> SearchPage {
        // A later page goes on as the first page searched: the catalog's words may have changed
        // since, and with them what the query as typed matches or is corrected to.
        if let token, let (mode, text) = Self.searched(in: token) {
            var searched = search
            searched.text = text
            var (hits, next, total) = try await page(searched, mode: mode, size: pageSize, after: token, fingerprint: fingerprint, counting: true)
            if hits.isEmpty { total = try await countHits(searched, mode: mode) } // past the last page
            return (hits, total, next, mode, text)
        }
        var (hits, next, total) = try await page(search, mode: .fullText, size: pageSize, after: token, fingerprint: fingerprint, counting: true)
        guard hits.isEmpty else { return (hits, total, next, .fullText, search.text) }
        if token != nil {
            total = try await countHits(search, mode: .fullText)
            if total > 0 { return ([], total, nil, .fullText, search.text) } // past the last page
        }
        // Nothing as written: try the nearest catalog words, then similar titles and tags.
        var corrected = search
        corrected.text = try await correctSpelling(search.text)
        if corrected.text != search.text {
            (hits, next, total) = try await page(corrected, mode: .fullText, size: pageSize, after: token, fingerprint: fingerprint, counting: true)
            if !hits.isEmpty { return (hits, total, next, .fullText, corrected.text) }
            if token != nil, case let total = try await countHits(corrected, mode: .fullText), total > 0 {
                return ([], total, nil, .fullText, corrected.text) // past the last page
            }
        }
        (hits, next, total) = try await page(search, mode: .fuzzy, size: pageSize, after: token, fingerprint: fingerprint, counting: true)
        if hits.isEmpty && token != nil { total = try await countHits(search, mode: .fuzzy) }
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

    /// One page in `mode`. With `counting`, the same pass counts every match: the matches are
    /// ranked once into a materialised set of narrow rows (id, rank, time), counted from it, and
    /// the page taken from it after the keyset condition. (A `count(*) OVER ()` window did the
    /// same at twice the cost: it carries every row through the window before the sort.)
    fileprivate func page(
        _ search: SupportSearch, mode: SupportSearch.Mode, size: Int, after token: PageToken?, fingerprint: String, counting: Bool
    ) async throws -> ([(UUID, Float)], PageToken?, Int) {
        var b = SQLBuilder()
        let rank = search.source(&b, mode: mode, table: table)
        search.filters(&b, table: table)
        let relevance = search.sort == .relevance
        var keyset = "true"
        if let token, token.after.count >= 2, let id = UUID(uuidString: token.after[1]) {
            if relevance, let r = Float(token.after[0]) {
                keyset = "(s.rank < \(b.bind(r))::real OR (s.rank = \(b.bind(r))::real AND s.id > \(b.bind(id))))"
            } else if !relevance, let micros = Int64(token.after[0]) {
                keyset = "(s.updated_at, s.id) < (timestamptz 'epoch' + \(b.bind(micros)) * interval '1 microsecond', \(b.bind(id)))"
            }
        }
        let order = relevance ? "s.rank DESC, s.id ASC" : "s.updated_at DESC, s.id DESC"
        let matches = "SELECT k.id AS id, \(rank) AS rank, k.updated_at AS updated_at \(b.sql)"
        let statement = PostgresQuery(unsafeSQL: counting ? """
            WITH m AS MATERIALIZED (\(matches))
            SELECT s.id, s.rank, (extract(epoch FROM s.updated_at) * 1000000)::bigint, (SELECT count(*) FROM m)
            FROM m s WHERE \(keyset) ORDER BY \(order) LIMIT \(size + 1)
            """ : """
            SELECT s.id, s.rank, (extract(epoch FROM s.updated_at) * 1000000)::bigint, 0::bigint
            FROM (\(matches)) s WHERE \(keyset) ORDER BY \(order) LIMIT \(size + 1)
            """, binds: b.binds)
        var hits: [(UUID, Float, Int64)] = []
        var total = 0
        for try await (id, rank, changed, count) in try await query(statement).decode((UUID, Float, Int64, Int).self) {
            hits.append((id, rank, changed))
            total = count
        }
        var next: PageToken?
        if hits.count > size {
            hits.removeLast()
            let last = hits[hits.count - 1]
            next = PageToken(request: fingerprint, after: [relevance ? "\(last.1)" : "\(last.2)", last.0.uuidString, mode.rawValue, search.text])
        }
        return (hits.map { ($0.0, $0.1) }, next, total)
    }

    func countHits(_ search: SupportSearch, mode: SupportSearch.Mode) async throws -> Int {
        var b = SQLBuilder()
        b.add("SELECT count(*)")
        _ = search.source(&b, mode: mode, table: table)
        search.filters(&b, table: table)
        return try await count(b.query)
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
