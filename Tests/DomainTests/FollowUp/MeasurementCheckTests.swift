import Domain
import Testing

@Suite("Measurement rows: each bad row refused on its own with its field and reason")
struct MeasurementCheckTests {
    static let today = try! CivilDate(year: 2026, month: 3, day: 15)
    static let check: MeasurementCheck = {
        let share = Indicator(
            code: "andel", name: "Andel", valueType: .proportion, granularity: .month,
            strata: [
                StratumDimension(code: "kon", name: "Kön", values: [StratumValue(code: "kvinnor", name: "Kvinnor"), StratumValue(code: "man", name: "Män")])
            ])
        let rate = Indicator(code: "fall", name: "Fall", valueType: .rate, rateMultiplier: 1000, granularity: .month)
        let count = Indicator(code: "antal", name: "Antal", valueType: .count, granularity: .isoWeek)
        let value = Indicator(code: "ledtid", name: "Ledtid", valueType: .measurement, granularity: .quarter)
        var old = Indicator(code: "gammal", name: "Gammal", valueType: .count, granularity: .month)
        old.active = false
        let builtIn = Indicator.helpfulness(knowledgeSupportID: "ks", supportTitle: nil, granularity: .month)
        let indicators = Dictionary(uniqueKeysWithValues: [share, rate, count, value, old, builtIn].map { ($0.code, $0) })
        return MeasurementCheck(indicators: indicators, organisations: ["SE", "SE-03", "enhet-1"], today: today)
    }()

    static func row(
        _ code: String = "andel", org: String = "enhet-1", period: ReportedRow.PeriodParts? = .init(granularity: .month, year: 2026, index: 2),
        stratum: Stratum? = nil, value: MeasurementValue? = .ratio(numerator: 42, denominator: 50)
    ) -> ReportedRow {
        ReportedRow(indicatorCode: code, organisationID: org, period: period, stratum: stratum, value: value)
    }

    @Test("good rows of every shape pass")
    func good() {
        let rows = [
            Self.row(), Self.row(stratum: Stratum(dimension: "kon", value: "kvinnor")), Self.row(org: "SE-03", value: .ratio(numerator: 0, denominator: 0)),
            Self.row("fall", value: .rate(count: 3, exposure: 1250)), Self.row("fall", org: "SE", value: .rate(count: 0, exposure: 0)),
            Self.row("antal", period: .init(granularity: .isoWeek, year: 2026, index: 11), value: .count(7)),
            Self.row("ledtid", period: .init(granularity: .quarter, year: 2026, index: 1), value: .value(12.5)),
        ]
        let (accepted, problems) = Self.check.check(rows)
        #expect(problems.isEmpty)
        #expect(accepted.map(\.index) == Array(0..<7))
    }

    @Test(
        "each problem names its reason and field",
        arguments: [
            (Self.row(""), MeasurementProblem.Reason.missingField, "indicator_code"),
            (Self.row(org: " "), .missingField, "organisation_id"),
            (Self.row(period: nil), .missingField, "period"),
            (Self.row(value: nil), .missingField, "result"),
            (Self.row("okand"), .unknownIndicator, "indicator_code"),
            (Self.row("gammal", value: .count(1)), .unknownIndicator, "indicator_code"),
            (Self.row(Indicator.helpfulnessCode(knowledgeSupportID: "ks", granularity: .month)), .builtInIndicator, "indicator_code"),
            (Self.row(org: "SE-99"), .unknownOrganisation, "organisation_id"),
            (Self.row(stratum: Stratum(dimension: "alder", value: "65-")), .unknownStratum, "stratum.dimension"),
            (Self.row(stratum: Stratum(dimension: "kon", value: "barn")), .unknownStratum, "stratum.value"),
            (Self.row(value: .count(3)), .wrongShape, "count"),
            (Self.row("fall", value: .ratio(numerator: 1, denominator: 2)), .wrongShape, "ratio"),
            (Self.row(value: .ratio(numerator: 51, denominator: 50)), .numeratorAboveDenominator, "ratio.numerator"),
            (Self.row(value: .ratio(numerator: -1, denominator: 50)), .negativeValue, "ratio.numerator"),
            (Self.row(value: .ratio(numerator: 0, denominator: -5)), .negativeValue, "ratio.denominator"),
            (Self.row("fall", value: .rate(count: 1, exposure: -1)), .negativeValue, "rate.exposure"),
            (Self.row("fall", value: .rate(count: 1, exposure: .infinity)), .notFinite, "rate.exposure"),
            (Self.row("ledtid", period: .init(granularity: .quarter, year: 2026, index: 1), value: .value(.nan)), .notFinite, "value"),
            (Self.row("ledtid", period: .init(granularity: .quarter, year: 2026, index: 1), value: .value(-2)), .negativeValue, "value"),
            (Self.row("antal", period: .init(granularity: .isoWeek, year: 2026, index: 1), value: .count(-3)), .negativeValue, "count"),
            (Self.row(period: .init(granularity: .month, year: 2026, index: 13)), .invalidPeriod, "period"),
            (Self.row("antal", period: .init(granularity: .isoWeek, year: 2025, index: 53), value: .count(1)), .invalidPeriod, "period"),
            (Self.row(period: .init(granularity: nil, year: 2026, index: 1)), .invalidPeriod, "period"),
            (Self.row(period: .init(granularity: .isoWeek, year: 2026, index: 5)), .periodGranularityMismatch, "period.granularity"),
            (Self.row(period: .init(granularity: .month, year: 2026, index: 4)), .periodInFuture, "period"),
        ])
    func problems(row: ReportedRow, reason: MeasurementProblem.Reason, field: String) {
        let (accepted, problems) = Self.check.check([row])
        #expect(accepted.isEmpty)
        #expect(problems.count == 1)
        #expect(problems.first?.reason == reason)
        #expect(problems.first?.field == field)
        #expect(problems.first?.index == 0)
        #expect(!(problems.first?.swedish.isEmpty ?? true))
    }

    @Test("the current period has started and is taken; the next one is in the future")
    func currentPeriod() {
        #expect(Self.check.check([Self.row(period: .init(granularity: .month, year: 2026, index: 3))]).problems.isEmpty)
        #expect(Self.check.check([Self.row(period: .init(granularity: .month, year: 2026, index: 4))]).problems.first?.reason == .periodInFuture)
    }

    @Test("good and bad rows in one batch: the good are kept, each bad one named by index; a repeated key refuses the later row")
    func mixed() {
        let rows = [Self.row(), Self.row(org: "nope"), Self.row(org: "SE-03"), Self.row(), Self.row(value: .ratio(numerator: 9, denominator: 3))]
        let (accepted, problems) = Self.check.check(rows)
        #expect(accepted.map(\.index) == [0, 2])
        #expect(problems.map(\.index) == [1, 3, 4])
        #expect(problems.map(\.reason) == [.unknownOrganisation, .duplicateInBatch, .numeratorAboveDenominator])
    }

    @Test("the total and a stratum of the same period are different keys")
    func strataAreKeys() {
        let rows = [Self.row(), Self.row(stratum: Stratum(dimension: "kon", value: "kvinnor")), Self.row(stratum: Stratum(dimension: "kon", value: "man"))]
        #expect(Self.check.check(rows).accepted.count == 3)
    }

    @Test("a long value is quoted short in the message")
    func longQuoted() {
        let problems = Self.check.check([Self.row(String(repeating: "x", count: 5000))]).problems
        #expect((problems.first?.english.count ?? 0) < 200)
    }
}
