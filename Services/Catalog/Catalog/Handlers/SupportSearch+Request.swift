import Contracts
import Domain
import Foundation

extension SupportSearch {
    /// The search a request asks for: its words trimmed (at most 200 characters), the order
    /// (by relevance when there are words, else by last change), statuses (default published
    /// and under review) and filters.
    init(_ request: Kunskapsloop_Catalog_V1_SearchKnowledgeSupportsRequest) throws(CatalogError) {
        text = request.query.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count <= 200 else { throw .invalid(field: "query", "the query has \(text.count) characters; at most 200") }
        sort =
            switch request.sort {
            case .unspecified: text.isEmpty ? .lastChanged : .relevance
            case .relevance: .relevance
            default: .lastChanged
            }
        let chosen = request.statuses.compactMap(KnowledgeSupport.Status.init)
        statuses = chosen.isEmpty ? [.published, .underReview] : chosen
        kinds = request.kinds.compactMap(KnowledgeSupport.Kind.init)
        audiences = request.audiences.compactMap(KnowledgeSupport.Audience.init)
        levels = request.levels.compactMap(Organisation.Level.init)
        programmeAreaIDs = request.programmeAreaIds
    }
}
