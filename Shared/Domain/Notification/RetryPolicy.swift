/// How failed sends are retried: exponential backoff with jitter, up to a number of attempts.
/// A permanent refusal is not retried at all.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included (default 6).
    public var maxAttempts: Int
    /// The delay after the first failure, before jitter (default 30 s).
    public var base: Duration
    /// The longest delay (default 1 h).
    public var cap: Duration

    public init(maxAttempts: Int = 6, base: Duration = .seconds(30), cap: Duration = .seconds(3600)) {
        self.maxAttempts = maxAttempts
        self.base = base
        self.cap = cap
    }

    /// The wait before the next attempt after `attempts` failed ones, or nil when that was the
    /// last. "Equal jitter": half the exponential delay fixed, half random, so replicas retrying
    /// the same receiver spread out yet never retry at once.
    /// - Parameters:
    ///   - random: a value in 0..<1 (the caller's generator; tests pass their own).
    public func delay(afterAttempts attempts: Int, random: Double) -> Duration? {
        guard attempts >= 1, attempts < maxAttempts else { return nil }
        let exponential = base * (1 << min(attempts - 1, 30))
        let capped = min(exponential, cap)
        let fraction = 0.5 + 0.5 * min(max(random, 0), 1)
        return capped * fraction
    }
}

/// How an attempt ended when it did not succeed.
public enum DeliveryFailure: Sendable, Hashable, CustomStringConvertible {
    /// The receiver refused for good: no retry (SMTP 5xx, HTTP 4xx other than 408 and 429).
    case permanent(String)
    /// Worth trying again later: timeouts, refused connections, SMTP 4xx, HTTP 5xx, 408, 429.
    case transient(String)

    /// How a webhook's HTTP status ends an attempt; nil for 2xx (delivered).
    public static func http(status: Int) -> DeliveryFailure? {
        switch status {
        case 200..<300: nil
        case 408, 429: .transient("HTTP \(status)")
        case 400..<500: .permanent("HTTP \(status)")
        default: .transient("HTTP \(status)")
        }
    }

    /// How an SMTP reply code ends an attempt; nil for a 2xx/3xx reply (accepted).
    public static func smtp(replyCode: Int, message: String) -> DeliveryFailure? {
        switch replyCode {
        case 200..<400: nil
        case 500..<600: .permanent("SMTP \(replyCode) \(message)")
        default: .transient(replyCode > 0 ? "SMTP \(replyCode) \(message)" : message)
        }
    }

    public var isPermanent: Bool { if case .permanent = self { true } else { false } }

    public var description: String {
        switch self {
        case .permanent(let text), .transient(let text): text
        }
    }
}
