extension [String] {
    /// An update's field mask: applies an option only when it was given, and lists its path.
    mutating func set<Value>(_ value: Value?, _ path: String, _ apply: (Value) throws -> Void) rethrows {
        guard let value else { return }
        try apply(value)
        append(path)
    }
}
