import Domain
import SeededRandom
import Testing
import Variation

@Suite("Missing periods: gaps in the series, and no moving range across them")
struct MissingPeriodTests {
    /// Weeks 0–4 and 6–9; week 5 did not report.
    static let xs: [Double] = [10, 12, 11, 13, 12, 14, 12, 13, 11]
    static let weeks = [0, 1, 2, 3, 4, 6, 7, 8, 9]

    @Test("i chart: the range between the points either side of a gap is not a moving range")
    func individualsAcrossAbsentPeriod() throws {
        let series = zip(Self.weeks, Self.xs).map { Observation.value(week($0), $1) }
        let a = try analyze(series, .i)
        // Ranges within consecutive weeks: 2 1 2 1 | 2 1 2 → 11/7 (with |14 − 12| across the gap: 13/8).
        #expect(close(a.points[0].sigma, 11.0 / 7 / 1.128))
        #expect(close(a.points[0].centre, 108.0 / 9))
    }

    @Test("mr chart: the first point after a gap has no moving range")
    func movingRangeAfterAbsentPeriod() throws {
        let series = zip(Self.weeks, Self.xs).map { Observation.value(week($0), $1) }
        let a = try analyze(series, .mr)
        #expect(a.points.map(\.exclusion) == [.noMovingRange, nil, nil, nil, nil, .noMovingRange, nil, nil, nil])
        #expect(close(a.points[1].centre, 11.0 / 7))
    }

    @Test("Laney p′: σz from z-score ranges between consecutive usable periods, not across a zero denominator")
    func laneyAcrossExcluded() throws {
        let pairs: [(Double, Double)] = [(100, 1000), (130, 1000), (90, 1000), (0, 0), (150, 1000), (80, 1000), (120, 1000), (0, 0), (60, 1000), (140, 1000)]
        let plain = try analyze(proportions(pairs), .p)
        let laney = try analyze(proportions(pairs), .pPrime)
        let z = plain.points.map { p in p.value.map { ($0 - p.centre) / p.sigma! } }
        var ranges: [Double] = []
        for k in 1..<z.count { if let a = z[k], let b = z[k - 1] { ranges.append(abs(a - b)) } }
        #expect(ranges.count == 5)
        let sigmaZ = ranges.reduce(0, +) / Double(ranges.count) / 1.128
        #expect(close(laney.points[0].sigma, plain.points[0].sigma! * sigmaZ))
    }

    @Test("Laney p′ whose usable points are never in consecutive periods has no σz and no limits")
    func laneyNoConsecutive() throws {
        let a = try analyze(proportions([(100, 1000), (0, 0), (130, 1000), (0, 0), (90, 1000)]), .pPrime)
        #expect(a.points.allSatisfy { $0.upperLimit == nil })
        #expect(a.phases[0].noLimitsReason == .noMovingRange)
    }

    /// The same weeks with week 5 passed as missing.
    static func withMissing() -> [Observation] {
        var series = zip(Self.weeks, Self.xs).map { Observation.value(week($0), $1) }
        series.insert(.missing(week(5)), at: 5)
        return series
    }

    @Test("run, i, c and g charts accept a missing value: kept, excluded, no value, not counted", arguments: [ChartType.run, .i, .c, .g])
    func missingAccepted(chart: ChartType) throws {
        let a = try analyze(Self.withMissing(), chart)
        #expect(a.points.count == 10)
        #expect(a.points[5].exclusion == .missing && !a.points[5].isIncluded)
        #expect(a.points[5].value == nil && a.points[5].numerator == nil && a.points[5].upperLimit == nil)
        let absent = try analyze(zip(Self.weeks, Self.xs).map { Observation.value(week($0), $1) }, chart)
        #expect(a.phases[0].centre == absent.phases[0].centre)
        #expect(a.phases[0].runs == absent.phases[0].runs)
        #expect(a.points[0].upperLimit == absent.points[0].upperLimit)
    }

    @Test("i chart: a missing period breaks the moving ranges as an absent one does")
    func individualsAcrossMissing() throws {
        let a = try analyze(Self.withMissing(), .i)
        #expect(close(a.points[0].sigma, 11.0 / 7 / 1.128))
        let mr = try analyze(Self.withMissing(), .mr)
        #expect(mr.points.map(\.exclusion) == [.noMovingRange, nil, nil, nil, nil, .missing, .noMovingRange, nil, nil, nil])
    }

