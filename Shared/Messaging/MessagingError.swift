/// A failure talking to RabbitMQ. Shaped like postgres-nio's `PSQLError`: a struct with an
/// extensible `Code`, so new cases never break callers.
public struct MessagingError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        let name: String
        /// `KL_AMQP_URL` or another setting is malformed.
        public static let invalidConfiguration = Code(name: "invalidConfiguration")
        /// The TCP or TLS connection could not be opened.
        public static let connectionFailed = Code(name: "connectionFailed")
        /// The broker refused the user name or password.
        public static let authenticationFailed = Code(name: "authenticationFailed")
        /// The broker refused an operation for lack of permission (AMQP 403).
        public static let accessRefused = Code(name: "accessRefused")
        /// An exchange or queue does not exist (AMQP 404).
        public static let notFound = Code(name: "notFound")
        /// A declaration clashes with what exists (AMQP 406).
        public static let preconditionFailed = Code(name: "preconditionFailed")
        /// The broker closed a channel for another reason.
        public static let channelClosed = Code(name: "channelClosed")
        /// The connection dropped; work in flight was not confirmed.
        public static let connectionLost = Code(name: "connectionLost")
        /// The broker answered a publish with `basic.nack`.
        public static let nacked = Code(name: "nacked")
        /// A mandatory publish matched no queue.
        public static let unroutable = Code(name: "unroutable")
        /// The operation's deadline passed (broker unreachable or blocked by an alarm).
        public static let timeout = Code(name: "timeout")
        /// The connection is shutting down and takes no more work.
        public static let shutdown = Code(name: "shutdown")
        /// librabbitmq reported an unexpected failure.
        public static let protocolError = Code(name: "protocolError")
        public var description: String { name }
    }

    public let code: Code
    public let message: String
    /// The AMQP reply code (403, 404, 406, …) when the broker gave one.
    public let replyCode: Int?

    public init(_ code: Code, _ message: String, replyCode: Int? = nil) {
        self.code = code
        self.message = message
        self.replyCode = replyCode
    }

    public var description: String { message }
}
