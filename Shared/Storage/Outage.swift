import Foundation
import Logging
import Synchronization

/// Whether a part of a service has lost what it needs (the database, its connection), since
/// when and why: one log line when it is lost, one when it is back, and the line `/readyz`
/// shows meanwhile.
public final class Outage: Sendable {
    /// What the part is, as a person reads it: `consumer of feedback.inbound`.
    public let part: String
    private let state = Mutex<(since: Date, reason: String)?>(nil)

    public init(part: String) {
        self.part = part
    }

    /// Notes a failure; logs only the first of an outage.
    public func failed(_ reason: String, logger: Logger) {
        let first = state.withLock { s -> Bool in
            guard s == nil else { return false }
            s = (Date(), reason)
            return true
        }
        if first { logger.warning("\(part): \(reason); retrying with backoff") }
    }

    /// Notes that the part works again; logs it if it had failed.
    public func ended(logger: Logger) {
        guard
            let (since, _) = state.withLock({ s in
                defer { s = nil }
                return s
            })
        else { return }
        logger.info("\(part): working again after \(String(format: "%.1f", Date().timeIntervalSince(since))) s")
    }

    public var isOngoing: Bool { state.withLock { $0 != nil } }

    /// `consumer of feedback.inbound: database unavailable since 2026-12-06T07:52:45Z`, or nil.
    public var problem: String? {
        state.withLock { s in
            s.map { "\(part): \($0.reason) since \($0.since.formatted(.iso8601))" }
        }
    }
}
