/// A message handed to a consumer. Acknowledge it (alone or with everything before it) through
/// the `AMQPConsumer` it came from.
///
/// A class, not a struct: a delivery passes through batches, intake messages and envelopes, and
/// each copy of a struct this size retained and released every one of its strings (measured:
/// 7 % of the feedback service's CPU). It is immutable, so sharing it is safe.
public final class Delivery: Sendable {
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

    init(
        body: [UInt8], properties: MessageProperties, exchange: String, routingKey: String, redelivered: Bool,
        deliveryTag: UInt64, generation: UInt64, channel: UInt16
    ) {
        self.body = body
        self.properties = properties
        self.exchange = exchange
        self.routingKey = routingKey
        self.redelivered = redelivered
        self.deliveryTag = deliveryTag
        self.generation = generation
        self.channel = channel
    }
}
