import Domain
import Testing

@Suite("Indicators: definitions, charts per value type, strata, populations")
struct IndicatorTests {
    static func indicator(_ tweak: (inout Indicator) -> Void = { _ in }) -> Indicator {
        var i = Indicator(
            code: "hjartsvikt-uppfoljning-30d", name: "Andel med uppföljning inom 30 dagar", valueType: .proportion,
            directionOfGood: .higher, target: 0.9, granularity: .month)
        tweak(&i)
        return i
    }

    @Test("the default chart follows the value type")
    func defaultCharts() {
        #expect(Indicator(code: "a-1", name: "x", valueType: .proportion, granularity: .month).chartType == .p)
        #expect(Indicator(code: "a-1", name: "x", valueType: .rate, rateMultiplier: 1000, granularity: .month).chartType == .u)
        #expect(Indicator(code: "a-1", name: "x", valueType: .count, granularity: .month).chartType == .c)
        #expect(Indicator(code: "a-1", name: "x", valueType: .measurement, granularity: .month).chartType == .i)
    }

    @Test("a valid definition passes")
    func valid() throws {
        try Self.indicator().validate()
        try Self.indicator {
            $0.valueType = .rate
            $0.rateMultiplier = 1000
            $0.chartType = .uPrime
            $0.target = 2.5
        }.validate()
    }

    static let refusals: [(String, @Sendable (inout Indicator) -> Void)] = [
        ("indicator.code", { @Sendable (i: inout Indicator) in i.code = "" }),
        ("indicator.code", { @Sendable (i: inout Indicator) in i.code = "Stora bokstäver" }),
        ("indicator.code", { @Sendable (i: inout Indicator) in i.code = "ab" }),
        ("indicator.code", { @Sendable (i: inout Indicator) in i.code = "-leading" }),
        ("indicator.name", { @Sendable (i: inout Indicator) in i.name = "   " }),
        (
            "indicator.rate_multiplier",
            { @Sendable (i: inout Indicator) in
                i.valueType = .rate
                i.chartType = .u
            }
        ),
        ("indicator.rate_multiplier", { @Sendable (i: inout Indicator) in i.rateMultiplier = 1000 }),
        ("indicator.granularity", { @Sendable (i: inout Indicator) in i.granularity = .year }),
        ("indicator.chart_type", { @Sendable (i: inout Indicator) in i.chartType = .u }),
        ("indicator.chart_type", { @Sendable (i: inout Indicator) in i.chartType = .mr }),
        ("indicator.target", { @Sendable (i: inout Indicator) in i.target = 90 }),
        ("indicator.target", { @Sendable (i: inout Indicator) in i.target = .nan }),
        (
            "indicator.strata[0].values",
            { @Sendable (i: inout Indicator) in
                i.strata = [StratumDimension(code: "kon", name: "Kön", values: [StratumValue(code: "kvinnor", name: "Kvinnor")])]
            }
        ),
        (
            "indicator.strata[0].gap_reference_value",
            { @Sendable (i: inout Indicator) in
                i.strata = [
                    StratumDimension(
                        code: "kon", name: "Kön", values: [StratumValue(code: "kvinnor", name: "Kvinnor"), StratumValue(code: "man", name: "Män")],
                        gapReferenceValue: "barn")
                ]
            }
        ),
        (
            "indicator.strata[1].code",
            { @Sendable (i: inout Indicator) in
                let d = StratumDimension(code: "kon", name: "Kön", values: [StratumValue(code: "a", name: "A"), StratumValue(code: "b", name: "B")])
                i.strata = [d, d]
            }
        ),
        (
            "indicator.strata[0].values[1].code",
            { @Sendable (i: inout Indicator) in
                i.strata = [StratumDimension(code: "kon", name: "Kön", values: [StratumValue(code: "a", name: "A"), StratumValue(code: "a:b", name: "B")])]
            }
        ),
    ]

    @Test("each bad field is named", arguments: 0..<16)
    func refused(case index: Int) {
        let (field, tweak) = Self.refusals[index]
        #expect(throws: IndicatorError.self) { try Self.indicator(tweak).validate() }
        do { try Self.indicator(tweak).validate() } catch { #expect(error.field == field) }
    }

    @Test("populations: the total, each stratum value, each gap against the reference")
    func populations() {
        let i = Self.indicator {
            $0.strata = [
                StratumDimension(
                    code: "kon", name: "Kön", values: [StratumValue(code: "kvinnor", name: "Kvinnor"), StratumValue(code: "man", name: "Män")],
                    gapReferenceValue: "man"),
                StratumDimension(code: "alder", name: "Ålder", values: [StratumValue(code: "0-64", name: "0–64"), StratumValue(code: "65-", name: "65–")]),
            ]
        }
        #expect(i.populations.map(\.key) == ["", "kon:kvinnor", "kon:man", "alder:0-64", "alder:65-", "kon:kvinnor/man"])
        #expect(SeriesPopulation.gap(Stratum(dimension: "kon", value: "kvinnor"), reference: "man").label(in: i) == "Kvinnor − män")
        for p in i.populations { #expect(SeriesPopulation(key: p.key) == p) }
        #expect(SeriesPopulation(key: "kon:") == nil)
        #expect(SeriesPopulation(key: "kon:kvinnor/") == nil)
    }

    @Test("strata may grow, not shrink")
    func strataGrowOnly() {
        let two = [StratumDimension(code: "kon", name: "Kön", values: [StratumValue(code: "a", name: "A"), StratumValue(code: "b", name: "B")])]
        let three = [
            StratumDimension(
                code: "kon", name: "Kön", values: [StratumValue(code: "a", name: "A"), StratumValue(code: "b", name: "B"), StratumValue(code: "c", name: "C")])
        ]
        #expect(Indicator.keepsStrata(of: two, in: three))
        #expect(!Indicator.keepsStrata(of: three, in: two))
        #expect(!Indicator.keepsStrata(of: two, in: []))
    }

    @Test("the built-in helpfulness indicator")
    func helpfulness() throws {
        let i = Indicator.helpfulness(knowledgeSupportID: "ABC-123", supportTitle: "Hjärtsvikt", granularity: .isoWeek)
        #expect(i.code == "feedback-helpful-week.abc-123")
        #expect(i.valueType == .proportion && i.directionOfGood == .higher && i.chartType == .p && i.builtIn)
        #expect(Indicator.helpfulnessCode(knowledgeSupportID: "x", granularity: .month) == "feedback-helpful-month.x")
        try i.validate()
    }
}
