import Foundation

/// The binomial distribution, for Anhøj's crossings limit and funnel-plot limits.
///
/// Probabilities are summed from the mode outwards (the mode's probability from `lgamma`, the
/// others by the ratio of neighbouring terms), so large n neither overflows nor underflows; terms
/// below 1e-18 of the total are dropped, far below any decision this module makes.
struct Binomial: Sendable {
    let trials: Int
    let probability: Double
    /// P(X = k) for k in `lowest ..< lowest + pmf.count`; outside, negligible.
    private let lowest: Int
    private let pmf: [Double]

    init(trials: Int, probability: Double) {
        self.trials = trials
        self.probability = probability
        if probability <= 0 || probability >= 1 || trials == 0 {
            self.lowest = probability >= 1 ? trials : 0
            self.pmf = [1]
            return
        }
        let n = Double(trials)
        let p = probability
        let q = 1 - p
        let mode = min(trials, Int(((n + 1) * p).rounded(.down)))
        let m = Double(mode)
        let logMode = lgamma(n + 1) - lgamma(m + 1) - lgamma(n - m + 1) + m * log(p) + (n - m) * log1p(-p)
        let top = exp(logMode)
        var below: [Double] = []
        var term = top
        var k = mode
        while k > 0 {
            // P(k − 1) = P(k) · k / (n − k + 1) · q / p
            term *= Double(k) / Double(trials - k + 1) * (q / p)
            k -= 1
            if term < 1e-18 * top { break }
            below.append(term)
        }
        var above: [Double] = []
        term = top
        k = mode
        while k < trials {
            term *= Double(trials - k) / Double(k + 1) * (p / q)
            k += 1
            if term < 1e-18 * top { break }
            above.append(term)
        }
        self.lowest = mode - below.count
        self.pmf = below.reversed() + [top] + above
    }

    /// P(X ≤ k).
    func cdf(_ k: Int) -> Double {
        if k < lowest { return 0 }
        let last = min(k - lowest, pmf.count - 1)
        var sum = 0.0
        for j in 0...last { sum += pmf[j] }
        return min(sum, 1)
    }

    /// The smallest k with P(X ≤ k) ≥ q (R's `qbinom`).
    func quantile(_ q: Double) -> Int {
        var sum = 0.0
        for (j, term) in pmf.enumerated() {
            sum += term
            if sum >= q { return lowest + j }
        }
        return lowest + pmf.count - 1
    }
}
