import Domain
import Testing
import Variation

@Suite("Run chart")
struct RunChartTests {
    @Test("12 points by hand: median 7.5, runs 5-2-1-4, 3 crossings, limits 7 and 3, no signal")
    func handWorkedNoSignal() throws {
        // sorted: 2 3 4 5 5 7 | 8 8 9 9 10 11 → median (7 + 8) / 2 = 7.5
        // sides:  − − − − − + + − + + + +   → runs 5, 2, 1, 4; crossings 3
        let a = try analyze(values([2, 4, 3, 5, 5, 8, 9, 7, 9, 10, 8, 11]), .run)
        let runs = a.phases[0].runs
        #expect(a.phases[0].centre == 7.5)
        #expect(runs.usefulObservations == 12)
        #expect(runs.longestRun == 5)
        #expect(runs.crossings == 3)
        #expect(runs.longestRunLimit == 7)
        #expect(runs.crossingsLimit == 3)
        #expect(!runs.hasUnusuallyLongRun && !runs.hasUnusuallyFewCrossings)
        #expect(a.signals.isEmpty)
        #expect(a.points.allSatisfy { $0.upperLimit == nil && $0.lowerLimit == nil })
    }

    @Test("12 points by hand, clustered: runs 6 and 6 (≤ 7, no shift) but 1 crossing (< 3)")
    func handWorkedFewCrossings() throws {
        // sorted: 1 1 1 2 2 2 | 8 8 9 9 9 10 → median (2 + 8) / 2 = 5
        // With 12 distinct sides a run can be at most 6, so only the crossings rule can fire.
        let a = try analyze(values([1, 2, 1, 2, 1, 2, 9, 8, 9, 10, 9, 8]), .run, good: .higher)
        #expect(a.phases[0].centre == 5)
        #expect(a.phases[0].runs.longestRun == 6)
        #expect(a.phases[0].runs.crossings == 1)
        #expect(!a.signals.contains { $0.rule == .shift })
        let crossings = try #require(a.signals.first { $0.rule == .fewCrossings })
        #expect(a.signals.count == 1)
        #expect(crossings.pointIndices == Array(0...11))
        #expect(crossings.direction == .neither)
        #expect(crossings.onset == week(0))
        #expect(a.points.allSatisfy { $0.isSignal })
        #expect(a.status == .neither(.none))
    }

    @Test("a level change: 10 low then 10 high → two runs of 10 (> 7) and 1 crossing (< 6)")
    func shift() throws {
        let xs: [Double] = [5, 6, 5, 7, 5, 6, 4, 6, 5, 6, 12, 13, 12, 14, 12, 13, 11, 13, 12, 13]
        let a = try analyze(values(xs), .run, good: .higher)
        #expect(a.phases[0].centre == 9)
        #expect(a.phases[0].runs.longestRunLimit == 7)
        #expect(a.phases[0].runs.crossingsLimit == 6)
        let shifts = a.signals.filter { $0.rule == .shift }
        #expect(shifts.count == 2)
        #expect(shifts[0].pointIndices == Array(0...9))
        #expect(shifts[0].side == .below && shifts[0].direction == .deterioration)
        #expect(shifts[1].pointIndices == Array(10...19))
        #expect(shifts[1].side == .above && shifts[1].direction == .improvement)
        #expect(shifts[1].onset == week(10))
        #expect(a.signals.contains { $0.rule == .fewCrossings })
        #expect(a.status == .improvement(.above))
    }

    @Test("points on the median neither count nor break a run")
    func pointsOnMedian() throws {
        // 11 points, median 6 (three points on it); 8 useful.
        let xs: [Double] = [1, 2, 6, 3, 4, 6, 5, 6, 9, 10, 11]
        let a = try analyze(values(xs), .run)
        #expect(a.phases[0].centre == 6)
        #expect(a.phases[0].runs.usefulObservations == 8)
        #expect(a.phases[0].runs.longestRun == 5)  // 1 2 (6) 3 4 (6) 5 is one run of 5
        #expect(a.phases[0].runs.crossings == 1)
        #expect(a.phases[0].runs.isTooFewPoints)  // 8 < 10
        #expect(a.signals.isEmpty)
        #expect(a.status == .tooFewPoints)
    }

    @Test("a run that skips median points is one signal naming only the useful points")
    func runAcrossMedianPoints() throws {
        var xs: [Double] = [1, 2, 1, 2, 5, 1, 2, 1, 2, 1]  // 9 below, one on the median (5)
        xs += [8, 9, 8, 9, 8, 9, 8, 9, 8]  // 9 above
        let a = try analyze(values(xs), .run)
        #expect(a.phases[0].centre == 5)
        let shifts = a.signals.filter { $0.rule == .shift }
        #expect(shifts.count == 2)  // 18 useful → limit 7; both runs of 9
        #expect(shifts[0].pointIndices == [0, 1, 2, 3, 5, 6, 7, 8, 9])
        #expect(!a.points[4].isSignal)
    }

    @Test("all points equal: every point on the median, too few useful points, no signal")
    func allEqual() throws {
        let a = try analyze(values(Array(repeating: 4, count: 20)), .run)
        #expect(a.phases[0].centre == 4)
        #expect(a.phases[0].runs.usefulObservations == 0)
        #expect(a.phases[0].runs.isTooFewPoints)
        #expect(a.signals.isEmpty)
    }

    @Test("fewer than 10 useful points: too few, no signal even with an obvious pattern")
    func tooFew() throws {
        let a = try analyze(values([1, 1, 1, 1, 9, 9, 9, 9, 9]), .run)
        #expect(a.phases[0].runs.isTooFewPoints)
        #expect(a.signals.isEmpty)
    }
}
