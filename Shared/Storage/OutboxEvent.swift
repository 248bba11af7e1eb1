import Foundation
import Messaging

/// An event to publish once the transaction that wrote it commits.
public struct OutboxEvent: Sendable, Hashable {
    public let messageID: UUID
    public let exchange: String
    public let routingKey: String
    /// The protobuf full name of the body.
    public let type: String
    public let body: [UInt8]
    public let traceparent: String?
    public let correlationID: String?

    /// - Parameters:
    ///   - exchange: default `kl.events`.
    ///   - traceparent: carried from the message that caused this event, when there was one.
    public init(
        routingKey: String, type: String, body: [UInt8], exchange: String = "kl.events",
        messageID: UUID = .random(), traceparent: String? = nil, correlationID: String? = nil
    ) {
        self.messageID = messageID
        self.exchange = exchange
        self.routingKey = routingKey
        self.type = type
        self.body = body
        self.traceparent = traceparent
        self.correlationID = correlationID
    }

    /// The AMQP properties the relay publishes it with.
    func properties(appID: String, createdAt: Date) -> MessageProperties {
        var properties = MessageProperties(
            contentType: "application/x-protobuf", type: type, messageID: messageID.lowercasedString,
            appID: appID, correlationID: correlationID, timestamp: UInt64(createdAt.timeIntervalSince1970), persistent: true)
        properties.traceparent = traceparent
        return properties
    }
}
