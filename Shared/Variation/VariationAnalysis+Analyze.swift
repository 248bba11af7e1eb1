import Domain

extension VariationAnalysis {
    /// Analyses a series: centre and limits per phase, run statistics and signals.
    ///
    /// Points with a zero denominator and missing periods (``Observation/missing(_:)``) stay in the
    /// result, marked excluded, and take part in no computation. Moving ranges (i and mr charts,
    /// Laney's σz) are taken only between usable points in consecutive periods, never across an
    /// excluded or absent period. A frozen baseline (`options.baselineLength`) applies within
    /// every phase; run rules still read every point of the phase against the frozen centre line.
    /// - Parameters:
    ///   - series: Points in strictly increasing periods of one granularity.
    ///   - options: Chart type, rule set, direction of good, target, baseline and phase breaks.
    /// - Returns: The analysis, recording `options.ruleSet`.
    /// - Throws: ``VariationError`` for an empty or unordered series, invalid values or options.
    public static func analyze(_ series: [Observation], options: AnalysisOptions) throws(VariationError) -> VariationAnalysis {
        try validate(series, options)
        let chart = options.chartType
        let rules = options.ruleSet
        let good = options.directionOfGood
        let count = series.count
        let starts = try phaseStarts(series, options.phaseBreaks)
        let ends = Array(starts.dropFirst()) + [count]

        var values = [Double](repeating: 0, count: count)
        var exclusion = [AnalysedPoint.Exclusion?](repeating: nil, count: count)
        for (i, point) in series.enumerated() {
            if let v = point.value { values[i] = v } else { exclusion[i] = point.isMissing ? .missing : .zeroDenominator }
        }
        // follows[i]: point i is in the period right after point i − 1's (only charts with moving ranges ask).
        var follows: [Bool] = []
        if chart == .i || chart == .mr || chart == .pPrime || chart == .uPrime {
            follows = series.indices.map { $0 > 0 && series[$0 - 1].period.isFollowed(by: series[$0].period) }
        }
        if chart == .mr { movingRanges(&values, &exclusion, follows: follows, starts: starts, ends: ends) }

        var lower = [Double?](repeating: nil, count: count)
        var upper = lower
        var sigma = lower
        var points: [AnalysedPoint] = []
        points.reserveCapacity(count)
        var phases: [PhaseSummary] = []
        var raw: [(RawSignal, Int)] = []
        var allIncluded: [Int] = []
        allIncluded.reserveCapacity(count)

        for phase in 0..<starts.count {
            let range = starts[phase]..<ends[phase]
            let included = range.filter { exclusion[$0] == nil }
            allIncluded += included
            let length = phase < options.phaseBaselineLengths.count ? options.phaseBaselineLengths[phase] : options.baselineLength
            let baseline = length.map { Array(included.prefix($0)) } ?? included
            let model = PhaseModel.fit(chart, values: values, series: series, baseline: baseline, follows: follows)
            for i in range {
                if exclusion[i] == nil, let s = model.sigma(denominator: series[i].denominator) {
                    let (l, u) = model.limits(sigma: s)
                    sigma[i] = s
                    lower[i] = l
                    upper[i] = u
                }
                points.append(
                    AnalysedPoint(
                        period: series[i].period, value: exclusion[i] == nil ? values[i] : nil,
                        numerator: series[i].numerator, denominator: series[i].isMissing ? nil : series[i].denominator, centre: model.centre,
                        sigma: sigma[i], lowerLimit: lower[i], upperLimit: upper[i], phase: phase,
                        exclusion: exclusion[i], isSignal: false))
            }
            let (stats, longRuns) = Anhoj.analyse(
                values: values, indices: included, centre: model.centre, minimumUsefulPoints: rules.minimumUsefulPoints)
            let baselineRange = baseline.isEmpty ? range.lowerBound..<range.lowerBound : baseline[0]..<(baseline[baseline.count - 1] + 1)
            phases.append(
                PhaseSummary(index: phase, pointRange: range, baselineRange: baselineRange, centre: model.centre, runs: stats, noLimitsReason: model.noLimits))

            var found: [RawSignal] = []
            if chart.hasLimits, rules.pointBeyondLimits {
                found += LimitRules.beyondLimits(values: values, indices: included, lower: lower, upper: upper)
            }
            switch rules.shift {
            case .anhoj: found += longRuns
            case .runOf(let k):
                found += Anhoj.runs(values: values, indices: included, centre: model.centre, longerThan: k - 1, skipCentre: false)
            }
            if rules.fewCrossings, stats.hasUnusuallyFewCrossings {
                found.append(RawSignal(rule: .fewCrossings, side: .none, indices: included.filter { values[$0] != model.centre }))
            }
            if let t = rules.trendLength { found += LimitRules.trends(values: values, indices: included, length: t) }
            if chart.hasLimits, rules.twoOfThreeBeyondTwoSigma {
                found += LimitRules.twoOfThree(values: values, indices: included, centre: model.limitCentre, sigma: sigma)
            }
            raw += found.map { ($0, phase) }
        }

        var assessment: TargetAssessment?
        if let target = options.target {
            let misses = TargetRules.missed(values: values, indices: allIncluded, target: target, good: good, length: rules.targetMissLength)
            raw += misses.map { ($0, points[$0.indices[0]].phase) }
            if let last = allIncluded.last, let l = lower[last], let u = upper[last] {
                assessment = TargetRules.assess(lower: l, upper: u, target: target, good: good)
            }
        }
        // A run chart with too few useful points reports no signal at all.
        if chart == .run, rules.shift == .anhoj, phases.allSatisfy(\.runs.isTooFewPoints) { raw = raw.filter { $0.0.rule == .targetMissed } }

        raw.sort { ($0.0.indices[0], ruleOrder($0.0.rule)) < ($1.0.indices[0], ruleOrder($1.0.rule)) }
        let signals = raw.map { r, phase in
            Signal(
                rule: r.rule, side: r.side, direction: r.rule == .targetMissed ? .deterioration : Signal.Direction(side: r.side, directionOfGood: good),
                onset: series[r.indices[0]].period, pointIndices: r.indices, phase: phase)
        }
        for s in signals where s.rule != .targetMissed { for i in s.pointIndices { points[i].isSignal = true } }
        return VariationAnalysis(
            chartType: chart, ruleSet: rules, directionOfGood: good, target: options.target,
            points: points, phases: phases, signals: signals, targetAssessment: assessment)
    }

    /// Order of rules at the same first point (declaration order, without building `allCases`).
    private static func ruleOrder(_ rule: Signal.Rule) -> Int {
        switch rule {
        case .pointBeyondLimit: 0
        case .shift: 1
        case .fewCrossings: 2
        case .trend: 3
        case .twoOfThreeBeyondTwoSigma: 4
        case .targetMissed: 5
        }
    }

    /// Replaces values by |xᵢ − xᵢ₋₁| where point i − 1 is usable, in the same phase and the period
    /// before; other usable points have no moving range.
    private static func movingRanges(
        _ values: inout [Double], _ exclusion: inout [AnalysedPoint.Exclusion?], follows: [Bool], starts: [Int], ends: [Int]
    ) {
        for (start, end) in zip(starts, ends) {
            var previous: Double?
            for i in start..<end {
                guard exclusion[i] == nil else {
                    previous = nil
                    continue
                }
                let x = values[i]
                if let previous, follows[i] { values[i] = abs(x - previous) } else { exclusion[i] = .noMovingRange }
                previous = x
            }
        }
    }
}
