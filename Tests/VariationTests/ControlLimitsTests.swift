import Domain
import Testing
import Variation

@Suite("Control limits by chart type")
struct ControlLimitsTests {
    @Test("i chart: mean 11.625, MR̄ 13/7, σ = MR̄/1.128")
    func individuals() throws {
        // MRs: 2 1 2 1 2 4 1 → 13/7; none ≥ 3.267 × 13/7 = 6.07
        let a = try analyze(values([10, 12, 11, 13, 12, 14, 10, 11]), .i)
        let sigma = 13.0 / 7 / 1.128
        #expect(close(a.points[0].centre, 11.625))
        #expect(close(a.points[0].sigma, sigma))
        #expect(close(a.points[0].upperLimit, 11.625 + 3 * sigma))
        #expect(close(a.points[0].lowerLimit, 11.625 - 3 * sigma))
        #expect(a.signals.isEmpty)
    }

    @Test("i chart screening: moving ranges ≥ 3.267 × MR̄ are left out of sigma")
    func screening() throws {
        // 20 points 10, 11, … with 40 at index 7: MRs seventeen 1s and two 30s → MR̄ = 77/19 = 4.05;
        // 30 ≥ 3.267 · 4.05 = 13.2 is left out → MR̄ = 1. Mean 239/20 = 11.95, limits 11.95 ± 2.66.
        var xs = (0..<20).map { Double(10 + $0 % 2) }
        xs[7] = 40
        let a = try analyze(values(xs), .i)
        #expect(close(a.points[0].centre, 11.95))
        #expect(close(a.points[0].sigma, 1 / 1.128))
        let beyond = a.signals.filter { $0.rule == .pointBeyondLimit }
        #expect(beyond.map(\.pointIndices) == [[7]])
        #expect(beyond[0].side == .above)
    }

    @Test("mr chart: centre MR̄, upper 3.267 MR̄, lower 0, first point has no moving range")
    func movingRange() throws {
        let a = try analyze(values([10, 12, 11, 13, 12, 14, 10, 11]), .mr)
        #expect(a.points[0].exclusion == .noMovingRange)
        #expect(a.points[0].value == nil)
        #expect(a.points[1].value == 2)
        #expect(close(a.points[1].centre, 13.0 / 7))
        #expect(close(a.points[1].upperLimit, 3.267 * 13 / 7))
        #expect(a.points[1].lowerLimit == 0)
    }

    @Test("p chart: p̄ = Σ num / Σ den = 0.1, limits per denominator, lower clipped at 0")
    func pChart() throws {
        let a = try analyze(pSeries(), .p)
        #expect(close(a.points[0].centre, 0.1))
        #expect(close(a.points[0].upperLimit, 0.1 + 3 * (0.09 / 50).squareRoot()))
        #expect(close(a.points[1].upperLimit, 0.1 + 3 * (0.09 / 100).squareRoot()))
        #expect(a.points[2].lowerLimit == 0)  // 0.1 − 3·0.067 < 0
        #expect(close(a.points[1].lowerLimit, 0.1 - 3 * 0.03))
    }

    @Test("p chart: upper limit clipped at 1")
    func clippedAtOne() throws {
        let a = try analyze(proportions([(19, 20), (9, 10), (10, 10), (19, 20)]), .p)
        #expect(close(a.points[0].centre, 57.0 / 60))
        #expect(a.points[1].upperLimit == 1)
        #expect(a.points[2].value == 1)
        #expect(!a.signals.contains { $0.rule == .pointBeyondLimit })
    }

    @Test("u chart: ū = 10/5 = 2, ū ± 3√(ū/n), lower limit not below 0")
    func rates() throws {
        let series = [Observation.rate(week(0), count: 4, exposure: 2), .rate(week(1), count: 6, exposure: 3)]
        let a = try analyze(series, .u)
        #expect(close(a.points[0].centre, 2))
        #expect(close(a.points[0].upperLimit, 5))  // 2 + 3·√(2/2)
        #expect(a.points[0].lowerLimit == 0)  // 2 − 3 < 0
        #expect(close(a.points[1].upperLimit, 2 + 3 * (2.0 / 3).squareRoot()))
    }

    @Test("c chart: c̄ = 6, 6 ± 3√6, lower limit 0")
    func counts() throws {
        let a = try analyze(values([4, 9, 5, 6]), .c)
        #expect(close(a.points[0].centre, 6))
        #expect(close(a.points[0].upperLimit, 6 + 3 * 6.0.squareRoot()))
        #expect(a.points[0].lowerLimit == 0)
    }

    @Test("g chart: centre at the geometric median ≈ ḡ·ln 2, upper ḡ + 3√(ḡ(ḡ + 1)), lower 0")
    func rareEvents() throws {
        let a = try analyze(values([10, 20, 30, 200]), .g, good: .higher)
        let g = 65.0
        #expect(close(a.points[0].centre, g * 0.693_147_180_559_945_3))
        #expect(close(a.points[0].upperLimit, g + 3 * (g * (g + 1)).squareRoot()))
        #expect(a.points[0].lowerLimit == 0)
        #expect(a.signals.isEmpty)  // 200 < 65 + 3·65.5 = 261.5
        let b = try analyze(values([10, 20, 30, 15, 25, 400]), .g, good: .higher, baseline: 5)
        let beyond = try #require(b.signals.first)
        #expect(beyond.rule == .pointBeyondLimit && beyond.direction == .improvement)  // a long gap between harms
    }

    @Test("a point exactly on the upper limit is inside; the next Double up is outside")
    func justInsideJustOutside() throws {
        let base: [Double] = [10, 12, 10, 12, 10, 12, 10, 12, 10, 12]  // mean 11, MR̄ 2 → UCL 11 + 3·2/1.128
        let ucl = try analyze(values(base), .i).points[0].upperLimit!
        let inside = try analyze(values(base + [ucl]), .i, baseline: 10)
        #expect(inside.points[10].upperLimit == ucl)
        #expect(!inside.points[10].isSignal)
        let outside = try analyze(values(base + [ucl.nextUp]), .i, baseline: 10)
        #expect(outside.points[10].isSignal)
        #expect(outside.signals.map(\.rule) == [.pointBeyondLimit])
    }

    @Test("zero denominators are kept, marked, and left out of every computation")
    func zeroDenominators() throws {
        let with = try analyze(proportions([(5, 50), (0, 0), (10, 100), (2, 20)]), .p)
        #expect(with.points.count == 4)
        #expect(with.points[1].exclusion == .zeroDenominator)
        #expect(with.points[1].value == nil && with.points[1].upperLimit == nil)
        #expect(close(with.points[0].centre, 0.1))
        let without = try analyze(proportions([(5, 50), (10, 100), (2, 20)]), .p)
        #expect(with.points[3].upperLimit == without.points[2].upperLimit)
        #expect(with.phases[0].runs == without.phases[0].runs)
    }

    @Test("all points equal on an i chart: σ = 0, limits on the centre, no signal")
    func allEqualIndividuals() throws {
        let a = try analyze(values(Array(repeating: 3, count: 15)), .i)
        #expect(a.points.allSatisfy { $0.sigma == 0 && $0.upperLimit == 3 && $0.lowerLimit == 3 })
        #expect(a.signals.isEmpty)
    }
}

func pSeries() -> [Observation] { proportions([(5, 50), (10, 100), (2, 20)]) }
