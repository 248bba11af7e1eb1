import ServiceRuntime

/// The follow-up service's own settings, read from the environment like the common ones.
public struct FollowUpConfiguration: Sendable {
    /// How often overdue next steps are looked for (`KL_FOLLOWUP_OVERDUE_INTERVAL_SECONDS`, default 3600).
    public var overdueCheckInterval: Duration = .seconds(3600)
    /// Deliveries per transaction on `followup.inbound` (`KL_FOLLOWUP_INTAKE_BATCH`, default 20;
    /// each delivery is a batch of up to 10 000 rows).
    public var intakeBatchSize = 20

    /// All defaults.
    public init() {}

    /// - Throws: `ConfigurationError` naming the bad variable.
    public init(environment: Environment) throws(ConfigurationError) {
        overdueCheckInterval = .seconds(try environment.int("KL_FOLLOWUP_OVERDUE_INTERVAL_SECONDS", default: 3600, in: 1...86_400))
        intakeBatchSize = try environment.int("KL_FOLLOWUP_INTAKE_BATCH", default: 20, in: 1...500)
    }
}
