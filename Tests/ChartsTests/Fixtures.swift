import Domain
import SeededRandom
import Variation

enum Fixtures {
    static let firstWeek = try! Period.isoWeek(2025, 1)
    static let firstMonth = try! Period.month(2024, 1)

    /// 104 weeks, 80 % treated in time until week 80, then 70 %; target 75 %; baseline 52.
    static func weeklyDeterioration() throws -> VariationAnalysis {
        var rng = SplitMix64(seed: 104)
        let series = (0..<104).map { k in
            Observation.proportion(firstWeek.advanced(by: k), numerator: rng.binomial(200, k < 79 ? 0.8 : 0.7), denominator: 200)
        }
        return try VariationAnalysis.analyze(
            series,
            options: AnalysisOptions(
                chartType: .p, directionOfGood: .higher, target: 0.75, baselineLength: 52))
    }

    /// 24 months of waiting days on a run chart; an improvement (lower is better) from month 14.
    static func monthlyRunChart() throws -> VariationAnalysis {
        let xs: [Double] = [34, 31, 36, 33, 38, 30, 35, 37, 32, 36, 34, 33, 35, 28, 26, 27, 25, 29, 24, 26, 25, 27, 23, 24]
        let series = xs.enumerated().map { Observation.value(firstMonth.advanced(by: $0.offset), $0.element) }
        return try VariationAnalysis.analyze(series, options: AnalysisOptions(chartType: .run, directionOfGood: .lower))
    }

    /// Falls per 1,000 bed days (u chart) over two phases, Making Data Count, a week without
    /// data (zero exposure) and a falling trend at the end.
    static func phasedRates() throws -> VariationAnalysis {
        var rng = SplitMix64(seed: 7)
        var series: [Observation] = []
        for k in 0..<40 {
            let exposure = k == 12 ? 0 : Double(600 + rng.next() % 400)
            let rate = k < 20 ? 0.009 : (k < 32 ? 0.006 : 0.006 - Double(k - 31) * 0.0006)
            let count = k == 12 ? 0 : (k >= 32 ? (rate * exposure).rounded() : rng.binomial(Int(exposure), rate))
            series.append(.rate(firstWeek.advanced(by: k), count: count, exposure: exposure))
        }
        return try VariationAnalysis.analyze(
            series,
            options: AnalysisOptions(
                chartType: .u, ruleSet: .makingDataCount, directionOfGood: .lower, target: 0.005,
                phaseBreaks: [firstWeek.advanced(by: 20)]))
    }

    /// 20 months of an i chart with two months that did not report (mars 2024, januari 2025) and
    /// limits frozen on the first 12 reported months.
    static func monthlyWithGaps() throws -> VariationAnalysis {
        let xs: [Double?] = [42, 45, nil, 44, 40, 46, 43, 41, 44, 47, 42, 45, nil, 43, 44, 49, 51, 50, 52, 53]
        let series = xs.enumerated().map { k, x in
            x.map { Observation.value(firstMonth.advanced(by: k), $0) } ?? .missing(firstMonth.advanced(by: k))
        }
        return try VariationAnalysis.analyze(series, options: AnalysisOptions(chartType: .i, directionOfGood: .higher, baselineLength: 12))
    }

    /// Twelve regions compared on one month.
    static func regions() throws -> FunnelPlot {
        let data: [(String, Double, Double)] = [
            ("Region Norr", 410, 520), ("Region Mitt", 820, 1010), ("Region Syd", 1500, 1890), ("Region Väst", 990, 1200),
            ("Region Öst", 300, 420), ("Gotland", 62, 80), ("Skåne & Blekinge", 1900, 2300), ("Dalarna", 260, 300),
            ("Jämtland", 95, 140), ("Kalmar", 350, 430), ("Örebro", 505, 610), ("Uppsala", 720, 860),
        ]
        return try FunnelPlot.analyze(
            data.map { FunnelUnit(name: $0.0, numerator: $0.1, denominator: $0.2) },
            period: try .month(2026, 3), options: FunnelOptions(directionOfGood: .higher))
    }
}
