/// Where and how the SMTP client sends.
public struct SMTPConfiguration: Sendable, Hashable {
    /// `smtp://host:port` (STARTTLS when `requireTLS`) or `smtps://host:port` (TLS from the start).
    public var url: String
    /// Refuse to send unless the connection is encrypted (STARTTLS on `smtp://`); default false.
    public var requireTLS: Bool
    /// AUTH credentials; none when nil.
    public var username: String?
    public var password: String?
    /// A CA bundle to trust (a local CA in tests); default the system's.
    public var caFile: String?
    /// How long connecting may take (default 10 s).
    public var connectTimeout: Duration
    /// How long a whole send may take (default 30 s).
    public var timeout: Duration

    public init(
        url: String, requireTLS: Bool = false, username: String? = nil, password: String? = nil, caFile: String? = nil,
        connectTimeout: Duration = .seconds(10), timeout: Duration = .seconds(30)
    ) {
        self.url = url
        self.requireTLS = requireTLS
        self.username = username
        self.password = password
        self.caFile = caFile
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }
}

/// A send that did not succeed: the server's reply code when it answered, curl's code otherwise.
public struct SMTPError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The SMTP reply code of the last answer (e.g. 550), 0 when the server gave none.
    public let replyCode: Int
    /// libcurl's result code (e.g. 7: could not connect, 28: timed out).
    public let curlCode: Int
    public let message: String

    public init(replyCode: Int, curlCode: Int, message: String) {
        self.replyCode = replyCode
        self.curlCode = curlCode
        self.message = message
    }

    /// A 5xx answer: the server refuses for good, retrying will not help.
    public var isPermanent: Bool { (500..<600).contains(replyCode) }

    /// `SMTP 550: mailbox unavailable`, or `curl 7: couldn't connect`.
    public var description: String {
        replyCode > 0 ? "SMTP \(replyCode): \(message)" : "curl \(curlCode): \(message)"
    }
}
