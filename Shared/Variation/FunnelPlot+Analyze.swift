public import Domain
import Foundation

extension FunnelPlot {
    static let z95 = 1.959963984540054
    static let z998 = 3.090232306167813

    /// Computes the overall proportion, the limits at each unit's denominator and the findings.
    /// - Parameters:
    ///   - units: Units with numerator ≤ denominator; a zero denominator is kept but not assessed.
    ///   - period: The period compared, for titles; defaults to `nil`.
    ///   - options: Method and direction of good; defaults to exact binomial, neither.
    /// - Throws: ``VariationError`` when there are no units with cases, or values are invalid.
    public static func analyze(_ units: [FunnelUnit], period: Period? = nil, options: FunnelOptions = FunnelOptions()) throws(VariationError) -> FunnelPlot {
        var num = 0.0
        var den = 0.0
        for u in units {
            guard u.numerator.isFinite, u.denominator.isFinite, u.numerator >= 0, u.numerator <= u.denominator else {
                throw VariationError(.invalidValue, "\(u.name): need 0 ≤ numerator ≤ denominator")
            }
            num += u.numerator
            den += u.denominator
        }
        guard den > 0 else { throw VariationError(.emptySeries, "no unit has a denominator above 0") }
        let overall = num / den
        var phi = 1.0
        if case .normal(let over) = options.method {
            switch over {
            case .none: phi = 1
            case .fixed(let f): phi = max(1, f)
            case .estimated: phi = max(1, estimatedPhi(units, overall: overall))
            }
        }
        var plot = FunnelPlot(period: period, overall: overall, options: options, phi: phi, findings: [])
        plot = FunnelPlot(
            period: period, overall: overall, options: options, phi: phi,
            findings: units.map { u in
                guard let p = u.proportion else {
                    return Finding(unit: u, proportion: nil, limits: nil, position: .notAssessed, direction: .neither)
                }
                let l = plot.limits(atDenominator: u.denominator)
                let position: Position =
                    p > l.upper998
                    ? .above998
                    : p > l.upper95
                        ? .above95
                        : p < l.lower998 ? .below998 : p < l.lower95 ? .below95 : .within
                let side: Signal.Side =
                    position == .above95 || position == .above998
                    ? .above
                    : position == .within ? .none : .below
                return Finding(
                    unit: u, proportion: p, limits: l, position: position,
                    direction: Signal.Direction(side: side, directionOfGood: options.directionOfGood))
            })
        return plot
    }

    /// The 95 % and 99.8 % limits at denominator `n`, by the plot's method.
    public func limits(atDenominator n: Double) -> Limits {
        switch options.method {
        case .normal:
            let s = (phi * overall * (1 - overall) / n).squareRoot()
            func clip(_ x: Double) -> Double { min(1, max(0, x)) }
            return Limits(
                denominator: n, lower95: clip(overall - Self.z95 * s), upper95: clip(overall + Self.z95 * s),
                lower998: clip(overall - Self.z998 * s), upper998: clip(overall + Self.z998 * s))
        case .exactBinomial:
            let trials = max(1, Int(n.rounded()))
            let low = Binomial(trials: trials, probability: overall)
            let high = Binomial(trials: trials, probability: 1 - overall)
            func lower(_ b: Binomial, _ q: Double) -> Double {
                // Spiegelhalter (2005) A.1.1: interpolate between the integer quantile and the one below.
                let r = b.quantile(q)
                let atR = b.cdf(r)
                let belowR = b.cdf(r - 1)
                let alpha = atR > belowR ? (atR - q) / (atR - belowR) : 0
                return min(1, max(0, (Double(r) - alpha) / Double(trials)))
            }
            // The upper limit mirrors the lower limit of 1 − p̄, so limits are symmetric in p and
            // 1 − p and a unit is flagged only when its own tail probability is below the level
            // (applied to the upper tail directly, the interpolation sits half a case too low).
            return Limits(
                denominator: n, lower95: lower(low, 0.025), upper95: 1 - lower(high, 0.025),
                lower998: lower(low, 0.001), upper998: 1 - lower(high, 0.001))
        }
    }

    /// φ = mean of squared z-scores winsorised at the 10th and 90th percentiles.
    static func estimatedPhi(_ units: [FunnelUnit], overall: Double) -> Double {
        guard overall > 0, overall < 1 else { return 1 }
        let z = units.compactMap { u -> Double? in
            guard let p = u.proportion else { return nil }
            return (p - overall) / (overall * (1 - overall) / u.denominator).squareRoot()
        }.sorted()
        guard !z.isEmpty else { return 1 }
        let cut = Int((0.1 * Double(z.count)).rounded(.down))
        let low = z[cut]
        let high = z[z.count - 1 - cut]
        return z.reduce(0) { $0 + pow(min(max($1, low), high), 2) } / Double(z.count)
    }
}
