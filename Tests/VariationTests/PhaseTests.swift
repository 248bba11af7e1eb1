import Domain
import Testing
import Variation

@Suite("Phases and frozen baselines")
struct PhaseTests {
    @Test("a phase break recomputes centre and limits; runs are read per phase")
    func twoPhases() throws {
        let xs: [Double] = [9, 11, 10, 9, 11, 10, 9, 11, 10, 10, 19, 21, 20, 19, 21, 20, 19, 21, 20, 20]
        let a = try analyze(values(xs), .i, breaks: [week(10)])
        #expect(a.phases.count == 2)
        #expect(a.phases[0].pointRange == 0..<10 && a.phases[1].pointRange == 10..<20)
        #expect(a.points[0].centre == 10 && a.points[19].centre == 20)
        #expect(a.points[15].phase == 1)
        #expect(a.signals.isEmpty)
        let one = try analyze(values(xs), .i)
        #expect(one.signals.contains { $0.rule == .shift })
    }

    @Test("a phase of 2 points: centre and limits from the 2 points, too few for runs")
    func phaseOfTwo() throws {
        let xs: [Double] = [9, 11, 10, 9, 11, 10, 9, 11, 10, 10, 30, 32]
        let a = try analyze(values(xs), .i, breaks: [week(10)])
        #expect(a.phases[1].pointRange == 10..<12)
        #expect(a.points[10].centre == 31)
        #expect(close(a.points[10].sigma, 2 / 1.128))
        #expect(a.phases[1].runs.isTooFewPoints)
        #expect(!a.signals.contains { $0.phase == 1 })
    }

    @Test("a frozen baseline: the first N points fix centre and limits for the rest")
    func frozenBaseline() throws {
        let xs: [Double] = [10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 20, 20, 20]
        let a = try analyze(values(xs), .i, baseline: 10)
        #expect(a.phases[0].baselineRange == 0..<10)
        #expect(a.points.allSatisfy { $0.centre == 11 })
        #expect(a.signals.filter { $0.rule == .pointBeyondLimit }.map(\.pointIndices) == [[10], [11], [12]])
    }

    @Test("phases and baselines combine: each phase fixes its own centre from its first N points")
    func phasesWithBaselines() throws {
        let xs: [Double] = [10, 12, 10, 12, 50, 50, 20, 22, 20, 22, 90, 90]
        let a = try analyze(values(xs), .c, baseline: 4, breaks: [week(6)])
        #expect(a.phases[0].baselineRange == 0..<4 && a.phases[1].baselineRange == 6..<10)
        #expect(a.points[5].centre == 11 && a.points[11].centre == 21)
        #expect(close(a.points[11].upperLimit, 21 + 3 * 21.0.squareRoot()))
    }

    @Test("a baseline counts usable points only: a zero denominator is skipped")
    func baselineSkipsExcluded() throws {
        let a = try analyze(proportions([(1, 10), (0, 0), (3, 10), (9, 10)]), .p, baseline: 2)
        #expect(a.phases[0].baselineRange == 0..<3)
        #expect(close(a.points[3].centre, 0.2))
    }

    @Test("a break on a period without data starts the phase at the next point")
    func breakInGap() throws {
        let series = [0, 1, 2, 4, 5, 6].map { Observation.value(week($0), Double($0)) }
        let a = try analyze(series, .i, breaks: [week(3)])
        #expect(a.phases.map(\.pointRange) == [0..<3, 3..<6])
    }
}
