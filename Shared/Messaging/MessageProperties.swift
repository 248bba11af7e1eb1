/// The AMQP basic properties Kunskapsloop uses, as a value.
public struct MessageProperties: Sendable, Hashable {
    public var contentType: String?
    /// The protobuf full name of the body, e.g. `kunskapsloop.feedback.v1.FeedbackSubmitted`.
    public var type: String?
    /// The idempotency key (a UUID).
    public var messageID: String?
    /// The producer.
    public var appID: String?
    public var correlationID: String?
    public var replyTo: String?
    /// Per-message TTL in milliseconds, as AMQP writes it (a decimal string).
    public var expiration: String?
    /// Seconds since 1970.
    public var timestamp: UInt64?
    /// Delivery mode 2: the broker writes the message to disk.
    public var persistent: Bool
    public var headers: [String: HeaderValue]
    /// The received `message_id`'s bytes when they are not text (not UTF-8, or holding a NUL):
    /// `messageID` then holds a lossy reading (U+FFFD in their place) that two different ids can
    /// share, so it must never serve as a key. nil for every id that reads exactly.
    public var unreadableMessageID: [UInt8]?

    public init(
        contentType: String? = nil, type: String? = nil, messageID: String? = nil, appID: String? = nil,
        correlationID: String? = nil, replyTo: String? = nil, expiration: String? = nil,
        timestamp: UInt64? = nil, persistent: Bool = true, headers: [String: HeaderValue] = [:]
    ) {
        self.contentType = contentType
        self.type = type
        self.messageID = messageID
        self.appID = appID
        self.correlationID = correlationID
        self.replyTo = replyTo
        self.expiration = expiration
        self.timestamp = timestamp
        self.persistent = persistent
        self.headers = headers
    }

    /// A header value. AMQP tables hold more kinds; these are the ones we read and write.
    public enum HeaderValue: Sendable, Hashable, CustomStringConvertible {
        case string(String)
        case int(Int64)
        case bool(Bool)

        public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
        public var intValue: Int64? {
            switch self {
            case .int(let i): i
            case .string(let s): Int64(s)
            case .bool: nil
            }
        }

        public var description: String {
            switch self {
            case .string(let s): s
            case .int(let i): String(i)
            case .bool(let b): String(b)
            }
        }
    }

    /// The W3C trace context, carried from incoming to outgoing messages.
    public var traceparent: String? {
        get { headers["traceparent"]?.stringValue }
        set { headers["traceparent"] = newValue.map(HeaderValue.string) }
    }
}
