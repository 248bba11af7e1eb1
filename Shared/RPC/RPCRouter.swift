import Contracts
import Foundation
import Logging
import Messaging
import SwiftProtobuf

/// What a handler knows about the request besides its message.
public struct RPCContext: Sendable {
    /// The request's `message_id`: handlers that change state can use it to stay idempotent.
    public let messageID: String?
    public let traceparent: String?
    /// When the caller stops waiting.
    public let deadline: Date?
    public let logger: Logger
}

/// The methods one service answers, each with its typed request and response.
public struct RPCRouter: Sendable {
    typealias Erased = @Sendable ([UInt8], RPCContext) async -> Outcome

    enum Outcome: Sendable {
        case success([UInt8])
        case failure(RPCError)
        /// A handler threw something other than `RPCError`.
        case unexpected(any Error)
    }

    /// The service part of the routing keys (`catalog` in `catalog.PublishKnowledgeSupport`).
    public let service: String
    private(set) var handlers: [String: Erased] = [:]
    /// Turns an error a handler did not expect into a reply (the database being away is
    /// UNAVAILABLE, not INTERNAL); nil leaves it INTERNAL.
    public var unexpectedError: @Sendable (any Error) -> RPCError? = { _ in nil }

    public init(service: String) {
        self.service = service
    }

    /// The method names registered, e.g. `CreateDraft`.
    public var methods: [String] { handlers.keys.sorted() }

    /// Registers `handler` for `<service>.<method>`.
    /// - Parameters:
    ///   - handler: throws `RPCError` for expected failures; any other error becomes INTERNAL
    ///     with a generic message (the details are logged, never sent), unless `unexpectedError`
    ///     says otherwise.
    public mutating func register<Request: SwiftProtobuf.Message, Response: SwiftProtobuf.Message>(
        _ method: String, _ handler: @escaping @Sendable (Request, RPCContext) async throws -> Response
    ) {
        handlers[method] = { bytes, context in
            let request: Request
            do {
                request = try Request(serializedBytes: bytes)
            } catch {
                return .failure(RPCError(.invalidArgument, "the request is not a valid \(Request.protoMessageName): \(error)"))
            }
            if let problem = MessageCheck.problem(in: request) { return .failure(problem) }
            do {
                let response = try await handler(request, context)
                return .success(try response.serializedBytes())
            } catch let error as RPCError {
                return .failure(error)
            } catch {
                return .unexpected(error)
            }
        }
    }

    func handle(method: String, body: [UInt8], context: RPCContext) async -> Result<[UInt8], RPCError> {
        guard let handler = handlers[method] else {
            let known = methods.isEmpty ? "it has none yet" : "it has: \(methods.joined(separator: ", "))"
            return .failure(RPCError(.unimplemented, "\(service) has no method '\(method)' (\(known))"))
        }
        switch await handler(body, context) {
        case .success(let bytes):
            return .success(bytes)
        case .failure(let error):
            return .failure(error)
        case .unexpected(let error):
            if let mapped = unexpectedError(error) {
                context.logger.warning("RPC handler failed", metadata: ["error": "\(String(reflecting: error))"])
                return .failure(mapped)
            }
            context.logger.error("RPC handler failed", metadata: ["error": "\(String(reflecting: error))"])
            return .failure(RPCError(.internal, "internal error; see the service's log (message id \(context.messageID ?? "-"))"))
        }
    }
}
