import Domain
import Foundation
import Messaging
import PostgresNIO
import Storage

extension CatalogStore {
    /// One page in `mode`, where the next starts, and its total when the page itself tells it. A
    /// one-word search by relevance reads its postings in rank order (migration 0106) and stops
    /// at the page; any other ranks every match once and keeps the page's in a top-N sort.
    func page(
        _ search: SupportSearch, mode: SupportSearch.Mode, size: Int, after cursor: SearchCursor?
    ) async throws
        -> ([KnowledgeSupportSearchHit], SearchCursor?, PageTotal)
    {
        var matching = SQLBuilder()  // `FROM … WHERE …` over `k`: what the total counts
        let rank = search.source(&matching, mode: mode, table: table)
        search.filters(&matching)
        let relevance = search.sort == .relevance
        let after = cursor?.position
        /// The keyset condition: after the cursor's last hit in the order of `rank`, `id`.
        func keyset(_ b: inout SQLBuilder, rank: String, id: String) {
            guard let (position, last) = after else { return }
            if relevance, let r = Float(position) {
                b.add(" AND (\(rank) < \(b.bind(r))::real OR (\(rank) = \(b.bind(r))::real AND \(id) > \(b.bind(last))))")
            } else if !relevance, let micros = Int64(position) {
                b.add(" AND (k.updated_at, k.id) < (timestamptz 'epoch' + \(b.bind(micros)) * interval '1 microsecond', \(b.bind(last)))")
            }
        }
        func fetch(_ statement: PostgresQuery) async throws -> [(UUID, Float, Int64)] {
            try await query(statement).decode((UUID, Float, Int64).self).collect()
        }
        var hits: [(UUID, Float, Int64)] = []
        if mode == .fullText, relevance, search.text.allSatisfy({ $0.isLetter || $0.isNumber }) {
            // One word, if it stems to one lexeme: its postings in rank order, each looked up by
            // id for the filters until the page is full. The lookup is a subquery of its own
            // (OFFSET 0), so the planner cannot make it a join that reads every filtered row
            // first (it did, for an owner's subtree: 20 ms instead of 2). At most 25 postings a
            // hit are looked at: a filter that passes fewer leaves the page short, and the
            // matches are ranked instead, where the filters' index narrows them first.
            var b = SQLBuilder()
            b.add(
                """
                SELECT k.id, p.rank, (extract(epoch FROM k.updated_at) * 1000000)::bigint
                FROM (SELECT p.id, p.rank FROM \(table("search_postings")) p WHERE p.lexeme = (
                    SELECT CASE WHEN numnode(q) = 1 THEN (SELECT lexeme FROM unnest(q::text::tsvector)) END
                    FROM websearch_to_tsquery('swedish', \(b.bind(search.text))) q)
                """)
            keyset(&b, rank: "p.rank", id: "p.id")
            b.add(
                " ORDER BY p.rank DESC, p.id ASC LIMIT \(25 * (size + 1))) p CROSS JOIN LATERAL (SELECT k.id, k.updated_at FROM \(table("search_documents")) k WHERE k.id = p.id"
            )
            search.filters(&b)
            b.add(" OFFSET 0) k ORDER BY p.rank DESC, p.id ASC LIMIT \(size + 1)")
            hits = try await fetch(b.query)
        }
        if hits.count <= size {
            // Several words, one that stems to none or several, a selective filter, or the last
            // page: rank every match. Both ways give the same ranks in the same order, so the
            // pages of one search may come from either.
            var b = matching
            keyset(&b, rank: rank, id: "k.id")
            let order = relevance ? "rank DESC, k.id ASC" : "k.updated_at DESC, k.id DESC"
            hits = try await fetch(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT k.id, \(rank) AS rank, (extract(epoch FROM k.updated_at) * 1000000)::bigint
                        \(b.sql) ORDER BY \(order) LIMIT \(size + 1)
                        """, binds: b.binds))
        }
        var next: SearchCursor?
        if hits.count > size {
            hits.removeLast()
            let last = hits[hits.count - 1]
            next = SearchCursor(position: (relevance ? "\(last.1)" : "\(last.2)", last.0), searched: (mode, search.text))
        }
        // A first page with room to spare holds every match; otherwise they are counted later.
        let total: PageTotal =
            cursor == nil && next == nil
            ? .known(SearchTotal(count: hits.count)) : .uncounted(matching, combined: search.combinesConditions(mode))
        return (hits.map { KnowledgeSupportSearchHit(id: $0.0.lowercasedString, rank: $0.1) }, next, total)
    }

    /// The matches of `search` in `mode` (see `total(of:combined:)`).
    func countHits(_ search: SupportSearch, mode: SupportSearch.Mode) async throws -> SearchTotal {
        var b = SQLBuilder()
        _ = search.source(&b, mode: mode, table: table)
        search.filters(&b)
        return try await total(of: b, combined: search.combinesConditions(mode))
    }
}
