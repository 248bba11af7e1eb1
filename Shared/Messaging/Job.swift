/// A unit of work handed to a connection's thread. Exactly one of `run` or `fail` is called:
/// `run` once the connection is up (and, for publishes, not blocked by a broker alarm), `fail`
/// when the deadline passes first or the connection shuts down.
struct Job: Sendable {
    let deadline: ContinuousClock.Instant
    /// Publishes wait while the broker has blocked the connection (memory or disk alarm).
    let waitsWhileBlocked: Bool
    let run: @Sendable (ConnectionLoop) -> Void
    let fail: @Sendable (MessagingError) -> Void
}

/// What the async side shares with the connection thread.
struct Mailbox {
    var jobs: [Job] = []
    var stopping = false
}
