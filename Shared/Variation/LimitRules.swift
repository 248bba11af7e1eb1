/// Rules that read points against sigma and limits, and the trend rule.
enum LimitRules {
    /// Each point strictly beyond a limit; a point exactly on a limit is inside.
    static func beyondLimits(values: [Double], indices: [Int], lower: [Double?], upper: [Double?]) -> [RawSignal] {
        var found: [RawSignal] = []
        for i in indices {
            if let u = upper[i], values[i] > u {
                found.append(RawSignal(rule: .pointBeyondLimit, side: .above, indices: [i]))
            } else if let l = lower[i], values[i] < l {
                found.append(RawSignal(rule: .pointBeyondLimit, side: .below, indices: [i]))
            }
        }
        return found
    }

    /// Two out of three points in a row strictly beyond 2 sigma on the same side (points beyond
    /// 3 sigma count too). Overlapping windows on one side make one signal naming the points
    /// beyond 2 sigma.
    static func twoOfThree(values: [Double], indices: [Int], centre: Double, sigma: [Double?]) -> [RawSignal] {
        guard indices.count >= 3 else { return [] }
        func side(_ i: Int) -> Int {
            guard let s = sigma[i], s > 0 else { return 0 }
            return values[i] > centre + 2 * s ? 1 : (values[i] < centre - 2 * s ? -1 : 0)
        }
        var found: [RawSignal] = []
        var current: [Int] = []
        var currentSide = 0
        var lastWindowEnd = -1
        for w in 0...(indices.count - 3) {
            let window = indices[w...(w + 2)]
            for s in [1, -1] {
                let beyond = window.filter { side($0) == s }
                guard beyond.count >= 2 else { continue }
                if s == currentSide, w <= lastWindowEnd {
                    for i in beyond where !current.contains(i) { current.append(i) }
                } else {
                    if !current.isEmpty { found.append(RawSignal(rule: .twoOfThreeBeyondTwoSigma, side: currentSide > 0 ? .above : .below, indices: current)) }
                    current = beyond
                    currentSide = s
                }
                lastWindowEnd = w + 2
            }
        }
        if !current.isEmpty { found.append(RawSignal(rule: .twoOfThreeBeyondTwoSigma, side: currentSide > 0 ? .above : .below, indices: current)) }
        return found
    }

    /// `length` or more points in a row, each strictly above (or below) the one before.
    ///
    /// Ties break a trend: an equal consecutive value is neither an increase nor a decrease, so the
    /// trend ends at the first of the two equal points and may start again at the second.
    static func trends(values: [Double], indices: [Int], length: Int) -> [RawSignal] {
        guard length >= 2, indices.count >= length else { return [] }
        var found: [RawSignal] = []
        var start = 0
        var direction = 0
        func close(_ end: Int) {  // the trend covers indices[start...end]
            if direction != 0, end - start + 1 >= length {
                found.append(RawSignal(rule: .trend, side: direction > 0 ? .above : .below, indices: Array(indices[start...end])))
            }
        }
        for k in 1..<indices.count {
            let step = values[indices[k]] - values[indices[k - 1]]
            let d = step > 0 ? 1 : (step < 0 ? -1 : 0)
            if d == direction, d != 0 { continue }
            close(k - 1)
            direction = d
            start = d == 0 ? k : k - 1
        }
        close(indices.count - 1)
        return found
    }
}
