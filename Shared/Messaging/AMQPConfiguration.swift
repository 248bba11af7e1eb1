import Foundation

/// Where and how to reach RabbitMQ, parsed from an `amqp://` or `amqps://` URL such as
/// `amqp://feedback:secret@127.0.0.1:5673/kunskapsloop?heartbeat=10`.
public struct AMQPConfiguration: Sendable, Hashable {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String
    /// The virtual host; `/` when the URL has no path.
    public var vhost: String
    /// Heartbeat interval in seconds (0 disables). Default 10: a dead socket is noticed within ~20 s.
    public var heartbeat: Int
    public var useTLS: Bool
    /// Verify the broker's certificate and host name (amqps only). Default true.
    public var verifyPeer: Bool
    /// PEM file with the CA that signed the broker's certificate (amqps only).
    public var caCertificatePath: String?
    /// How long to wait for the TCP/TLS connection and the AMQP handshake. Default 5 s.
    public var connectTimeout: Duration
    /// Shown in the management UI (`connection_name` client property).
    public var connectionName: String

    /// Parses a URL.
    /// - Parameters:
    ///   - url: `amqp[s]://user:password@host[:port][/vhost][?heartbeat=N&verify=false&cacertfile=PATH]`;
    ///     the port defaults to 5672 (amqp) or 5671 (amqps), the vhost is percent-decoded.
    ///   - connectionName: the client-provided connection name.
    /// - Throws: `MessagingError` with code `.invalidConfiguration` saying what is wrong.
    public init(url: String, connectionName: String = "kunskapsloop") throws(MessagingError) {
        func invalid(_ why: String) -> MessagingError {
            MessagingError(.invalidConfiguration, "invalid AMQP URL '\(Self.redacted(url))': \(why)")
        }
        guard let parts = URLComponents(string: url) else { throw invalid("not a URL") }
        switch parts.scheme?.lowercased() {
        case "amqp": useTLS = false
        case "amqps": useTLS = true
        default: throw invalid("scheme must be amqp or amqps")
        }
        guard let host = parts.host, !host.isEmpty else { throw invalid("no host") }
        self.host = host
        port = parts.port ?? (useTLS ? 5671 : 5672)
        guard (1...65535).contains(port) else { throw invalid("port out of range") }
        user = parts.user.flatMap { $0.removingPercentEncoding } ?? "guest"
        password = parts.password.flatMap { $0.removingPercentEncoding } ?? "guest"
        let path = parts.percentEncodedPath
        if path.isEmpty || path == "/" {
            vhost = "/"
        } else {
            guard let decoded = String(path.dropFirst()).removingPercentEncoding, !decoded.contains("/") || path.contains("%2F") || path.contains("%2f") else {
                throw invalid("vhost must be one path segment (encode '/' as %2F)")
            }
            vhost = decoded
        }
        heartbeat = 10
        verifyPeer = true
        caCertificatePath = nil
        connectTimeout = .seconds(5)
        self.connectionName = connectionName
        for item in parts.queryItems ?? [] {
            switch item.name {
            case "heartbeat":
                guard let value = item.value.flatMap(Int.init), (0...600).contains(value) else {
                    throw invalid("heartbeat must be 0…600 seconds")
                }
                heartbeat = value
            case "verify":
                verifyPeer = !(item.value == "false" || item.value == "none" || item.value == "verify_none")
            case "cacertfile":
                caCertificatePath = item.value
            case "connection_timeout":
                guard let ms = item.value.flatMap(Int.init), ms > 0 else { throw invalid("connection_timeout must be milliseconds > 0") }
                connectTimeout = .milliseconds(ms)
            default:
                throw invalid("unknown option '\(item.name)' (known: heartbeat, verify, cacertfile, connection_timeout)")
            }
        }
    }

    /// The URL with its password masked, for logs and error messages.
    public static func redacted(_ url: String) -> String {
        guard var parts = URLComponents(string: url), parts.password != nil else { return url }
        parts.password = "***"
        return parts.string ?? url
    }
}
