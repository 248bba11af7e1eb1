import ServiceRuntime

/// The feedback service's own settings, read from the environment like the common ones.
public struct FeedbackConfiguration: Sendable {
    /// How long a submission naming a knowledge support the projection does not know is kept
    /// waiting for the catalog's event before it is rejected as UNKNOWN_KNOWLEDGE_SUPPORT
    /// (`KL_FEEDBACK_UNKNOWN_SUPPORT_RETRY_SECONDS`, default 300).
    public var unknownSupportRetry: Duration = .seconds(300)
    /// How often waiting submissions past their deadline are looked for
    /// (`KL_FEEDBACK_PENDING_CHECK_SECONDS`, default 10).
    public var pendingCheckInterval: Duration = .seconds(10)
    /// How long after its last day a period counts as closed, so late-arriving feedback still
    /// lands before the first summary (`KL_FEEDBACK_PERIOD_GRACE_SECONDS`, default 86400, a day).
    public var periodGrace: Duration = .seconds(86_400)
    /// How often closed periods are looked for and their summaries emitted
    /// (`KL_FEEDBACK_SUMMARY_INTERVAL_SECONDS`, default 60).
    public var summaryInterval: Duration = .seconds(60)
    /// How far in the future occurred_at may lie (`KL_FEEDBACK_MAX_CLOCK_SKEW_SECONDS`, default 300).
    public var maxClockSkewSeconds: Int64 = 300

    public init() {}

    /// - Throws: `ConfigurationError` naming the bad variable.
    public init(environment: Environment) throws(ConfigurationError) {
        unknownSupportRetry = .seconds(try environment.int("KL_FEEDBACK_UNKNOWN_SUPPORT_RETRY_SECONDS", default: 300, in: 0...604_800))
        pendingCheckInterval = .seconds(try environment.int("KL_FEEDBACK_PENDING_CHECK_SECONDS", default: 10, in: 1...3600))
        periodGrace = .seconds(try environment.int("KL_FEEDBACK_PERIOD_GRACE_SECONDS", default: 86_400, in: 0...2_592_000))
        summaryInterval = .seconds(try environment.int("KL_FEEDBACK_SUMMARY_INTERVAL_SECONDS", default: 60, in: 1...86_400))
        maxClockSkewSeconds = Int64(try environment.int("KL_FEEDBACK_MAX_CLOCK_SKEW_SECONDS", default: 300, in: 0...86_400))
    }
}

extension Duration {
    /// Whole seconds (the settings are whole seconds).
    var seconds: Int64 { components.seconds }
}
