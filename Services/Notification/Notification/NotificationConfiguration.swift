import Domain
import Foundation
import Mail
import ServiceRuntime

/// The notification service's own settings, read from the environment like the common ones.
public struct NotificationConfiguration: Sendable {
    /// Events for one recipient within this window go out as one message
    /// (`KL_NOTIFICATION_COALESCE_SECONDS`, default 60; 0 sends at once).
    public var coalescingWindow: Duration = .seconds(60)
    /// The SMTP server (`KL_NOTIFICATION_SMTP_URL`, default `smtp://127.0.0.1:2525`; `smtps://` for
    /// TLS from the start), STARTTLS required (`KL_NOTIFICATION_SMTP_STARTTLS=true`), AUTH
    /// (`KL_NOTIFICATION_SMTP_USER`, `KL_NOTIFICATION_SMTP_PASSWORD`), a CA bundle
    /// (`KL_NOTIFICATION_SMTP_CA_FILE`).
    public var smtp = SMTPConfiguration(url: "smtp://127.0.0.1:2525")
    /// The sender of e-mails (`KL_NOTIFICATION_MAIL_FROM`, default `notiser@kunskapsloop.local`),
    /// shown as "Kunskapsloop".
    public var mailFrom = "notiser@kunskapsloop.local"
    /// Dispatches in flight at once, across channels (`KL_NOTIFICATION_MAX_IN_FLIGHT`, default 16).
    public var maxInFlight = 16
    /// How long a webhook POST may take in all, connecting included (`KL_NOTIFICATION_WEBHOOK_TIMEOUT_SECONDS`, default 10).
    public var webhookTimeout: Duration = .seconds(10)
    /// Retries: attempts in all (`KL_NOTIFICATION_MAX_ATTEMPTS`, default 6), first delay
    /// (`KL_NOTIFICATION_RETRY_BASE_SECONDS`, default 30), longest delay (`KL_NOTIFICATION_RETRY_CAP_SECONDS`, default 3600).
    public var retry = RetryPolicy()
    /// How long an event about an organisation not (yet) in the projection waits for it before it
    /// is routed by the ancestors it carries and reported (`KL_NOTIFICATION_HOLD_SECONDS`, default 3600).
    public var holdTimeout: Duration = .seconds(3600)
    /// How often the dispatcher looks for due deliveries (`KL_NOTIFICATION_POLL_MILLISECONDS`, default 100).
    public var pollInterval: Duration = .milliseconds(100)
    /// How often held events past their deadline are looked for (default 60 s).
    public var heldCheckInterval: Duration = .seconds(60)
    /// The clock that decides windows, digests and retries (tests inject their own).
    public var clock: @Sendable () -> Date = { Date() }

    public init() {}

    /// - Throws: `ConfigurationError` naming the bad variable.
    public init(environment: Environment) throws(ConfigurationError) {
        coalescingWindow = .seconds(try environment.int("KL_NOTIFICATION_COALESCE_SECONDS", default: 60, in: 0...86_400))
        let url = environment.get("KL_NOTIFICATION_SMTP_URL") ?? "smtp://127.0.0.1:2525"
        guard url.hasPrefix("smtp://") || url.hasPrefix("smtps://") else {
            throw ConfigurationError(variable: "KL_NOTIFICATION_SMTP_URL", problem: "'\(url)' is not smtp://host:port or smtps://host:port")
        }
        let startTLS = try environment.choice("KL_NOTIFICATION_SMTP_STARTTLS", default: "false", from: ["true", "false"]) == "true"
        smtp = SMTPConfiguration(
            url: url, requireTLS: startTLS, username: environment.get("KL_NOTIFICATION_SMTP_USER"),
            password: environment.get("KL_NOTIFICATION_SMTP_PASSWORD"),
            caFile: environment.get("KL_NOTIFICATION_SMTP_CA_FILE"))
        mailFrom = environment.get("KL_NOTIFICATION_MAIL_FROM") ?? mailFrom
        if let problem = Recipient.emailProblem(mailFrom) {
            throw ConfigurationError(variable: "KL_NOTIFICATION_MAIL_FROM", problem: problem)
        }
        maxInFlight = try environment.int("KL_NOTIFICATION_MAX_IN_FLIGHT", default: 16, in: 1...256)
        webhookTimeout = .seconds(try environment.int("KL_NOTIFICATION_WEBHOOK_TIMEOUT_SECONDS", default: 10, in: 1...300))
        retry = RetryPolicy(
            maxAttempts: try environment.int("KL_NOTIFICATION_MAX_ATTEMPTS", default: 6, in: 1...50),
            base: .seconds(try environment.int("KL_NOTIFICATION_RETRY_BASE_SECONDS", default: 30, in: 1...86_400)),
            cap: .seconds(try environment.int("KL_NOTIFICATION_RETRY_CAP_SECONDS", default: 3600, in: 1...604_800)))
        holdTimeout = .seconds(try environment.int("KL_NOTIFICATION_HOLD_SECONDS", default: 3600, in: 0...604_800))
        pollInterval = .milliseconds(try environment.int("KL_NOTIFICATION_POLL_MILLISECONDS", default: 100, in: 10...60_000))
    }
}
