import Contracts
import Foundation
import Logging
import Messaging
import ServiceLifecycle
import SwiftProtobuf
import Synchronization

/// Calls `<service>.<Method>` over `kl.rpc` with a correlation id and a deadline, and returns the
/// typed response or throws `RPCError`. Replies come to the client's own exclusive queue
/// (`<owner>.reply.<uuid>`, bound to `kl.replies` by its name): services may publish replies
/// there, and so need no write access to the default exchange, through which any queue could be
/// reached by name.
///
/// A `Service`: `run()` reads the replies; calls made before it is ready wait for it.
public final class RPCClient: Service, Sendable {
    private struct State {
        /// nil while starting; then whether replies can be received (and why not).
        var readiness: Result<Void, RPCError>?
        var readyWaiters: [CheckedContinuation<Result<Void, RPCError>, Never>] = []
        var pending: [String: Pending] = [:]
    }

    private struct Pending {
        let continuation: CheckedContinuation<Result<(MessageProperties, [UInt8]), RPCError>, Never>
        /// The deadline's timer, cancelled when the reply comes first.
        var timer: Task<Void, Never>?
    }

    let connection: AMQPConnection
    let appID: String
    /// The client's reply queue.
    public let replyQueue: String
    private let state = Mutex(State())

    /// - Parameters:
    ///   - connection: the connection requests go out on (replies come back on it too).
    ///   - appID: the `app_id` of requests.
    ///   - owner: the first part of the reply queue's name, which the broker user must be allowed
    ///     to configure (`kl` for the command line; default: the app id).
    public init(connection: AMQPConnection, appID: String, owner: String? = nil) {
        self.connection = connection
        self.appID = appID
        replyQueue = "\(owner ?? appID).reply.\(UUID.random().lowercasedString)"
    }

    public func run() async throws {
        let replies: AMQPConsumer
        do {
            replies = try await connection.consumeReplies(queue: replyQueue)
        } catch {
            // Callers waiting for us must not wait forever: they fail UNAVAILABLE.
            setReadiness(.failure(RPCError(.unavailable, "cannot receive replies: \(error.message)")))
            throw error
        }
        setReadiness(.success(()))
        try await cancelWhenGracefulShutdown {
            for try await reply in replies {
                guard let id = reply.properties.correlationID else { continue }
                self.finish(id, .success((reply.properties, reply.body)))
            }
        }
    }

