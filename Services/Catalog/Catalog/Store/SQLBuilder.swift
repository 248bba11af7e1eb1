import PostgresNIO

/// Builds a statement whose shape depends on the request, still with every value a bind.
struct SQLBuilder: Sendable {
    private(set) var sql = ""
    private(set) var binds = PostgresBindings()

    /// Appends raw SQL text (never user input).
    mutating func add(_ text: String) { sql += text }

    /// Binds `value` and returns its placeholder (`$3`).
    mutating func bind(_ value: some PostgresDynamicTypeEncodable) -> String {
        binds.append(value)
        return "$\(binds.count)"
    }

    var query: PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: binds) }
}
