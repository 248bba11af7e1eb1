import Domain

@testable import Notification

/// Our signature, for the test that shows the receiver's library refusing what does not match.
enum WebhookSignatureProbe {
    static func signature(body: [UInt8], id: String, timestamp: String) -> String {
        WebhookChannel.signature(key: WebhookSecret.key(testWebhookSecret) ?? [], id: id, timestamp: timestamp, body: body)
    }
}
