import ServiceRuntime

/// The catalog's own settings, read from the environment like the common ones.
public struct CatalogConfiguration: Sendable {
    /// Days before a review-due date when the `approaching` event is raised
    /// (`KL_CATALOG_REVIEW_WINDOW_DAYS`, default 30).
    public var reviewWindowDays: Int = 30
    /// How often the review-due job looks (`KL_CATALOG_REVIEW_INTERVAL_SECONDS`, default 3600).
    public var reviewCheckInterval: Duration = .seconds(3600)

    public init() {}

    /// - Throws: `ConfigurationError` naming the bad variable.
    public init(environment: Environment) throws(ConfigurationError) {
        reviewWindowDays = try environment.int("KL_CATALOG_REVIEW_WINDOW_DAYS", default: 30, in: 0...3650)
        reviewCheckInterval = .seconds(try environment.int("KL_CATALOG_REVIEW_INTERVAL_SECONDS", default: 3600, in: 1...86_400))
    }
}
