import Domain

extension VariationAnalysis {
    /// Checks the series and options before any arithmetic.
    static func validate(_ series: [Observation], _ options: AnalysisOptions) throws(VariationError) {
        guard let first = series.first else { throw VariationError(.emptySeries, "the series has no points") }
        let chart = options.chartType
        var previous: Period?
        for point in series {
            let p = point.period
            guard p.granularity == first.period.granularity else {
                throw VariationError(.periodsOutOfOrder, "\(p) is not a \(first.period.granularity.rawValue) like \(first.period)")
            }
            // Within one granularity (year, index) orders periods, and is far cheaper than dates.
            if let previous, (previous.year, previous.index) >= (p.year, p.index) {
                throw VariationError(.periodsOutOfOrder, "\(p) does not follow \(previous)")
            }
            previous = p
            guard let numerator = point.numerator else { continue }  // missing: nothing to check
            guard numerator.isFinite else { throw VariationError(.invalidValue, "\(p): the value is not a number") }
            if chart.needsDenominator {
                guard let d = point.denominator else {
                    throw VariationError(.missingDenominator, "\(p): a \(chart.rawValue) chart needs a denominator")
                }
                guard d.isFinite, d >= 0, numerator >= 0 else {
                    throw VariationError(.invalidValue, "\(p): numerator and denominator must be 0 or more")
                }
                if chart.isProportion, numerator > d {
                    throw VariationError(.invalidValue, "\(p): numerator \(numerator) exceeds denominator \(d)")
                }
            } else if chart == .c || chart == .g, numerator < 0 {
                throw VariationError(.invalidValue, "\(p): counts cannot be negative")
            }
        }
        for b in [options.baselineLength] + options.phaseBaselineLengths {
            if let b, b < 1 { throw VariationError(.invalidOption, "a baseline needs at least 1 point, not \(b)") }
        }
        if case .runOf(let k) = options.ruleSet.shift, k < 2 {
            throw VariationError(.invalidOption, "a shift needs a run of at least 2, not \(k)")
        }
        if let t = options.ruleSet.trendLength, t < 3 {
            throw VariationError(.invalidOption, "a trend needs at least 3 points, not \(t)")
        }
        if options.ruleSet.targetMissLength < 1 {
            throw VariationError(.invalidOption, "target misses in a row must be at least 1")
        }
    }

    /// Start indices of the phases: 0, then for each break the first point at or after it (a
    /// break may fall on a period without data).
    static func phaseStarts(_ series: [Observation], _ breaks: [Period]) throws(VariationError) -> [Int] {
        var starts: Set<Int> = [0]
        for period in breaks {
            guard period.granularity == series[0].period.granularity,
                let i = series.firstIndex(where: { ($0.period.year, $0.period.index) >= (period.year, period.index) })
            else { throw VariationError(.invalidOption, "phase break \(period) is not within the series") }
            starts.insert(i)
        }
        return starts.sorted()
    }
}
