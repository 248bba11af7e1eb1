import Domain
import SeededRandom
import Variation

/// Weekly periods from 2025-W01.
func week(_ offset: Int) -> Period { try! Period.isoWeek(2025, 1).advanced(by: offset) }

func values(_ xs: [Double]) -> [Observation] {
    xs.enumerated().map { .value(week($0.offset), $0.element) }
}

func proportions(_ pairs: [(Double, Double)]) -> [Observation] {
    pairs.enumerated().map { .proportion(week($0.offset), numerator: $0.element.0, denominator: $0.element.1) }
}

func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance * max(1, abs(b))
}

func analyze(
    _ series: [Observation], _ chart: ChartType, _ rules: RuleSet = .anhoj, good: DirectionOfGood = .neither,
    target: Double? = nil, baseline: Int? = nil, breaks: [Period] = []
) throws -> VariationAnalysis {
    try VariationAnalysis.analyze(
        series,
        options: AnalysisOptions(
            chartType: chart, ruleSet: rules, directionOfGood: good, target: target, baselineLength: baseline, phaseBreaks: breaks))
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
