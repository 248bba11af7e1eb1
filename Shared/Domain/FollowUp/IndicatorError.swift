/// Why an indicator definition (or a decision on it) was refused: a code, the field to blame and
/// a sentence that says what to do.
public struct IndicatorError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        let name: String
        /// A field is missing, malformed or out of range.
        public static let invalid = Code(name: "invalid")
        /// The change cannot be made in the indicator's present state (it has measurements).
        public static let precondition = Code(name: "precondition")
        public var description: String { name }
    }

    public let code: Code
    /// The field as the contract names it (`indicator.code`, `decision.period`).
    public let field: String
    public let message: String

    public init(_ code: Code, field: String, _ message: String) {
        self.code = code
        self.field = field
        self.message = message
    }

    public static func invalid(_ field: String, _ message: String) -> IndicatorError { IndicatorError(.invalid, field: field, message) }

    public var description: String { "\(message) (\(field))" }
}
