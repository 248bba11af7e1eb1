import Foundation

/// SplitMix64 (Steele, Lea & Flood 2014): tiny, seeded, the same numbers on every machine, so
/// fixtures, property tests and benchmark corpora reproduce.
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// In 0..<bound by remainder (a bias far below what fixtures notice).
    public mutating func next(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// Uniform in [0, 1) from the top 53 bits.
    public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// Standard normal by Box–Muller.
    public mutating func normal() -> Double {
        let u = max(unit(), 1e-300)
        let v = unit()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }

    /// Binomial(n, p) by summing Bernoulli draws (fine for test sizes).
    public mutating func binomial(_ n: Int, _ p: Double) -> Double {
        var k = 0
        for _ in 0..<n where unit() < p { k += 1 }
        return Double(k)
    }
}
