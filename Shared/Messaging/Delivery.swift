/// A message handed to a consumer. Acknowledge it (alone or with everything before it) through
/// the `AMQPConsumer` it came from.
public struct Delivery: Sendable {
    public let body: [UInt8]
    public let properties: MessageProperties
    public let exchange: String
    public let routingKey: String
    /// True when the broker delivered this message before (to this or another consumer).
    public let redelivered: Bool
    /// The broker's tag for this delivery on its channel.
    public let deliveryTag: UInt64
    /// Which connection (after reconnects) the delivery came on; acks on an older one are moot,
    /// as the broker has already requeued what that connection held.
    let generation: UInt64
    let channel: UInt16
}
