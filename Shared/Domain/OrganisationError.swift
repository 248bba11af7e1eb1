/// Why an organisation or a change to the hierarchy was refused.
public struct OrganisationError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        let name: String
        public static let duplicateID = Code(name: "duplicateID")
        public static let missingParent = Code(name: "missingParent")
        public static let unknownParent = Code(name: "unknownParent")
        public static let wrongParentLevel = Code(name: "wrongParentLevel")
        public static let levelChange = Code(name: "levelChange")
        public static let cycle = Code(name: "cycle")
        public var description: String { name }
    }

    public let code: Code
    /// The organisation the error is about.
    public let organisationID: String
    public let message: String

    public init(_ code: Code, _ organisationID: String, _ message: String) {
        self.code = code
        self.organisationID = organisationID
        self.message = message
    }

    public var description: String { message }
}
