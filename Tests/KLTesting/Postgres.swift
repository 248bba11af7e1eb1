import Logging
import Messaging
import PostgresNIO
import Storage

extension LocalStack {
    /// A URL for one of the stack's roles (password = role name), or the superuser.
    public static func databaseURL(user: String, password: String? = nil) -> String {
        let password = password ?? (user == "postgres" ? (env("KL_PG_SUPERUSER_PASSWORD") ?? "postgres") : user)
        return "postgres://\(user):\(password)@\(host):\(postgresPort)/kunskapsloop?sslmode=disable&pool_size=8"
    }
}

extension LocalStack {
    /// The superuser's database settings (tests' scratch schemas belong to it).
    public static func superuserDatabase() throws -> DatabaseConfiguration {
        try DatabaseConfiguration(url: databaseURL(user: "postgres"))
    }
}

/// Runs `body` with a running `PostgresClient` as `user`, its connections starting in `schema`
/// when given (as a service's do).
public func withPostgresClient<T: Sendable>(
    user: String = "postgres", password: String? = nil, schema: String? = nil,
    _ body: @Sendable (PostgresClient) async throws -> T
) async throws -> T {
    var config = try DatabaseConfiguration(url: LocalStack.databaseURL(user: user, password: password))
    config.schema = schema
    let client = PostgresClient(configuration: config.clientConfiguration, backgroundLogger: LocalStack.logger)
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { await client.run() }
        defer { group.cancelAll() }
        return try await body(client)
    }
}

/// Runs `body` with a fresh schema of its own (dropped afterwards), as the superuser; the
/// client's connections find unqualified names in it first, as a service's connections do in
/// the service's schema.
public func withScratchSchema<T: Sendable>(
    _ body: @Sendable (PostgresClient, String) async throws -> T
) async throws -> T {
    let schema = LocalStack.uniqueName("t")
    return try await withPostgresClient(schema: schema) { client in
        try await client.query("CREATE SCHEMA \(unescaped: schema)", logger: LocalStack.logger)
        do {
            let result = try await body(client, schema)
            try await client.query("DROP SCHEMA \(unescaped: schema) CASCADE", logger: LocalStack.logger)
            return result
        } catch {
            _ = try? await client.query("DROP SCHEMA \(unescaped: schema) CASCADE", logger: LocalStack.logger)
            throw error
        }
    }
}

extension OutboxRelay {
    /// A relay of a test's scratch schema (owned by the superuser), as a service runs one.
    public static func scratch(
        _ db: PostgresClient, schema: String, amqp: AMQPConnection, configuration: OutboxRelay.Configuration = .init(appID: "relay-test")
    ) throws -> OutboxRelay {
        OutboxRelay(
            database: try Database(client: db, schema: schema, logger: LocalStack.logger),
            listenConfiguration: try LocalStack.superuserDatabase(), connection: amqp,
            configuration: configuration, logger: LocalStack.logger)
    }
}
