import Logging
import PostgresNIO

/// The check that a service's connections find its tables by their bare names, which its
/// prepared statements rely on (their text cannot carry a schema).
public enum SearchPath {
    /// Throws unless unqualified names on `client`'s connections resolve in `schema` first.
    public static func require(_ schema: String, on client: PostgresClient, logger: Logger) async throws {
        var current: String?
        for try await name in try await client.query("SELECT current_schema()", logger: logger).decode(String?.self) {
            current = name
        }
        guard current == schema else {
            throw StorageError(
                .invalidConfiguration,
                """
                database connections resolve table names in schema '\(current ?? "(none)")', not in the service's \
                schema '\(schema)': the service starts each connection with search_path = \(schema), public, \
                so something in between (a connection pooler?) dropped that setting
                """)
        }
    }
}
