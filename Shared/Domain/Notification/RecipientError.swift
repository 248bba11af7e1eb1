/// A recipient that cannot be stored: the field to blame (as the contract names it, e.g.
/// `webhook.url`) and what is wrong with it, in words a caller can act on.
public struct RecipientError: Error, Sendable, Hashable, CustomStringConvertible {
    public let field: String
    public let message: String

    public init(field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}
