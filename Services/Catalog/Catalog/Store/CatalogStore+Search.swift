import Domain
import Foundation
import PostgresNIO
import Storage

extension CatalogStore {
    /// A search on this one connection: without words, everything that passes the filters;
    /// with words, full text, then corrected spelling, then trigram similarity.
    func search(_ search: SupportSearch, pageSize: Int, after cursor: SearchCursor?) async throws -> SearchPage {
        if search.text.isEmpty {
            let (hits, next, total) = try await page(search, mode: .all, size: pageSize, after: cursor)
            return SearchPage(hits: hits, total: total, next: next, mode: .all, text: "")
        }
        // A later page goes on as the first page searched: the catalog's words may have changed
        // since, and with them what the query as typed matches or is corrected to.
        if let (mode, text) = cursor?.searched {
            var searched = search
            searched.text = text
            let (hits, next, total) = try await page(searched, mode: mode, size: pageSize, after: cursor)
            return SearchPage(hits: hits, total: total, next: next, mode: mode, text: text)
        }
        var (hits, next, total) = try await page(search, mode: .fullText, size: pageSize, after: cursor)
        guard hits.isEmpty else { return SearchPage(hits: hits, total: total, next: next, mode: .fullText, text: search.text) }
        if cursor != nil, case let counted = try await countHits(search, mode: .fullText), counted.count > 0 {
            return SearchPage(hits: [], total: .known(counted), next: nil, mode: .fullText, text: search.text)  // past the last page
        }
        // Nothing as written: try the nearest catalog words, then similar titles and tags.
        var corrected = search
        corrected.text = try await correctSpelling(search.text)
        if corrected.text != search.text {
            (hits, next, total) = try await page(corrected, mode: .fullText, size: pageSize, after: cursor)
            if !hits.isEmpty { return SearchPage(hits: hits, total: total, next: next, mode: .fullText, text: corrected.text) }
            if cursor != nil, case let counted = try await countHits(corrected, mode: .fullText), counted.count > 0 {
                return SearchPage(hits: [], total: .known(counted), next: nil, mode: .fullText, text: corrected.text)  // past the last page
            }
        }
        (hits, next, total) = try await page(search, mode: .fuzzy, size: pageSize, after: cursor)
        return SearchPage(hits: hits, total: total, next: next, mode: .fuzzy, text: search.text)
    }

    /// The organisations whose supports a search for `owner` finds: itself, and with
    /// `descendants` every organisation below it; empty for an unknown owner.
    func owners(of owner: String, descendants: Bool) async throws -> [String] {
        try await query(
            """
            SELECT id FROM \(unescaped: table("organisations")) WHERE id = \(owner) OR (\(descendants) AND \(owner) = ANY(ancestor_ids))
            """
        ).decode(String.self).collect()
    }

    /// The total of a page's search, counted (or estimated) when the page did not tell it.
    func total(of page: SearchPage) async throws -> SearchTotal {
        switch page.total {
        case .known(let total): total
        case .uncounted(let matching, let combined): try await total(of: matching, combined: combined)
        }
    }

    /// `text` with each word replaced by the most similar word of the catalog (pg_trgm
    /// similarity ≥ 0.3); words with nothing near stay as they are.
    private func correctSpelling(_ text: String) async throws -> String {
        let words = text.lowercased().split { !$0.isLetter }.map(String.init)
        guard !words.isEmpty else { return text }
        let rows = try await query(
            """
            SELECT w, coalesce((SELECT s.word FROM \(unescaped: table("search_words")) s WHERE s.word OPERATOR(public.%) w
                                ORDER BY public.similarity(s.word, w) DESC, s.word LIMIT 1), w)
            FROM unnest(\(words)::text[]) WITH ORDINALITY AS u(w, n) ORDER BY n
            """)
        var corrected: [String] = []
        for try await (_, word) in rows.decode((String, String).self) { corrected.append(word) }
        return corrected.joined(separator: " ")
    }

    /// Fragments of title and summary around the matches, matches in `<mark>…</mark>`, by support.
    func highlights(_ ids: [UUID], text: String, mode: SupportSearch.Mode) async throws -> [UUID: [String]] {
        guard mode == .fullText, !ids.isEmpty else { return [:] }
        let rows = try await query(
            """
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
