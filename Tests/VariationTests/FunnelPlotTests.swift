import Domain
import SeededRandom
import Testing
import Variation

@Suite("Funnel plot")
struct FunnelPlotTests {
    @Test("overall proportion is Σ numerators / Σ denominators")
    func overall() throws {
        let f = try FunnelPlot.analyze([.init(name: "A", numerator: 5, denominator: 10), .init(name: "B", numerator: 50, denominator: 100)])
        #expect(close(f.overall, 0.5))
    }

    @Test("exact binomial limits by hand: Binomial(10, 0.5), interpolated, symmetric")
    func exactSmall() throws {
        let f = try FunnelPlot.analyze([.init(name: "A", numerator: 5, denominator: 10), .init(name: "B", numerator: 50, denominator: 100)])
        let l = f.limits(atDenominator: 10)
        // r = 2 (P(X ≤ 2) = 56/1024 ≥ .025), α = (56/1024 − .025) / (45/1024) = 30.4/45, (2 − α)/10
        #expect(close(l.lower95, (2 - 30.4 / 45) / 10))
        #expect(close(l.upper95, 1 - (2 - 30.4 / 45) / 10))
        #expect(l.lower998 < l.lower95 && l.upper998 > l.upper95)
    }

    @Test("normal limits by hand: p̄ = 0.2, n = 100 → 0.2 ± 1.96·0.04 and ± 3.09·0.04")
    func normal() throws {
        let f = try FunnelPlot.analyze([.init(name: "A", numerator: 20, denominator: 100)], options: .init(method: .normal(.none)))
        let l = f.limits(atDenominator: 100)
        #expect(close(l.lower95, 0.2 - 1.959963984540054 * 0.04) && close(l.upper95, 0.2 + 1.959963984540054 * 0.04))
        #expect(close(l.upper998, 0.2 + 3.090232306167813 * 0.04))
        #expect(f.limits(atDenominator: 4).lower998 == 0)
    }

    @Test("exact and normal limits meet as the denominator grows, and narrow monotonically")
    func convergence() throws {
        let units = [FunnelUnit(name: "A", numerator: 200, denominator: 1000)]
        let exact = try FunnelPlot.analyze(units)
        let normal = try FunnelPlot.analyze(units, options: .init(method: .normal(.none)))
        #expect(abs(exact.limits(atDenominator: 10_000).upper95 - normal.limits(atDenominator: 10_000).upper95) < 2e-4)
        #expect(abs(exact.limits(atDenominator: 10_000).lower998 - normal.limits(atDenominator: 10_000).lower998) < 2e-4)
        var previous = 1.0
        for n in stride(from: 20.0, through: 5000, by: 20) {
            let u = exact.limits(atDenominator: n).upper95
            #expect(u <= previous + 1e-12)
            previous = u
        }
    }

    @Test("units outside the limits are found with their side and direction")
    func findings() throws {
        var units = (0..<10).map { FunnelUnit(name: "Enhet \($0)", numerator: 80, denominator: 100) }
        units.append(FunnelUnit(name: "Låg", numerator: 60, denominator: 100))  // z ≈ −5: below 99.8 %
        units.append(FunnelUnit(name: "Hög", numerator: 90, denominator: 100))  // above 95 % (≈ 0.87), inside 99.8 % (≈ 0.92)
        units.append(FunnelUnit(name: "Tom", numerator: 0, denominator: 0))
        let f = try FunnelPlot.analyze(units, options: .init(directionOfGood: .higher))
        let byName = Dictionary(uniqueKeysWithValues: f.findings.map { ($0.unit.name, $0) })
        #expect(byName["Låg"]?.position == .below998 && byName["Låg"]?.direction == .deterioration)
        #expect(byName["Hög"]?.position == .above95 && byName["Hög"]?.direction == .improvement)
        #expect(byName["Enhet 0"]?.position == .within && byName["Enhet 0"]?.direction == .neither)
        #expect(byName["Tom"]?.position == .notAssessed)
        #expect(f.outliers.count == 2)
    }

    @Test("estimated over-dispersion widens the limits by √φ; little spread leaves φ = 1")
    func overdispersion() throws {
        var rng = SplitMix64(seed: 9)
        let spread = (0..<30).map { k in FunnelUnit(name: "\(k)", numerator: (2000 * (0.3 + 0.05 * rng.normal())).rounded(), denominator: 2000) }
        let plain = try FunnelPlot.analyze(spread, options: .init(method: .normal(.none)))
        let wide = try FunnelPlot.analyze(spread, options: .init(method: .normal(.estimated)))
        #expect(wide.phi > 10)
        let w = wide.limits(atDenominator: 2000)
        let p = plain.limits(atDenominator: 2000)
        #expect(close(w.upper95 - wide.overall, (p.upper95 - plain.overall) * wide.phi.squareRoot(), 1e-9))
        #expect(wide.outliers.count < plain.outliers.count)
        let tight = (0..<30).map { FunnelUnit(name: "\($0)", numerator: 600, denominator: 2000) }
        #expect(try FunnelPlot.analyze(tight, options: .init(method: .normal(.estimated))).phi == 1)
    }

    @Test("invalid units are refused")
    func invalid() {
        #expect(throws: VariationError.self) { try FunnelPlot.analyze([.init(name: "X", numerator: 5, denominator: 4)]) }
        #expect(throws: VariationError.self) { try FunnelPlot.analyze([.init(name: "X", numerator: 0, denominator: 0)]) }
    }
}
