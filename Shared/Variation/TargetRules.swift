import Domain

/// Reading a series against its target.
enum TargetRules {
    static func meets(_ value: Double, target: Double, _ good: DirectionOfGood) -> Bool {
        good == .lower ? value <= target : value >= target
    }

    /// Runs of `length` or more consecutive usable points that miss the target (excluded points
    /// are skipped, they neither miss nor meet).
    static func missed(values: [Double], indices: [Int], target: Double, good: DirectionOfGood, length: Int) -> [RawSignal] {
        guard good != .neither else { return [] }
        var found: [RawSignal] = []
        var run: [Int] = []
        let side: Signal.Side = good == .higher ? .below : .above
        for i in indices {
            if meets(values[i], target: target, good) {
                if run.count >= length { found.append(RawSignal(rule: .targetMissed, side: side, indices: run)) }
                run.removeAll(keepingCapacity: true)
            } else {
                run.append(i)
            }
        }
        if run.count >= length { found.append(RawSignal(rule: .targetMissed, side: side, indices: run)) }
        return found
    }

    /// Whether the band between the limits lies wholly on the good side, the bad side, or across.
    static func assess(lower: Double, upper: Double, target: Double, good: DirectionOfGood) -> TargetAssessment? {
        switch good {
        case .neither: return nil
        case .higher: return lower >= target ? .reliablyMet : (upper < target ? .reliablyMissed : .sometimesMet)
        case .lower: return upper <= target ? .reliablyMet : (lower > target ? .reliablyMissed : .sometimesMet)
        }
    }
}
