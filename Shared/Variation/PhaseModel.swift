import Domain
import Foundation

/// Centre and sigma of one phase, fitted to its baseline points.
struct PhaseModel: Sendable {
    enum Spread: Sendable {
        case none
        case constant(Double)
        /// √(p̄(1 − p̄)/n) times a multiplier (1, or Laney's σz).
        case binomial(Double, multiplier: Double)
        /// √(ū/n) times a multiplier (1, or Laney's σz).
        case poisson(Double, multiplier: Double)
    }

    /// The centre line, and what runs are counted around.
    var centre: Double
    /// What the limits are built around; differs from `centre` only on g charts.
    var limitCentre: Double
    var spread: Spread
    var floor: Double?
    var ceiling: Double?
    /// Set when the chart type has limits but this baseline cannot give them.
    var noLimits: PhaseSummary.NoLimitsReason?

    /// Sigma at a point with this denominator; `nil` on run charts.
    func sigma(denominator: Double?) -> Double? {
        switch spread {
        case .none: return nil
        case .constant(let s): return s
        case .binomial(let p, let m): return m * (p * (1 - p) / (denominator ?? 1)).squareRoot()
        case .poisson(let u, let m): return m * (u / (denominator ?? 1)).squareRoot()
        }
    }

    func limits(sigma: Double) -> (lower: Double, upper: Double) {
        var lower = limitCentre - 3 * sigma
        var upper = limitCentre + 3 * sigma
        if let floor, lower < floor { lower = floor }
        if let ceiling, upper > ceiling { upper = ceiling }
        return (lower, upper)
    }

    /// Scaling constants for moving ranges of two points: d2 = 1.128, D4 = 3.267.
    static let d2 = 1.128
    static let d4 = 3.267

    /// Fits the model for `chart` to the points at `baseline` (all included, in order).
    ///
    /// `follows[i]` says point i is in the period right after point i − 1's; moving ranges are taken
    /// only between such neighbours (empty for charts without moving ranges).
    static func fit(_ chart: ChartType, values: [Double], series: [Observation], baseline: [Int], follows: [Bool]) -> PhaseModel {
        let k = Double(baseline.count)
        var sum = 0.0
        for i in baseline { sum += values[i] }
        let mean = baseline.isEmpty ? 0 : sum / k
        switch chart {
        case .run:
            return PhaseModel(centre: median(baseline.map { values[$0] }), limitCentre: 0, spread: .none)
        case .i:
            guard let range = screenedAverageMovingRange(values, baseline, follows: follows) else {
                return PhaseModel(centre: mean, limitCentre: mean, spread: .none, noLimits: .noMovingRange)
            }
            return PhaseModel(centre: mean, limitCentre: mean, spread: .constant(range / d2))
        case .mr:
            guard !baseline.isEmpty else { return PhaseModel(centre: 0, limitCentre: 0, spread: .none, noLimits: .noMovingRange) }
            return PhaseModel(centre: mean, limitCentre: mean, spread: .constant((d4 - 1) * mean / 3), floor: 0)
        case .c:
            return PhaseModel(centre: mean, limitCentre: mean, spread: .constant(mean.squareRoot()), floor: 0)
        case .g:
            // Centre line at the geometric distribution's median (≈ ln 2 · mean, as qicharts2 and
            // Provost & Murray draw it) so runs are balanced; limits from the mean, σ = √(ḡ(ḡ + 1)).
            return PhaseModel(centre: mean * M_LN2, limitCentre: mean, spread: .constant((mean * (mean + 1)).squareRoot()), floor: 0)
        case .p, .pPrime, .u, .uPrime:
            var num = 0.0
            var den = 0.0
            for i in baseline {
                num += series[i].numerator ?? 0
                den += series[i].denominator ?? 0
            }
            let bar = den > 0 ? num / den : 0
            let isP = chart == .p || chart == .pPrime
            var model = PhaseModel(
                centre: bar, limitCentre: bar,
                spread: isP ? .binomial(bar, multiplier: 1) : .poisson(bar, multiplier: 1),
                floor: 0, ceiling: isP ? 1 : nil
            )
            if chart == .pPrime || chart == .uPrime {
                if let sz = laneySigmaZ(model, values: values, series: series, baseline: baseline, follows: follows) {
                    model.spread = isP ? .binomial(bar, multiplier: sz) : .poisson(bar, multiplier: sz)
                } else if bar > 0, !isP || bar < 1 {
                    // No σz to scale by. (With p̄ at 0 or 1, or ū at 0, plain sigma is 0 and σz cannot matter.)
                    model.spread = .none
                    model.noLimits = .noMovingRange
                }
            }
            return model
        }
    }

    /// Laney's σz: the average moving range of the z-scores / 1.128 (not screened, as Laney 2002),
    /// over baseline points in consecutive periods; `nil` without a moving range.
    static func laneySigmaZ(_ plain: PhaseModel, values: [Double], series: [Observation], baseline: [Int], follows: [Bool]) -> Double? {
        var previous: (index: Int, z: Double)?
        var total = 0.0
        var count = 0
        for i in baseline {
            guard let s = plain.sigma(denominator: series[i].denominator), s > 0 else {
                previous = nil
                continue
            }
            let z = (values[i] - plain.centre) / s
            if let previous, previous.index == i - 1, follows[i] {
                total += abs(z - previous.z)
                count += 1
            }
            previous = (i, z)
        }
        return count > 0 ? total / Double(count) / d2 : nil
    }

    /// Mean moving range after leaving out moving ranges of D4 × their mean or more (Nelson's
    /// screening, once), so one wild point does not widen the limits. Only baseline points in
    /// consecutive periods make a moving range; `nil` without one.
    static func screenedAverageMovingRange(_ values: [Double], _ baseline: [Int], follows: [Bool]) -> Double? {
        guard baseline.count >= 2 else { return nil }
        var ranges: [Double] = []
        ranges.reserveCapacity(baseline.count - 1)
        for k in 1..<baseline.count {
            let i = baseline[k]
            let j = baseline[k - 1]
            if j == i - 1, follows[i] { ranges.append(abs(values[i] - values[j])) }
        }
        guard !ranges.isEmpty else { return nil }
        let average = ranges.reduce(0, +) / Double(ranges.count)
        let kept = ranges.filter { $0 < d4 * average }
        return kept.isEmpty ? average : kept.reduce(0, +) / Double(kept.count)
    }

    static func median(_ xs: [Double]) -> Double {
        guard !xs.isEmpty else { return 0 }
        let s = xs.sorted()
        let m = s.count / 2
        return s.count % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2
    }
}
