import Domain
import Testing
import Variation

@testable import Charts

@Suite("Chart text: numbers, escaping, readings, determinism")
struct ChartTextTests {
    @Test("attribute numbers: fixed decimals by integer arithmetic, no -0, trailing zeros dropped")
    func attributeNumbers() {
        #expect(SVGNumber.attribute(12.34) == "12.3")
        #expect(SVGNumber.attribute(12.0) == "12")
        #expect(SVGNumber.attribute(-0.04) == "0")
        #expect(SVGNumber.attribute(-2.25, decimals: 1) == "-2.3")  // halves away from zero
        #expect(SVGNumber.attribute(0.1 + 0.2, decimals: 4) == "0.3")
        #expect(SVGNumber.attribute(.nan) == "0")
    }

    @Test("Swedish numbers: decimal comma, minus sign, grouped thousands above 9 999")
    func swedishNumbers() {
        #expect(SVGNumber.swedish(80.5, decimals: 1) == "80,5")
        #expect(SVGNumber.swedish(-3, decimals: 0) == "\u{2212}3")
        #expect(SVGNumber.swedish(1234, decimals: 0) == "1234")
        #expect(SVGNumber.swedish(12345.67, decimals: 2) == "12\u{00A0}345,67")
        #expect(ChartOptions(title: "", measure: .share).text(0.755, decimals: 1) == "75,5\u{00A0}%")
    }

    @Test("text is escaped; a hostile title still gives well-formed XML")
    func escaping() throws {
        #expect(SVGWriter.escape(#"<a href="x">'&'</a>"#) == "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;")
        let a = try Fixtures.monthlyRunChart()
        let svg = ChartRenderer.svg(for: a, options: ChartOptions(title: #"Avd. <3> & "4" 'Öst' ]]>"#, valueLabel: "a<b"))
        #expect(xmlError(svg) == nil)
        #expect(svg.contains("Avd. &lt;3&gt; &amp; &quot;4&quot; &apos;Öst&apos; ]]&gt;"))
        let f = try FunnelPlot.analyze([FunnelUnit(name: "<&>", numerator: 1, denominator: 100), FunnelUnit(name: "B", numerator: 50, denominator: 100)])
        #expect(xmlError(FunnelRenderer.svg(for: f, options: ChartOptions(title: "&"))) == nil)
    }

    @Test("the same input gives byte-identical output")
    func deterministic() throws {
        let options = ChartOptions(title: "Fall", measure: .rate(multiplier: 1000))
        let first = ChartRenderer.svg(for: try Fixtures.phasedRates(), options: options)
        let second = ChartRenderer.svg(for: try Fixtures.phasedRates(), options: options)
        #expect(first == second)
        #expect(!first.contains(/[0-9][eE][-+]?[0-9]/))  // no exponent notation anywhere
    }

    @Test("the reading of a falling trend: the house example sentence")
    func trendReading() throws {
        let xs: [Double] = [40, 44, 41, 45, 42, 44, 40, 43, 41, 45, 42, 44, 49, 47, 46, 45, 44, 43, 42, 41]
        let series = xs.enumerated().map {
            Observation.proportion(try! Period.isoWeek(2026, 1).advanced(by: $0.offset), numerator: $0.element, denominator: 100)
        }
        let a = try VariationAnalysis.analyze(series, options: AnalysisOptions(chartType: .p, ruleSet: .makingDataCount, directionOfGood: .higher))
        #expect(ChartReading.sentence(for: a) == "Andelen har sjunkit under 8 veckor i rad — en förändring, inte slump.")
    }

    @Test("readings for no signal, too few points, a point beyond a limit, and few crossings")
    func otherReadings() throws {
        let week = try Period.isoWeek(2026, 10)
        func series(_ xs: [Double]) -> [Observation] { xs.enumerated().map { .value(week.advanced(by: $0.offset), $0.element) } }
        let calm = try VariationAnalysis.analyze(series([5, 6, 5, 7, 6, 5, 6, 7, 5, 6, 5, 7]), options: .init(chartType: .i))
        #expect(ChartReading.sentence(for: calm) == "Variationen är slumpmässig — inga tecken på förändring.")
        let few = try VariationAnalysis.analyze(series([5, 6, 5]), options: .init(chartType: .run))  // median 5: one useful point
        #expect(ChartReading.sentence(for: few) == "För få punkter för att bedöma variationen (1 av minst 10 utanför medianen).")
        let spike = try VariationAnalysis.analyze(series([5, 6, 5, 7, 6, 5, 6, 7, 5, 6, 5, 30]), options: .init(chartType: .i, baselineLength: 11))
        #expect(
            ChartReading.sentence(for: spike, subject: "Antalet") == "Antalet v. 21 2026 hamnade över den övre styrgränsen — en särskild orsak, inte slump.")
        let clustered = try VariationAnalysis.analyze(series([1, 2, 1, 2, 1, 2, 9, 8, 9, 10, 9, 8]), options: .init(chartType: .run))
        #expect(ChartReading.sentence(for: clustered) == "Kurvan korsar medianen bara 1 gång — färre än slumpen ger, alltså en förändring.")
    }

    @Test("icons are well-formed and distinct for every status")
    func icons() {
        let all: [VariationStatus] = [
            .commonCause, .tooFewPoints, .improvement(.above), .improvement(.below), .concern(.above),
            .concern(.below), .neither(.above), .neither(.below), .neither(.none),
        ]
        let svgs = all.map { VariationIcon.svg(for: $0, size: 48) }
        #expect(svgs.allSatisfy { xmlError($0) == nil })
        #expect(Set(svgs).count == all.count)
        #expect(xmlError(AssuranceIcon.svg(for: nil)) == nil)
    }
}
