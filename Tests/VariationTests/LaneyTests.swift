import Domain
import SeededRandom
import Testing
import Variation

@Suite("Laney p′ and u′")
struct LaneyTests {
    /// 24 weeks of 100,000 cases each with a true proportion that wanders by ±0.4 % points:
    /// real but common-cause variation between weeks, far wider than binomial noise.
    static func hugeDenominators() -> [Observation] {
        var rng = SplitMix64(seed: 2002)
        return (0..<24).map { k in
            let p = 0.1 + 0.004 * rng.normal()
            return .proportion(week(k), numerator: (p * 100_000).rounded(), denominator: 100_000)
        }
    }

    @Test("on huge denominators the p chart flags most points; p′ flags none")
    func laneyAgainstPlain() throws {
        let series = Self.hugeDenominators()
        let plain = try analyze(series, .p)
        let laney = try analyze(series, .pPrime)
        let plainBeyond = plain.signals.filter { $0.rule == .pointBeyondLimit }.count
        let laneyBeyond = laney.signals.filter { $0.rule == .pointBeyondLimit }.count
        #expect(plainBeyond >= 12)
        #expect(laneyBeyond == 0)
        #expect(plain.points[0].centre == laney.points[0].centre)
    }

    @Test("p′ sigma is the p sigma times σz = mean |Δz| / 1.128")
    func sigmaZ() throws {
        let series = Self.hugeDenominators()
        let plain = try analyze(series, .p)
        let laney = try analyze(series, .pPrime)
        let z = plain.points.map { ($0.value! - $0.centre) / $0.sigma! }
        let sigmaZ = zip(z.dropFirst(), z).map { abs($0 - $1) }.reduce(0, +) / Double(z.count - 1) / 1.128
        #expect(sigmaZ > 3)  // true spread 0.004 vs binomial 0.00095: σz ≈ 4
        for (p, l) in zip(plain.points, laney.points) {
            #expect(close(l.sigma, p.sigma! * sigmaZ, 1e-9))
        }
    }

    @Test("u′ on huge exposures widens like p′")
    func uPrime() throws {
        var rng = SplitMix64(seed: 7)
        let series = (0..<24).map { k in
            Observation.rate(week(k), count: ((5 + 0.3 * rng.normal()) * 50_000).rounded(), exposure: 50_000)
        }
        let plain = try analyze(series, .u)
        let laney = try analyze(series, .uPrime)
        #expect(plain.signals.filter { $0.rule == .pointBeyondLimit }.count >= 10)
        #expect(laney.signals.filter { $0.rule == .pointBeyondLimit }.isEmpty)
    }
}
