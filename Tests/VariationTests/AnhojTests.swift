import Testing

@testable import Variation

@Suite("Anhøj limits")
struct AnhojTests {
    /// Exact P(X ≤ k) for Binomial(m, 0.5) as a fraction over 2^m, in integers (m ≤ 62).
    static func exactQuantile05(_ m: Int) -> Int {
        var c: UInt64 = 1
        var cumulative: UInt64 = 0
        for k in 0...m {
            cumulative += c
            // cumulative / 2^m ≥ 1/20  ⇔  20 · cumulative ≥ 2^m
            if 20 * cumulative >= (UInt64(1) << UInt64(m)) { return k }
            c = c * UInt64(m - k) / UInt64(k + 1)
        }
        return m
    }

    @Test("published and hand-worked values: n = 10 → 6, 2; n = 12 → 7, 3; n = 24 → 8, 8")
    func knownValues() {
        #expect(Anhoj.longestRunLimit(usefulObservations: 10) == 6)
        #expect(Anhoj.crossingsLimit(usefulObservations: 10) == 2)
        #expect(Anhoj.longestRunLimit(usefulObservations: 12) == 7)  // log2 12 + 3 = 6.58
        #expect(Anhoj.crossingsLimit(usefulObservations: 12) == 3)  // P(X ≤ 2) = 67/2048 < .05 ≤ 232/2048
        #expect(Anhoj.longestRunLimit(usefulObservations: 24) == 8)
        #expect(Anhoj.crossingsLimit(usefulObservations: 24) == 8)
        #expect(Anhoj.longestRunLimit(usefulObservations: 16) == 7)  // power of two: 4 + 3 exactly
    }

    @Test("crossings limit equals the exact integer quantile for n = 2 … 63")
    func exactAgainstIntegers() {
        for n in 2...63 {
            #expect(Anhoj.crossingsLimit(usefulObservations: n) == Self.exactQuantile05(n - 1), "n = \(n)")
        }
    }

    @Test("the cumulative probabilities around the limit stay far from 0.05 (float error cannot flip it)")
    func margins() {
        for n in 10...2000 {
            let b = Binomial(trials: n - 1, probability: 0.5)
            let k = Anhoj.crossingsLimit(usefulObservations: n)
            #expect(b.cdf(k) - 0.05 > 1e-9, "n = \(n)")
            #expect(0.05 - b.cdf(k - 1) > 1e-9, "n = \(n)")
        }
    }

    @Test("cached and computed limits agree at the cache edge")
    func cacheEdge() {
        for n in 295...305 {
            #expect(Anhoj.crossingsLimit(usefulObservations: n) == Binomial(trials: n - 1, probability: 0.5).quantile(0.05))
        }
    }

    @Test("binomial cdf and quantile on a small hand case: Binomial(10, 0.5)")
    func binomialSmall() {
        let b = Binomial(trials: 10, probability: 0.5)
        #expect(close(b.cdf(1), 11.0 / 1024))
        #expect(close(b.cdf(2), 56.0 / 1024))
        #expect(b.quantile(0.025) == 2)
        #expect(b.quantile(0.5) == 5)
        #expect(close(b.cdf(10), 1))
    }
}
