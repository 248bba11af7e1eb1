import Foundation

/// Anhøj's run-chart limits (Anhøj & Olesen 2014, "Run charts revisited", PLoS ONE 9(11)).
public enum Anhoj {
    /// A run longer than this, among `n` useful observations, is unusually long: round(log2(n) + 3).
    ///
    /// Halves are rounded away from zero, but they never occur: log2(n) of an integer is either an
    /// integer (n a power of two) or irrational, so log2(n) + 3 is never exactly x.5.
    public static func longestRunLimit(usefulObservations n: Int) -> Int {
        guard n > 0 else { return 0 }
        return Int((log2(Double(n)) + 3).rounded(.toNearestOrAwayFromZero))
    }

    /// Fewer crossings than this, among `n` useful observations, are unusually few: the 5th
    /// percentile of Binomial(n − 1, 0.5), i.e. the smallest k with P(X ≤ k) ≥ 0.05.
    ///
    /// Computed from the distribution, not a table. Each P(X ≤ k) is a multiple of 2^−(n−1) and
    /// 0.05 is not, so no tie with 0.05 exists; the tests check the margins are far wider than
    /// floating-point error.
    public static func crossingsLimit(usefulObservations n: Int) -> Int {
        guard n > 1 else { return 0 }
        if n < cachedLimits.count { return cachedLimits[n] }
        return Binomial(trials: n - 1, probability: 0.5).quantile(0.05)
    }

    /// Limits for the series lengths that come up every day, computed once.
    private static let cachedLimits: [Int] = (0..<300).map { n in
        n > 1 ? Binomial(trials: n - 1, probability: 0.5).quantile(0.05) : 0
    }

    /// Runs and crossings around `centre` over the points at `indices`, and the long runs.
    static func analyse(
        values: [Double], indices: [Int], centre: Double, minimumUsefulPoints: Int
    ) -> (statistics: RunStatistics, longRuns: [RawSignal]) {
        var useful = 0
        var longest = 0
        var current = 0
        var crossings = 0
        var lastSide = 0
        for i in indices {
            let side = values[i] > centre ? 1 : (values[i] < centre ? -1 : 0)
            if side == 0 { continue }  // on the centre line: neither counts nor breaks a run
            useful += 1
            if side == lastSide {
                current += 1
            } else {
                if lastSide != 0 { crossings += 1 }
                lastSide = side
                current = 1
            }
            if current > longest { longest = current }
        }
        let stats = RunStatistics(
            usefulObservations: useful, longestRun: longest,
            longestRunLimit: longestRunLimit(usefulObservations: useful), crossings: crossings,
            crossingsLimit: crossingsLimit(usefulObservations: useful),
            isTooFewPoints: useful < max(minimumUsefulPoints, 1)
        )
        guard stats.hasUnusuallyLongRun else { return (stats, []) }
        return (stats, runs(values: values, indices: indices, centre: centre, longerThan: stats.longestRunLimit, skipCentre: true))
    }

    /// Runs of more than `limit` points on one side; points on the centre line are skipped
    /// (Anhøj) or end the run (Making Data Count).
    static func runs(values: [Double], indices: [Int], centre: Double, longerThan limit: Int, skipCentre: Bool) -> [RawSignal] {
        var found: [RawSignal] = []
        var run: [Int] = []
        var lastSide = 0
        func close() {
            if run.count > limit { found.append(RawSignal(rule: .shift, side: lastSide > 0 ? .above : .below, indices: run)) }
            run.removeAll(keepingCapacity: true)
        }
        for i in indices {
            let side = values[i] > centre ? 1 : (values[i] < centre ? -1 : 0)
            if side == 0 {
                if !skipCentre {
                    close()
                    lastSide = 0
                }
                continue
            }
            if side != lastSide {
                close()
                lastSide = side
            }
            run.append(i)
        }
        close()
        return found
    }
}
