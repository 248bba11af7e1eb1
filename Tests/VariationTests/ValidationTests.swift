import Domain
import Testing
import Variation

@Suite("Validation")
struct ValidationTests {
    func code(_ body: () throws(VariationError) -> VariationAnalysis) -> VariationError.Code? {
        do {
            _ = try body()
            return nil
        } catch { return error.code }
    }

    @Test("empty, unordered, mixed, missing and invalid inputs are refused with a typed error")
    func refused() throws {
        let opts = AnalysisOptions(chartType: .p)
        #expect(code { () throws(VariationError) in try .analyze([], options: opts) } == .emptySeries)
        let twice = [Observation.value(week(1), 1), .value(week(1), 2)]
        #expect(code { () throws(VariationError) in try .analyze(twice, options: .init(chartType: .i)) } == .periodsOutOfOrder)
        let mixed = [Observation.value(week(1), 1), .value(try .month(2026, 3), 2)]
        #expect(code { () throws(VariationError) in try .analyze(mixed, options: .init(chartType: .i)) } == .periodsOutOfOrder)
        #expect(code { () throws(VariationError) in try .analyze(values([1, 2]), options: opts) } == .missingDenominator)
        #expect(code { () throws(VariationError) in try .analyze(proportions([(3, 2)]), options: opts) } == .invalidValue)
        #expect(code { () throws(VariationError) in try .analyze(values([1, .nan]), options: .init(chartType: .i)) } == .invalidValue)
        #expect(code { () throws(VariationError) in try .analyze(values([1, 2]), options: .init(chartType: .i, phaseBreaks: [week(9)])) } == .invalidOption)
        #expect(code { () throws(VariationError) in try .analyze(values([1, 2]), options: .init(chartType: .i, baselineLength: 0)) } == .invalidOption)
    }

    @Test("months work like weeks, and labels are Swedish")
    func months() throws {
        let series = (0..<12).map { Observation.value(try! Period.month(2026, 1).advanced(by: $0), Double($0 % 3)) }
        let a = try VariationAnalysis.analyze(series, options: .init(chartType: .run))
        #expect(a.points[2].period.swedishLabel == "mars 2026")
    }
}
