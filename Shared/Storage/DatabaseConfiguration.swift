import Foundation
import NIOSSL
import PostgresNIO

/// Where and how to reach PostgreSQL, parsed from a URL such as
/// `postgres://feedback:secret@127.0.0.1:5433/kunskapsloop?sslmode=disable`.
public struct DatabaseConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    /// libpq's names: `disable`, `prefer` (default), `require`, `verify-ca`, `verify-full`.
    public var sslMode: String
    /// Connections in the pool (default 10, `?pool_size=N`).
    public var maximumConnections: Int
    /// PEM file of the CA that signed the server's certificate (`?sslrootcert=PATH`), for
    /// `verify-ca` / `verify-full`; the system's trust store otherwise.
    public var sslRootCertificate: String?
    /// The service's schema: connections start with `search_path` set to it (then `public`,
    /// where extensions live), so prepared statements, whose text cannot name a schema, find the
    /// service's tables. Not part of the URL: the service sets it to its own name.
    public var schema: String?

    /// - Throws: `StorageError` with `.invalidConfiguration` saying what is wrong.
    public init(url: String) throws(StorageError) {
        func invalid(_ why: String) -> StorageError {
            StorageError(.invalidConfiguration, "invalid database URL '\(Self.redacted(url))': \(why)")
        }
        guard let parts = URLComponents(string: url) else { throw invalid("not a URL") }
        guard ["postgres", "postgresql"].contains(parts.scheme?.lowercased() ?? "") else {
            throw invalid("scheme must be postgres or postgresql")
        }
        guard let host = parts.host, !host.isEmpty else { throw invalid("no host") }
        guard let user = parts.user?.removingPercentEncoding, !user.isEmpty else { throw invalid("no user") }
        let database = String(parts.percentEncodedPath.dropFirst()).removingPercentEncoding ?? ""
        guard !database.isEmpty, !database.contains("/") else { throw invalid("no database name in the path") }
        self.host = host
        self.port = parts.port ?? 5432
        self.user = user
        self.password = parts.password?.removingPercentEncoding
        self.database = database
        self.sslMode = "prefer"
        self.maximumConnections = 10
        self.sslRootCertificate = nil
        self.schema = nil
        for item in parts.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                let mode = item.value ?? ""
                guard ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"].contains(mode) else {
                    throw invalid("sslmode '\(mode)' is not one of disable, allow, prefer, require, verify-ca, verify-full")
                }
                sslMode = mode
            case "sslrootcert":
                guard let path = item.value, !path.isEmpty else { throw invalid("sslrootcert needs a file path") }
                sslRootCertificate = path
            case "pool_size":
                guard let n = item.value.flatMap(Int.init), (1...200).contains(n) else { throw invalid("pool_size must be 1…200") }
                maximumConnections = n
            default:
                throw invalid("unknown option '\(item.name)' (known: sslmode, sslrootcert, pool_size)")
            }
        }
    }

    /// postgres-nio's configuration, with TLS as `sslmode` asks.
    public var clientConfiguration: PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS
        switch sslMode {
        case "disable": tls = .disable
        case "allow", "prefer": tls = .prefer(Self.tls(verify: false))
        case "require": tls = .require(Self.tls(verify: false))
        default: tls = .require(Self.tls(verify: true, hostname: sslMode == "verify-full", root: sslRootCertificate))
        }
        var config = PostgresClient.Configuration(host: host, port: port, username: user, password: password, database: database, tls: tls)
        config.options.maximumConnections = maximumConnections
        config.options.connectTimeout = .seconds(5)
        config.options.additionalStartupParameters = startupParameters
        return config
    }

    /// The same settings for a single connection outside the pool (the outbox relay's leader
    /// connection: closing it releases its session locks).
    public func connectionConfiguration() throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        switch sslMode {
        case "disable": tls = .disable
        case "allow", "prefer": tls = .prefer(try NIOSSLContext(configuration: Self.tls(verify: false)))
        case "require": tls = .require(try NIOSSLContext(configuration: Self.tls(verify: false)))
        default: tls = .require(try NIOSSLContext(configuration: Self.tls(verify: true, hostname: sslMode == "verify-full", root: sslRootCertificate)))
        }
        var config = PostgresConnection.Configuration(host: host, port: port, username: user, password: password, database: database, tls: tls)
        config.options.additionalStartupParameters = startupParameters
        return config
    }

    /// Settings sent when a connection starts (any server setting may be; PostgreSQL applies them
    /// to the session).
    private var startupParameters: [(String, String)] {
        schema.map { [("search_path", "\($0), public")] } ?? []
    }

    private static func tls(verify: Bool, hostname: Bool = false, root: String? = nil) -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        // libpq's `require` encrypts without checking the certificate; `verify-ca` checks the
        // chain, `verify-full` the chain and the host name.
        if !verify {
            tls.certificateVerification = .none
        } else {
            tls.certificateVerification = hostname ? .fullVerification : .noHostnameVerification
            if let root { tls.trustRoots = .file(root) }
        }
        return tls
    }

    /// The URL with its password masked.
    public static func redacted(_ url: String) -> String {
        guard var parts = URLComponents(string: url), parts.password != nil else { return url }
        parts.password = "***"
        return parts.string ?? url
    }
}
