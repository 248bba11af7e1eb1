import Domain
import SeededRandom
import Testing
import Variation

@Suite("A 104-week series")
struct LongSeriesTests {
    /// Two years of weeks, 200 patients a week, 80 % treated in time until week 80, then 70 %.
    static func series() -> [Observation] {
        var rng = SplitMix64(seed: 104)
        return (0..<104).map { k in
            let p = k < 79 ? 0.8 : 0.7
            return .proportion(week(k), numerator: rng.binomial(200, p), denominator: 200)
        }
    }

    @Test("a deterioration from week 80 is found, dated at or just after week 80, and nothing better")
    func deterioration() throws {
        let a = try analyze(Self.series(), .p, good: .higher, baseline: 52)
        #expect(a.points.count == 104)
        #expect(a.phases[0].baselineRange == 0..<52)
        let bad = a.signals.filter { $0.direction == .deterioration }
        #expect(!bad.isEmpty)
        let onset = try #require(bad.map(\.onset).min())
        let week80 = try Period.isoWeek(2025, 1).advanced(by: 79)
        #expect(week80.swedishLabel == "v. 28 2026")
        // A run is dated from its first point, which may be a chance low week just before the change.
        #expect(onset >= week80.advanced(by: -2) && onset <= week80.advanced(by: 4), "onset \(onset)")
        #expect(!a.signals.contains { $0.direction == .improvement })
        #expect(a.status == .concern(.below))
    }

    @Test("the same series under Making Data Count finds the same deterioration")
    func deteriorationMDC() throws {
        let a = try analyze(Self.series(), .p, .makingDataCount, good: .higher, baseline: 52)
        let shift = try #require(a.signals.first { $0.rule == .shift })
        #expect(shift.direction == .deterioration)
        #expect(shift.onset >= week(77) && shift.onset <= week(83))
    }
}
