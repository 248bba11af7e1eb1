/// A unit of work handed to a connection's thread. Exactly one of `run` or `fail` is called:
/// `run` once the connection is up (and, for publishes, not blocked by a broker alarm), `fail`
/// when the deadline passes first or the connection shuts down.
struct Job: Sendable {
    let deadline: ContinuousClock.Instant
    /// Publishes wait while the broker has blocked the connection (memory or disk alarm).
    let waitsWhileBlocked: Bool
    /// Only writes frames (publish, ack) and waits for no reply: such jobs run with the socket
    /// corked. A job that waits for a reply must not, or its request would sit in the cork.
    var onlyWrites = false
    let run: @Sendable (ConnectionLoop) -> Void
    let fail: @Sendable (MessagingError) -> Void
}

/// What the async side shares with the connection thread.
struct Mailbox {
    var jobs: [Job] = []
    var stopping = false
}
