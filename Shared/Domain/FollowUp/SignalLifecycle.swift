/// What reconciling a fresh analysis with the stored signals did to one signal.
public enum SignalTransition: Sendable, Hashable {
    /// First found and lasting, or found again lasting after being closed (`reopened`): a raised
    /// event is published.
    case raised(SignalRecord, reopened: Bool)
    /// It lasts and changed (grew, or its direction or severity moved with the definition): no event.
    case updated(SignalRecord)
    /// It ended or was removed: a closed event is published.
    case closed(SignalRecord)
    /// First found already over (history loaded late): stored closed as ended, no event — a
    /// leader is not told of a change long past as if it were news.
    case recorded(SignalRecord)
    /// A closed signal found again, still over, whose periods changed: stored, no history, no event.
    case revisedHistory(SignalRecord)

    public var record: SignalRecord {
        switch self {
        case .raised(let r, _), .updated(let r), .closed(let r), .recorded(let r), .revisedHistory(let r): r
        }
    }
}

/// The lifecycle of signals: raised once, updated while they last, closed when they end or are
/// removed, reopened when revised data brings them back. Reconciling is idempotent: the same
/// analysis against the records it produced changes nothing, so redelivery, restarts and a
/// second replica never raise a signal twice.
public enum SignalLifecycle {
    /// Compares what an analysis found with the stored signals of the same series.
    /// - Parameters:
    ///   - previous: Every stored signal (open and closed) of the series (or comparison scope)
    ///     that was analysed.
    ///   - found: What the analysis finds now, one per identity.
    ///   - at: Now, in seconds since 1970.
    ///   - cause: What caused the analysis (kept in the history).
    ///   - removal: Why an open signal the analysis no longer finds is closed.
    ///   - newID: A fresh id for a new identity.
    /// - Returns: One transition per signal that changed, in the order found, then the closed.
    public static func reconcile(
        previous: [SignalRecord], found: [SignalObservation], at: Double, cause: String,
        removal: (SignalRecord) -> SignalCloseReason, newID: () -> String
    ) -> [SignalTransition] {
        var byKey: [SignalKey: SignalRecord] = [:]
        for record in previous { byKey[record.key] = record }
        var transitions: [SignalTransition] = []
        var seen = Set<SignalKey>()
        for observation in found where seen.insert(observation.key).inserted {
            let lastPeriod = observation.periods.last ?? observation.key.onset
            guard var record = byKey[observation.key] else {
                var record = SignalRecord(
                    id: newID(), key: observation.key, side: observation.side, direction: observation.direction, severity: observation.severity,
                    phase: observation.phase, periods: observation.periods, status: .open, comparisonParentID: observation.comparisonParentID,
                    raisedAt: at, updatedAt: at, history: [])
                if observation.isCurrent {
                    record.history.append(SignalChange(kind: .raised, at: at, lastPeriod: lastPeriod, cause: cause))
                    transitions.append(.raised(record, reopened: false))
                } else {
                    record.status = .closed
                    record.closeReason = .ended
                    record.closedAt = at
                    transitions.append(.recorded(record))
                }
                continue
            }
            let changed =
                record.periods != observation.periods || record.side != observation.side || record.direction != observation.direction
                || record.severity != observation.severity || record.phase != observation.phase
            record.side = observation.side
            record.direction = observation.direction
            record.severity = observation.severity
            record.phase = observation.phase
            record.periods = observation.periods
            record.comparisonParentID = observation.comparisonParentID
            switch (record.status, observation.isCurrent) {
            case (.open, true):
                guard changed else { continue }
                record.updatedAt = at
                record.history.append(SignalChange(kind: .updated, at: at, lastPeriod: lastPeriod, cause: cause))
                transitions.append(.updated(record))
            case (.open, false):
                record.status = .closed
                record.closeReason = .ended
                record.closedAt = at
                record.updatedAt = at
                record.history.append(SignalChange(kind: .closed, at: at, lastPeriod: lastPeriod, closeReason: .ended, cause: cause))
                transitions.append(.closed(record))
            case (.closed, true):
                record.status = .open
                record.closeReason = nil
                record.closedAt = nil
                record.updatedAt = at
                record.history.append(SignalChange(kind: .reopened, at: at, lastPeriod: lastPeriod, cause: cause))
                transitions.append(.raised(record, reopened: true))
            case (.closed, false):
                guard changed else { continue }
                transitions.append(.revisedHistory(record))
            }
        }
        for record in previous where record.status == .open && !seen.contains(record.key) {
            var closed = record
            let reason = removal(record)
            closed.status = .closed
            closed.closeReason = reason
            closed.closedAt = at
            closed.updatedAt = at
            closed.history.append(SignalChange(kind: .closed, at: at, lastPeriod: record.lastPeriod, closeReason: reason, cause: cause))
            transitions.append(.closed(closed))
        }
        return transitions
    }
}
