import ServiceRuntime

/// The follow-up service's own settings, read from the environment like the common ones.
public struct FollowUpConfiguration: Sendable {
    public init() {}

    /// - Throws: `ConfigurationError` naming the bad variable.
    public init(environment: Environment) throws(ConfigurationError) {}
}
