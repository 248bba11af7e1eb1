import Foundation

/// The process environment, read through typed accessors that fail with `ConfigurationError`.
public struct Environment: Sendable {
    public let values: [String: String]

    public init(_ values: [String: String] = ProcessInfo.processInfo.environment) {
        self.values = values
    }

    /// The value, or nil when unset or empty.
    public func get(_ name: String) -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        return value
    }

    /// An integer in `range`, or `default` when unset.
    public func int(_ name: String, default value: Int, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        guard let text = get(name) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw ConfigurationError(variable: name, problem: "'\(text)' is not a whole number in \(range.lowerBound)…\(range.upperBound)")
        }
        return number
    }

    /// One of `choices`, or `default` when unset.
    public func choice(_ name: String, default value: String, from choices: [String]) throws(ConfigurationError) -> String {
        guard let text = get(name) else { return value }
        guard choices.contains(text.lowercased()) else {
            throw ConfigurationError(variable: name, problem: "'\(text)' is not one of \(choices.joined(separator: ", "))")
        }
        return text.lowercased()
    }
}
