import Contracts
import SwiftProtobuf

typealias Contracts_ErrorDetail = Kunskapsloop_Common_V1_ErrorDetail

/// The canonical gRPC status codes, as our AMQP replies carry them (`kl-status` header).
public typealias StatusCode = Kunskapsloop_Common_V1_StatusCode

/// The failure of one RPC, shaped like grpc-swift's `RPCError`: a canonical status code, a
/// message for people, and the request field to blame when there is one.
public struct RPCError: Error, Sendable, Hashable, CustomStringConvertible {
    public let code: StatusCode
    public let message: String
    /// Dotted path of the offending request field (`draft.title`), or empty.
    public let field: String

    /// Longest message sent: a reply's headers must fit librabbitmq's frame (128 KiB); an error
    /// that echoed a huge input could not be sent, and its caller waited out its deadline.
    public static let maximumMessageLength = 1_000

    public init(_ code: StatusCode, _ message: String, field: String = "") {
        self.code = code
        self.message = message.count > Self.maximumMessageLength ? String(message.prefix(Self.maximumMessageLength)) + "…" : message
        self.field = String(field.prefix(200))
    }

    public static func invalidArgument(_ message: String, field: String) -> RPCError { RPCError(.invalidArgument, message, field: field) }
    public static func notFound(_ message: String, field: String = "") -> RPCError { RPCError(.notFound, message, field: field) }
    public static func alreadyExists(_ message: String, field: String = "") -> RPCError { RPCError(.alreadyExists, message, field: field) }
    public static func failedPrecondition(_ message: String, field: String = "") -> RPCError { RPCError(.failedPrecondition, message, field: field) }
    public static func unavailable(_ message: String) -> RPCError { RPCError(.unavailable, message) }

    /// `NOT_FOUND: no knowledge support with slug 'x' (field: slug)`.
    public var description: String {
        "\(code.name): \(message)" + (field.isEmpty ? "" : " (field: \(field))")
    }

    var detail: Kunskapsloop_Common_V1_ErrorDetail {
        .with {
            $0.code = code
            $0.message = message
            $0.field = field
        }
    }
}

extension StatusCode {
    /// The canonical upper-case name, as gRPC tools print it.
    public var name: String {
        switch self {
        case .ok: "OK"
        case .cancelled: "CANCELLED"
        case .unknown: "UNKNOWN"
        case .invalidArgument: "INVALID_ARGUMENT"
        case .deadlineExceeded: "DEADLINE_EXCEEDED"
        case .notFound: "NOT_FOUND"
        case .alreadyExists: "ALREADY_EXISTS"
        case .permissionDenied: "PERMISSION_DENIED"
        case .resourceExhausted: "RESOURCE_EXHAUSTED"
        case .failedPrecondition: "FAILED_PRECONDITION"
        case .aborted: "ABORTED"
        case .outOfRange: "OUT_OF_RANGE"
        case .unimplemented: "UNIMPLEMENTED"
        case .internal: "INTERNAL"
        case .unavailable: "UNAVAILABLE"
        case .dataLoss: "DATA_LOSS"
        case .unauthenticated: "UNAUTHENTICATED"
        case .UNRECOGNIZED(let n): "CODE_\(n)"
        }
    }
}

/// Header names of the RPC convention.
enum RPCHeader {
    static let status = "kl-status"
    static let message = "kl-message"
    static let field = "kl-field"
    /// Absolute deadline, Unix milliseconds: a server skips requests whose caller has given up.
    static let deadline = "kl-deadline"
}

/// A value from a request, quoted for an error text: `'abc'`, or its first 60 characters and its
/// length when longer (`'abcd…' (200000 characters)`), so an error never echoes a huge input.
public func quoted(_ value: String) -> String {
    guard value.count > 60 else { return "'\(value)'" }
    return "'\(value.prefix(60))…' (\(value.count) characters)"
}
