import Domain
import SeededRandom
import Testing
import Variation

@Suite("No moving range, no limits")
struct NoMovingRangeTests {
    @Test("i chart, a frozen baseline of one point: no sigma, no limits, no limit signal for the points after it")
    func oneBaselinePoint() throws {
        let a = try analyze(values([10, 12, 11, 13, 9]), .i, baseline: 1)
        #expect(a.points.allSatisfy { $0.sigma == nil && $0.lowerLimit == nil && $0.upperLimit == nil })
        #expect(a.points[0].centre == 10)
        #expect(!a.signals.contains { $0.rule == .pointBeyondLimit })
        #expect(a.phases[0].noLimitsReason == .noMovingRange)
    }

    @Test("i chart, a phase of one point: no limits in that phase; the phase before keeps its own")
    func onePointPhase() throws {
        let xs: [Double] = [9, 11, 10, 9, 11, 10, 9, 11, 10, 10, 30]
        let a = try analyze(values(xs), .i, breaks: [week(10)])
        #expect(a.points[10].centre == 30)
        #expect(a.points[10].sigma == nil && a.points[10].upperLimit == nil && a.points[10].lowerLimit == nil)
        #expect(a.points[0].upperLimit != nil)
        #expect(a.phases.map(\.noLimitsReason) == [nil, .noMovingRange])
    }

    @Test("Making Data Count: no limits means no two-of-three signal either")
    func noTwoOfThree() throws {
        let a = try analyze(values([10, 14, 15, 16, 15]), .i, .makingDataCount, baseline: 1)
        #expect(!a.signals.contains { $0.rule == .pointBeyondLimit || $0.rule == .twoOfThreeBeyondTwoSigma })
    }

    @Test("Laney p′ and u′, a frozen baseline of one point: no σz to estimate, so no limits rather than σz = 1")
    func laneyOneBaselinePoint() throws {
        let p = try analyze(LaneyTests.hugeDenominators(), .pPrime, baseline: 1)
        #expect(p.points.allSatisfy { $0.upperLimit == nil && $0.lowerLimit == nil && $0.sigma == nil })
        #expect(!p.signals.contains { $0.rule == .pointBeyondLimit })
        #expect(p.phases[0].noLimitsReason == .noMovingRange)
        let rates = (0..<6).map { Observation.rate(week($0), count: Double(5_000 + 300 * ($0 % 3)), exposure: 1_000) }
        let u = try analyze(rates, .uPrime, baseline: 1)
        #expect(u.points.allSatisfy { $0.upperLimit == nil })
        #expect(!u.signals.contains { $0.rule == .pointBeyondLimit })
    }

    @Test("p, u, c and g charts need no moving range: a one-point baseline still has limits")
    func otherChartsKeepLimits() throws {
        #expect(try analyze(proportions([(10, 100), (12, 100)]), .p, baseline: 1).points[1].upperLimit != nil)
        #expect(try analyze(values([4, 9]), .c, baseline: 1).points[1].upperLimit != nil)
        #expect(try analyze(values([40, 90]), .g, baseline: 1).points[1].upperLimit != nil)
        #expect(try analyze(values([40, 90]), .c, baseline: 1).phases[0].noLimitsReason == nil)
    }

    @Test("an mr chart of one point has no moving range at all, and says so")
    func mrOfOnePoint() throws {
        let a = try analyze(values([10]), .mr)
        #expect(a.points[0].exclusion == .noMovingRange && a.points[0].upperLimit == nil)
        #expect(a.phases[0].noLimitsReason == .noMovingRange)
    }
}
