import Domain
import Variation

/// SplitMix64 (Steele, Lea & Flood 2014): tiny, seeded, the same numbers on every machine.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1) from the top 53 bits.
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    /// Standard normal by Box–Muller.
    mutating func normal() -> Double {
        let u = max(unit(), 1e-300), v = unit()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
    /// Binomial(n, p) by summing Bernoulli draws (fine for test sizes).
    mutating func binomial(_ n: Int, _ p: Double) -> Double {
        var k = 0
        for _ in 0..<n where unit() < p { k += 1 }
        return Double(k)
    }
}

/// Weekly periods from 2025-W01.
func week(_ offset: Int) -> Period { try! Period.isoWeek(2025, 1).advanced(by: offset) }

func values(_ xs: [Double]) -> [Observation] {
    xs.enumerated().map { .value(week($0.offset), $0.element) }
}

func proportions(_ pairs: [(Double, Double)]) -> [Observation] {
    pairs.enumerated().map { .proportion(week($0.offset), numerator: $0.element.0, denominator: $0.element.1) }
}

func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance * max(1, abs(b))
}

func analyze(_ series: [Observation], _ chart: ChartType, _ rules: RuleSet = .anhoj, good: DirectionOfGood = .neither,
             target: Double? = nil, baseline: Int? = nil, breaks: [Period] = []) throws -> VariationAnalysis {
    try VariationAnalysis.analyze(series, options: AnalysisOptions(
        chartType: chart, ruleSet: rules, directionOfGood: good, target: target, baselineLength: baseline, phaseBreaks: breaks))
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