    /// Calls `method` (`catalog.GetKnowledgeSupport`).
    /// - Parameters:
    ///   - timeout: the deadline, sent as the request's `expiration` (default 5 s).
    ///   - traceparent: W3C trace context to carry.
    ///   - messageID: the request's idempotency key (default: a new UUID). A retry of a
    ///     state-changing call with the same key gets the first call's reply, not a second effect.
    /// - Throws: the server's `RPCError`; DEADLINE_EXCEEDED when no reply comes in time;
    ///   UNIMPLEMENTED when no service is bound for the method's service name; UNAVAILABLE when
    ///   the broker cannot take the request.
    public func call<Request: SwiftProtobuf.Message, Response: SwiftProtobuf.Message>(
        _ method: String, _ request: Request, returning: Response.Type = Response.self,
        timeout: Duration = .seconds(5), traceparent: String? = nil, messageID: String? = nil
    ) async throws(RPCError) -> Response {
        try await waitUntilReady().get()
        let correlationID = UUID.random().lowercasedString
        let millis = max(1, timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        var properties = MessageProperties(
            contentType: "application/x-protobuf", type: Request.protoMessageName,
            messageID: messageID ?? UUID.random().lowercasedString, appID: appID, correlationID: correlationID,
            replyTo: replyQueue, expiration: String(millis),
            timestamp: UInt64(Date().timeIntervalSince1970), persistent: false,
            headers: [RPCHeader.deadline: .int(Int64(Date().timeIntervalSince1970 * 1000) + millis)])
        properties.traceparent = traceparent
        let requestProperties = properties
        let body: [UInt8]
        do { body = try request.serializedBytes() } catch {
            throw RPCError(.invalidArgument, "the request could not be encoded: \(error)")
        }

        // A cancelled caller stops waiting at once (CANCELLED), instead of waiting out its deadline.
        let result: Result<(MessageProperties, [UInt8]), RPCError> = await withTaskCancellationHandler {
            await send(body, method: method, properties: requestProperties, correlationID: correlationID, timeout: timeout)
        } onCancel: {
            self.finish(correlationID, .failure(RPCError(.cancelled, "the call to \(method) was cancelled")))
        }
        let (replyProperties, replyBody) = try result.get()
        let status = replyProperties.headers[RPCHeader.status]?.intValue ?? 2
        guard status == 0 else {
            if let detail = try? Contracts_ErrorDetail(serializedBytes: replyBody), detail.code.rawValue == Int(status) {
                throw RPCError(detail.code, detail.message, field: detail.field)
            }
            throw RPCError(StatusCode(rawValue: Int(status)) ?? .unknown, replyProperties.headers[RPCHeader.message]?.stringValue ?? "")
        }
        do {
            return try Response(serializedBytes: replyBody)
        } catch {
            throw RPCError(.internal, "the reply is not a valid \(Response.protoMessageName)")
        }
    }

    /// Publishes the request and waits for its reply, its deadline, a failed send or a cancel.
    private func send(
        _ body: [UInt8], method: String, properties requestProperties: MessageProperties, correlationID: String, timeout: Duration
    ) async -> Result<(MessageProperties, [UInt8]), RPCError> {
        await withCheckedContinuation { continuation in
            let cancelledAlready = state.withLock { s -> Bool in
                // A cancel that came before the call was registered finds nothing to finish.
                if Task.isCancelled { return true }
                s.pending[correlationID] = Pending(continuation: continuation)
                return false
            }
            if cancelledAlready {
                continuation.resume(returning: .failure(RPCError(.cancelled, "the call to \(method) was cancelled")))
                return
            }
            let timer = Task {
                guard (try? await Task.sleep(for: timeout)) != nil else { return }  // cancelled: the reply came
                self.finish(correlationID, .failure(RPCError(.deadlineExceeded, "no reply to \(method) within \(timeout)")))
            }
            state.withLock { $0.pending[correlationID]?.timer = timer }
            Task {
                do throws(MessagingError) {
                    try await connection.publish(body, exchange: "kl.rpc", routingKey: method, properties: requestProperties, mandatory: true, timeout: timeout)
                } catch {
                    let code: StatusCode = error.code == .unroutable ? .unimplemented : .unavailable
                    let why = error.code == .unroutable ? "no service takes requests for \(method)" : "the request could not be sent: \(error.message)"
                    self.finish(correlationID, .failure(RPCError(code, why)))
                }
            }
        }
    }

    /// Resumes the call `id` once: by its reply, its deadline or a failed send, whichever is first.
    private func finish(_ id: String, _ result: Result<(MessageProperties, [UInt8]), RPCError>) {
        guard let pending = state.withLock({ $0.pending.removeValue(forKey: id) }) else { return }
        pending.timer?.cancel()
        pending.continuation.resume(returning: result)
    }

    private func setReadiness(_ readiness: Result<Void, RPCError>) {
        let waiters = state.withLock { s in
            s.readiness = readiness
            defer { s.readyWaiters = [] }
            return s.readyWaiters
        }
        for waiter in waiters { waiter.resume(returning: readiness) }
    }

    private func waitUntilReady() async -> Result<Void, RPCError> {
        await withCheckedContinuation { continuation in
            let now = state.withLock { s -> Result<Void, RPCError>? in
                if let readiness = s.readiness { return readiness }
                s.readyWaiters.append(continuation)
                return nil
            }
            if let now { continuation.resume(returning: now) }
        }
    }
}
