extension AsyncSequence where Self: Sendable {
    /// All the elements, in order: for query results small enough to hold at once.
    public func collect() async throws -> [Element] {
        var result: [Element] = []
        for try await element in self { result.append(element) }
        return result
    }
}
