import Domain
import RPC

/// Why the catalog refused a request. Each case maps to one canonical RPC status, and its
/// message says what to do.
public enum CatalogError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A field of the request is not acceptable (INVALID_ARGUMENT).
    case invalid(field: String, String)
    /// Something the request names does not exist (NOT_FOUND).
    case notFound(field: String, String)
    /// The slug or link exists already (ALREADY_EXISTS).
    case alreadyExists(field: String, String)
    /// The state of what the request names refuses it (FAILED_PRECONDITION).
    case precondition(String)

    public var description: String { rpcError.description }

    /// The error the RPC caller sees.
    public var rpcError: RPCError {
        switch self {
        case let .invalid(field, message): .invalidArgument(message, field: field)
        case let .notFound(field, message): .notFound(message, field: field)
        case let .alreadyExists(field, message): .alreadyExists(message, field: field)
        case let .precondition(message): .failedPrecondition(message)
        }
    }

    /// A domain validation failure, with the field as the request names it (`draft.title`).
    static func invalid(_ error: KnowledgeSupportError, prefix: String = "draft.") -> CatalogError {
        .invalid(field: prefix + error.field, error.message)
    }

    static func lifecycle(_ error: LifecycleError) -> CatalogError { .precondition(error.description) }

    static func unknownSupport(_ key: String, field: String = "id") -> CatalogError {
        .notFound(field: field, "no knowledge support with \(field == "slug" ? "slug" : "id") \(quoted(key))")
    }

    static func unknownOrganisation(_ id: String, field: String) -> CatalogError {
        .notFound(field: field, "no organisation with id \(quoted(id))")
    }
}
