/// A date or period that does not exist or cannot be read.
public struct PeriodError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        let name: String
        public static let invalidDate = Code(name: "invalidDate")
        public static let invalidPeriod = Code(name: "invalidPeriod")
        public static let malformed = Code(name: "malformed")
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
