/// A series or option that cannot be analysed.
public struct VariationError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        let name: String
        /// The series has no points.
        public static let emptySeries = Code(name: "emptySeries")
        /// Periods are not of one granularity, or not strictly increasing.
        public static let periodsOutOfOrder = Code(name: "periodsOutOfOrder")
        /// A value is not finite, negative where it cannot be, or a proportion above 1.
        public static let invalidValue = Code(name: "invalidValue")
        /// The chart type needs denominators and a point has none.
        public static let missingDenominator = Code(name: "missingDenominator")
        /// An option is out of range (baseline length, phase break, rule lengths).
        public static let invalidOption = Code(name: "invalidOption")
        public var description: String { name }
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
