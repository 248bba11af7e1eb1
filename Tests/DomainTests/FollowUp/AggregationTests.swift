import Domain
import SeededRandom
import Testing

@Suite("Up the hierarchy: reported values win, the rest is summed from the children; the period grid keeps gaps")
struct AggregationTests {
    // nation → hr → {region A → units a1, a2, a3; region B → unit b1}
    static let tree = OrganisationTree([
        ("SE", nil), ("HR", "SE"), ("A", "HR"), ("B", "HR"), ("a1", "A"), ("a2", "A"), ("a3", "A"), ("b1", "B"),
    ])

    static func r(_ n: Double, _ d: Double?) -> SeriesPoint { .reported(n, d) }

    @Test("proportions sum numerators and denominators; a missing unit makes the sum partial")
    func sums() {
        let reported: [String: [Int: SeriesPoint]] = [
            "a1": [1: Self.r(4, 10), 2: Self.r(5, 10)],
            "a2": [1: Self.r(6, 10), 2: Self.r(7, 10)],
            "a3": [1: Self.r(1, 5)],
            "b1": [2: Self.r(9, 9)],
        ]
        let values = Aggregation.values(reported: reported, tree: Self.tree, aggregates: true)
        let a1 = values["A"]?[1]
        let a2 = values["A"]?[2]
        #expect(a1?.numerator == 11 && a1?.denominator == 25 && a1?.origin == .aggregated)
        #expect(a1?.contributors == 3 && a1?.expectedContributors == 3 && a1?.partial == false)
        #expect(a2?.numerator == 12 && a2?.contributors == 2 && a2?.expectedContributors == 3 && a2?.partial == true)
        // The healthcare region: A is complete in period 1 but B has nothing; in period 2 A is partial.
        #expect(values["HR"]?[1]?.partial == true && values["HR"]?[1]?.contributors == 1 && values["HR"]?[1]?.expectedContributors == 2)
        #expect(values["HR"]?[2]?.numerator == 21 && values["HR"]?[2]?.partial == true)
        #expect(values["SE"]?[2]?.denominator == 29)
    }

    @Test("a value reported for a region wins over the sum of its units and counts as complete")
    func reportedWins() {
        let reported: [String: [Int: SeriesPoint]] = ["a1": [1: Self.r(4, 10)], "A": [1: Self.r(30, 100)], "b1": [1: Self.r(1, 2)]]
        let values = Aggregation.values(reported: reported, tree: Self.tree, aggregates: true)
        #expect(values["A"]?[1] == Self.r(30, 100))
        #expect(values["HR"]?[1]?.numerator == 31 && values["HR"]?[1]?.partial == false)
    }

    @Test("measurements never aggregate")
    func measurementsStay() {
        let reported: [String: [Int: SeriesPoint]] = ["a1": [1: Self.r(12.5, nil)]]
        let values = Aggregation.values(reported: reported, tree: Self.tree, aggregates: false)
        #expect(values.keys.sorted() == ["a1"])
    }

    @Test("counts sum without a denominator; 0 of 0 is a value, not a gap")
    func countsAndZero() {
        let values = Aggregation.values(reported: ["a1": [1: Self.r(3, nil)], "a2": [1: Self.r(4, nil)]], tree: Self.tree, aggregates: true)
        #expect(values["A"]?[1]?.numerator == 7 && values["A"]?[1]?.denominator == nil)
        let zero = Aggregation.values(reported: ["a1": [1: Self.r(0, 0)]], tree: Self.tree, aggregates: true)
        #expect(zero["SE"]?[1]?.denominator == 0 && zero["SE"]?[1]?.value == nil)
    }

