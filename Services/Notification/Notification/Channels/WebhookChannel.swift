import AsyncHTTPClient
import Crypto
import Domain
import Foundation
import NIOCore
import NIOHTTP1

/// POSTs a dispatch as JSON, signed the Standard Webhooks way: `webhook-id` (the dispatch id,
/// the same on every retry, so receivers drop repeats), `webhook-timestamp` (Unix seconds, so
/// receivers refuse replays) and `webhook-signature: v1,<base64 HMAC-SHA256(key, id.timestamp.body)>`.
/// One deadline bounds the whole request; redirects are not followed.
struct WebhookChannel: Sendable {
    let client: HTTPClient
    let timeout: Duration

    /// nil when the receiver answered 2xx; otherwise how the attempt failed.
    func send(url: String, secret: String, dispatchID: String, body: [UInt8], at date: Date) async -> DeliveryFailure? {
        guard let key = WebhookSecret.key(secret) else { return .permanent("the recipient's webhook secret is not usable") }
        let timestamp = String(Int64(date.timeIntervalSince1970))
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "Kunskapsloop-Notification/1")
        request.headers.add(name: "webhook-id", value: dispatchID)
        request.headers.add(name: "webhook-timestamp", value: timestamp)
        request.headers.add(name: "webhook-signature", value: Self.signature(key: key, id: dispatchID, timestamp: timestamp, body: body))
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await client.execute(request, timeout: .nanoseconds(Int64(DeliverySchedule.seconds(timeout) * 1e9)))
            // Read (a little of) the answer, so the connection can be reused.
            _ = try? await response.body.collect(upTo: 64 * 1024)
            return DeliveryFailure.http(status: Int(response.status.code))
        } catch {
            return .transient(Self.describe(error))
        }
    }

    /// `v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`.
    static func signature(key: [UInt8], id: String, timestamp: String, body: [UInt8]) -> String {
        var message = Array("\(id).\(timestamp).".utf8)
        message += body
        let code = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key))
        return "v1," + Data(code).base64EncodedString()
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            if error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout { return "timed out" }
            return "HTTP client: \(error)"
        }
        return "\(error)"
    }

    /// The client the dispatcher uses: short connect timeout, no redirects.
    static func makeClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(5))
        configuration.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }
}