    @Test("p, u and Laney charts accept a missing value without a denominator", arguments: [ChartType.p, .u, .pPrime, .uPrime])
    func missingWithDenominatorCharts(chart: ChartType) throws {
        let series: [Observation] = [
            .proportion(week(0), numerator: 10, denominator: 100), .proportion(week(1), numerator: 12, denominator: 100),
            .missing(week(2)), .proportion(week(3), numerator: 9, denominator: 100), .proportion(week(4), numerator: 11, denominator: 100),
        ]
        let a = try analyze(series, chart)
        #expect(a.points[2].exclusion == .missing && a.points[2].denominator == nil)
        #expect(close(a.points[0].centre, 0.105))
    }

    @Test("an i chart whose usable points are never in consecutive periods has no limits, and says why")
    func individualsNoConsecutive() throws {
        let series: [Observation] = [.value(week(0), 10), .missing(week(1)), .value(week(2), 14), .missing(week(3)), .value(week(4), 11)]
        let a = try analyze(series, .i)
        #expect(a.points.allSatisfy { $0.upperLimit == nil && $0.sigma == nil })
        #expect(a.phases[0].noLimitsReason == .noMovingRange)
        #expect(!a.signals.contains { $0.rule == .pointBeyondLimit })
    }

    @Test("a missing value is validated as nothing: no denominator needed, a NaN value still refused")
    func validation() throws {
        #expect(throws: Never.self) { try analyze([.missing(week(0)), .proportion(week(1), numerator: 1, denominator: 2)], .p) }
        #expect(throws: VariationError.self) { try analyze([.missing(week(0)), .value(week(1), .nan)], .i) }
    }

    @Test("periods follow each other across year ends: week 52 or 53, December, the fourth quarter")
    func consecutiveAcrossYears() throws {
        // 2026 has 53 ISO weeks: 2026-W52 → 2026-W53 → 2027-W01 are consecutive, so all three ranges count.
        let weeks = [try Period.isoWeek(2026, 52), try .isoWeek(2026, 53), try .isoWeek(2027, 1), try .isoWeek(2027, 2)]
        let a = try VariationAnalysis.analyze(zip(weeks, [1.0, 3, 2, 4]).map { .value($0, $1) }, options: .init(chartType: .mr))
        #expect(a.points.map(\.exclusion) == [.noMovingRange, nil, nil, nil])
        let months = [try Period.month(2025, 11), try .month(2025, 12), try .month(2026, 1), try .month(2026, 3)]
        let b = try VariationAnalysis.analyze(zip(months, [1.0, 3, 2, 4]).map { .value($0, $1) }, options: .init(chartType: .mr))
        #expect(b.points.map(\.exclusion) == [.noMovingRange, nil, nil, .noMovingRange])
    }

    @Test("random series with random gaps: sigma from consecutive periods only, and missing reads like absent")
    func randomGaps() throws {
        var rng = SplitMix64(seed: 17_17)
        for _ in 0..<300 {
            let n = 3 + rng.next(40)
            let xs: [Double?] = (0..<n).map { _ in rng.next(4) == 0 ? nil : Double(rng.next(20)) }
            guard xs.contains(where: { $0 != nil }) else { continue }
            let withMissing = xs.enumerated().map { k, x in x.map { Observation.value(week(k), $0) } ?? .missing(week(k)) }
            let absent = xs.enumerated().compactMap { k, x in x.map { Observation.value(week(k), $0) } }
            let a = try analyze(withMissing, .i)
            let b = try analyze(absent, .i)

            // Independently: ranges between neighbouring weeks that both reported, screened once at 3.267 × their mean.
            var ranges: [Double] = []
            for k in 1..<n { if let x = xs[k], let y = xs[k - 1] { ranges.append(abs(x - y)) } }
            let usable = a.points.first { $0.isIncluded }!
            if ranges.isEmpty {
                #expect(usable.sigma == nil && a.phases[0].noLimitsReason == .noMovingRange)
            } else {
                let mean = ranges.reduce(0, +) / Double(ranges.count)
                let kept = ranges.filter { $0 < 3.267 * mean }
                let screened = kept.isEmpty ? mean : kept.reduce(0, +) / Double(kept.count)
                #expect(close(usable.sigma, screened / 1.128), "\(xs)")
            }
            #expect(a.phases[0].centre == b.phases[0].centre && a.phases[0].runs == b.phases[0].runs)
            #expect(a.points.filter(\.isIncluded).map(\.upperLimit) == b.points.map(\.upperLimit))
            #expect(a.points.filter { $0.exclusion == .missing }.count == xs.filter { $0 == nil }.count)
            #expect(a.signals.map(\.rule) == b.signals.map(\.rule))
        }
    }
}