    @Test("a moved unit takes its history to its new parent")
    func moved() {
        let reported: [String: [Int: SeriesPoint]] = ["a1": [1: Self.r(4, 10)], "b1": [1: Self.r(1, 2)]]
        let before = Aggregation.values(reported: reported, tree: Self.tree, aggregates: true)
        let after = Aggregation.values(
            reported: reported,
            tree: OrganisationTree([
                ("SE", nil), ("HR", "SE"), ("A", "HR"), ("B", "HR"), ("a1", "B"), ("a2", "A"), ("a3", "A"), ("b1", "B"),
            ]), aggregates: true)
        #expect(before["B"]?[1]?.numerator == 1 && after["B"]?[1]?.numerator == 5)
        #expect(before["A"] != nil && after["A"] == nil)
        #expect(after["SE"]?[1] == before["SE"]?[1])
    }

    @Test("property: with nothing reported above the units, the nation is the sum of every unit, period by period")
    func nationIsSumOfUnits() {
        var rng = SplitMix64(seed: 18)
        for _ in 0..<200 {
            var reported: [String: [Int: SeriesPoint]] = [:]
            var total: [Int: (Double, Double)] = [:]
            for unit in ["a1", "a2", "a3", "b1"] where rng.next(4) > 0 {
                for ordinal in 0..<6 where rng.next(3) > 0 {
                    let d = Double(rng.next(50))
                    let n = Double(rng.next(Int(d) + 1))
                    reported[unit, default: [:]][ordinal] = Self.r(n, d)
                    total[ordinal, default: (0, 0)].0 += n
                    total[ordinal, default: (0, 0)].1 += d
                }
            }
            let values = Aggregation.values(reported: reported, tree: Self.tree, aggregates: true)
            for (ordinal, sum) in total {
                #expect(values["SE"]?[ordinal]?.numerator == sum.0 && values["SE"]?[ordinal]?.denominator == sum.1)
            }
            #expect(Set((values["SE"] ?? [:]).keys) == Set(total.keys))
        }
    }

    @Test("the grid runs from the series' first value to the indicator's latest period, gaps kept")
    func grid() throws {
        let jan = try Period.month(2026, 1)
        let points: [Int: SeriesPoint] = [jan.ordinal: Self.r(1, 2), jan.ordinal + 2: Self.r(0, 0)]
        let grid = PeriodGrid.grid(points, through: jan.ordinal + 4, granularity: .month)
        #expect(grid.map(\.period.description) == ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05"])
        #expect(grid.map { $0.point == nil } == [false, true, false, true, true])
        #expect(PeriodGrid.grid([:], through: 5, granularity: .month).isEmpty)
    }

    @Test("property: ordinals step one per period and invert, for every granularity")
    func ordinals() throws {
        var rng = SplitMix64(seed: 7)
        for granularity in [Period.Granularity.isoWeek, .month, .quarter, .year] {
            var period = Period(containing: try CivilDate(year: 1998, month: 12, day: 27), granularity: granularity)
            for _ in 0..<400 {
                let next = period.advanced(by: 1 + rng.next(3))
                #expect(next.ordinal - period.ordinal == period.distance(to: next))
                #expect(Period(ordinal: next.ordinal, granularity: granularity) == next)
                period = next
            }
        }
    }

    @Test("equity gap: stratum minus reference on the chart's scale, where both have a value")
    func gap() {
        let women: [Int: SeriesPoint] = [1: Self.r(8, 10), 2: Self.r(6, 10), 3: Self.r(0, 0)]
        let men: [Int: SeriesPoint] = [1: Self.r(6, 10), 3: Self.r(1, 2), 2: SeriesPoint(numerator: 7, denominator: 10, origin: .aggregated, partial: true)]
        let gap = EquityGap.series(minuend: women, reference: men, scale: 1)
        #expect(abs((gap[1]?.numerator ?? 0) - 0.2) < 1e-12 && gap[1]?.origin == .reported && gap[1]?.denominator == nil)
        #expect(gap[2]?.origin == .aggregated && gap[2]?.partial == true)
        #expect(gap[3] == nil)
        let rates = EquityGap.series(minuend: [1: Self.r(3, 1000)], reference: [1: Self.r(1, 1000)], scale: 1000)
        #expect(abs((rates[1]?.numerator ?? 0) - 2) < 1e-9)
    }
}
