/// One support a search found, with its rank (higher is better; 0 when there were no words).
public struct KnowledgeSupportSearchHit: Sendable, Hashable {
    public let id: String
    public let rank: Float

    public init(id: String, rank: Float) {
        self.id = id
        self.rank = rank
    }
}
