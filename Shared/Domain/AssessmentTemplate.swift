/// A template for an improvement self-assessment: statements that a region or unit answers with
/// how it is today, how it wants it to be, and its next step.
public struct AssessmentTemplate: Sendable, Hashable, Codable, Identifiable {
    public struct Statement: Sendable, Hashable, Codable, Identifiable {
        public let id: String
        public let text: String

        public init(id: String, text: String) {
            self.id = id
            self.text = text
        }
    }

    public let id: String
    public let title: String
    public let statements: [Statement]

    public init(id: String, title: String, statements: [Statement]) {
        self.id = id
        self.title = title
        self.statements = statements
    }
}
