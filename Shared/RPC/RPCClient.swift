import Contracts
import Foundation
import Logging
import Messaging
import ServiceLifecycle
import SwiftProtobuf
import Synchronization

/// Calls `<service>.<Method>` over `kl.rpc` with direct reply-to, a correlation id and a deadline,
/// and returns the typed response or throws `RPCError`.
///
/// A `Service`: `run()` reads the replies; calls made before it is ready wait for it.
public final class RPCClient: Service, Sendable {
    private struct State {
        var ready = false
        var readyWaiters: [CheckedContinuation<Void, Never>] = []
        var pending: [String: CheckedContinuation<Result<(MessageProperties, [UInt8]), RPCError>, Never>] = [:]
    }

    let connection: AMQPConnection
    let appID: String
    private let state = Mutex(State())

    /// - Parameters:
    ///   - connection: the connection requests go out on (replies come back on it too).
    ///   - appID: the `app_id` of requests.
    public init(connection: AMQPConnection, appID: String) {
        self.connection = connection
        self.appID = appID
    }

    public func run() async throws {
        let replies = try await connection.consumeDirectReplies()
        let waiters = state.withLock { s in
            s.ready = true
            defer { s.readyWaiters = [] }
            return s.readyWaiters
        }
        for waiter in waiters { waiter.resume() }
        try await cancelWhenGracefulShutdown {
            for try await reply in replies {
                guard let id = reply.properties.correlationID else { continue }
                let waiter = self.state.withLock { $0.pending.removeValue(forKey: id) }
                waiter?.resume(returning: .success((reply.properties, reply.body)))
            }
        }
    }

    /// Calls `method` (`catalog.GetKnowledgeSupport`).
    /// - Parameters:
    ///   - timeout: the deadline, sent as the request's `expiration` (default 5 s).
    ///   - traceparent: W3C trace context to carry.
    /// - Throws: the server's `RPCError`; DEADLINE_EXCEEDED when no reply comes in time;
    ///   UNIMPLEMENTED when no service is bound for the method's service name; UNAVAILABLE when
    ///   the broker cannot take the request.
    public func call<Request: SwiftProtobuf.Message, Response: SwiftProtobuf.Message>(
        _ method: String, _ request: Request, returning: Response.Type = Response.self,
        timeout: Duration = .seconds(5), traceparent: String? = nil
    ) async throws(RPCError) -> Response {
        await waitUntilReady()
        let correlationID = UUID().uuidString.lowercased()
        let millis = max(1, timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        var properties = MessageProperties(
            contentType: "application/x-protobuf", type: Request.protoMessageName,
            messageID: UUID().uuidString.lowercased(), appID: appID, correlationID: correlationID,
            replyTo: RPCHeader.replyTo, expiration: String(millis),
            timestamp: UInt64(Date().timeIntervalSince1970), persistent: false,
            headers: [RPCHeader.deadline: .int(Int64(Date().timeIntervalSince1970 * 1000) + millis)])
        properties.traceparent = traceparent
        let requestProperties = properties
        let body: [UInt8]
        do { body = try request.serializedBytes() } catch {
            throw RPCError(.invalidArgument, "the request could not be encoded: \(error)")
        }

        let result: Result<(MessageProperties, [UInt8]), RPCError> = await withCheckedContinuation { continuation in
            self.state.withLock { $0.pending[correlationID] = continuation }
            Task {
                do throws(MessagingError) {
                    try await connection.publish(body, exchange: "kl.rpc", routingKey: method, properties: requestProperties, mandatory: true, timeout: timeout)
                } catch {
                    let code: StatusCode = error.code == .unroutable ? .unimplemented : .unavailable
                    let why = error.code == .unroutable ? "no service takes requests for \(method)" : "the request could not be sent: \(error.message)"
                    self.finish(correlationID, .failure(RPCError(code, why)))
                }
            }
            Task {
                try? await Task.sleep(for: timeout)
                self.finish(correlationID, .failure(RPCError(.deadlineExceeded, "no reply to \(method) within \(timeout)")))
            }
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

    private func finish(_ id: String, _ result: Result<(MessageProperties, [UInt8]), RPCError>) {
        state.withLock { $0.pending.removeValue(forKey: id) }?.resume(returning: result)
    }

    private func waitUntilReady() async {
        await withCheckedContinuation { continuation in
            let now = state.withLock { s -> Bool in
                if s.ready { return true }
                s.readyWaiters.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }
}
