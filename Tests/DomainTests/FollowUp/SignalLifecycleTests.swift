import Domain
import SeededRandom
import Testing

@Suite("Signal lifecycle: raised once, updated, closed with a reason, reopened")
struct SignalLifecycleTests {
    static let weeks = (1...30).map { try! Period.isoWeek(2026, $0) }

    static func key(_ rule: SignalRule = .shift, onset: Int) -> SignalKey {
        SignalKey(indicatorCode: "andel", organisationID: "SE-03", population: "", rule: rule, onset: weeks[onset])
    }

    static func found(_ range: ClosedRange<Int>, current: Bool, rule: SignalRule = .shift, side: SignalSide = .below) -> SignalObservation {
        let direction = SignalDirection(side: side, directionOfGood: .higher)
        return SignalObservation(
            key: key(rule, onset: range.lowerBound), side: side, direction: direction,
            severity: Severity(rule: rule, direction: direction), phase: 0, periods: range.map { weeks[$0] }, isCurrent: current)
    }

    /// Applies transitions to the stored set, as the store does.
    static func apply(_ transitions: [SignalTransition], to records: [SignalRecord]) -> [SignalRecord] {
        var byID = Dictionary(uniqueKeysWithValues: records.map { ($0.id, $0) })
        for t in transitions { byID[t.record.id] = t.record }
        return byID.values.sorted { $0.id < $1.id }
    }

    static func reconcile(
        _ previous: [SignalRecord], _ found: [SignalObservation], removal: SignalCloseReason = .dataRevised,
        ids: inout Int
    ) -> [SignalTransition] {
        var next = ids
        defer { ids = next }
        return SignalLifecycle.reconcile(
            previous: previous, found: found, at: Double(next), cause: "test", removal: { _ in removal },
            newID: {
                next += 1
                return "s\(next)"
            })
    }

    @Test("a signal found lasting is raised; the same finding again changes nothing")
    func raisedOnce() {
        var ids = 0
        let first = Self.reconcile([], [Self.found(0...7, current: true)], ids: &ids)
        guard case .raised(let record, let reopened)? = first.first else {
            Issue.record("not raised")
            return
        }
        #expect(!reopened && record.status == .open && record.history.map(\.kind) == [.raised])
        #expect(Self.reconcile([record], [Self.found(0...7, current: true)], ids: &ids).isEmpty)
    }

    @Test("it grows quietly, then ends with ENDED")
    func updatedThenEnded() {
        var ids = 0
        var records = Self.apply(Self.reconcile([], [Self.found(0...7, current: true)], ids: &ids), to: [])
        let grown = Self.reconcile(records, [Self.found(0...8, current: true)], ids: &ids)
        guard case .updated(let r)? = grown.first else {
            Issue.record("not updated")
            return
        }
        #expect(r.periods.count == 9 && r.history.map(\.kind) == [.raised, .updated])
        records = Self.apply(grown, to: records)
        let ended = Self.reconcile(records, [Self.found(0...8, current: false)], ids: &ids)
        guard case .closed(let c)? = ended.first else {
            Issue.record("not closed")
            return
        }
        #expect(c.closeReason == .ended && c.status == .closed)
    }

    @Test("revised data removes it: closed with the removal's reason; found again lasting, it is reopened and raised again")
    func removedAndReopened() {
        var ids = 0
        var records = Self.apply(Self.reconcile([], [Self.found(0...7, current: true)], ids: &ids), to: [])
        let removed = Self.reconcile(records, [], removal: .dataRevised, ids: &ids)
        guard case .closed(let c)? = removed.first else {
            Issue.record("not closed")
            return
        }
        #expect(c.closeReason == .dataRevised)
        records = Self.apply(removed, to: records)
        #expect(Self.reconcile(records, [], ids: &ids).isEmpty)
        let back = Self.reconcile(records, [Self.found(0...7, current: true)], ids: &ids)
        guard case .raised(let r, let reopened)? = back.first else {
            Issue.record("not reopened")
            return
        }
        #expect(reopened && r.id == c.id && r.history.map(\.kind) == [.raised, .closed, .reopened])
    }

    @Test("a signal first found already over is recorded closed, without an event")
    func historical() {
        var ids = 0
        let t = Self.reconcile([], [Self.found(2...2, current: false, rule: .pointBeyondLimit)], ids: &ids)
        guard case .recorded(let r)? = t.first else {
            Issue.record("not recorded")
            return
        }
        #expect(r.status == .closed && r.closeReason == .ended && r.history.isEmpty)
    }

    @Test("a new onset is a new identity")
    func newOnset() {
        var ids = 0
        let records = Self.apply(Self.reconcile([], [Self.found(3...3, current: false, rule: .pointBeyondLimit)], ids: &ids), to: [])
        let t = Self.reconcile(
            records, [Self.found(3...3, current: false, rule: .pointBeyondLimit), Self.found(5...5, current: true, rule: .pointBeyondLimit)], ids: &ids)
        #expect(t.count == 1)
        guard case .raised(let r, false)? = t.first else {
            Issue.record("not raised")
            return
        }
        #expect(r.key.onset == Self.weeks[5] && r.id != records[0].id)
    }

    @Test("property: reconciling is idempotent — replaying any sequence of analyses never raises a signal twice")
    func idempotent() {
        var rng = SplitMix64(seed: 99)
        for _ in 0..<300 {
            var ids = 0
            var records: [SignalRecord] = []
            var raisedEvents: [String: Int] = [:]
            for _ in 0..<8 {
                var found: [SignalObservation] = []
                for onset in [2, 6, 10] where rng.next(2) == 0 {
                    let length = 1 + rng.next(4)
                    found.append(Self.found(onset...(onset + length - 1), current: rng.next(2) == 0, rule: .pointBeyondLimit))
                }
                let transitions = Self.reconcile(records, found, ids: &ids)
                for t in transitions { if case .raised(let r, _) = t { raisedEvents[r.id, default: 0] += 1 } }
                records = Self.apply(transitions, to: records)
                // The same analysis again (a redelivery, a second replica): nothing.
                #expect(Self.reconcile(records, found, ids: &ids).isEmpty)
                // Each identity is stored once.
                #expect(Set(records.map(\.key)).count == records.count)
            }
            // Every raise after the first of an id is a reopening after a close.
            for r in records {
                let raises = r.history.filter { $0.kind == .raised || $0.kind == .reopened }.count
                #expect(raises == raisedEvents[r.id, default: 0])
                #expect(r.history.filter { $0.kind == .raised }.count <= 1)
            }
        }
    }
}
