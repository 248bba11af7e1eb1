import Domain
import Testing
import Variation

@testable import Charts

@Suite("What the chart shows: a frozen baseline, missing periods")
struct ChartMarkingTests {
    static let options = ChartOptions(title: "Andel", valueLabel: "Andel (%)", measure: .share)

    /// The `d` attribute of the data line (the only path 1.6 wide).
    static func dataLine(_ svg: String) -> String? {
        guard let path = svg.split(separator: "\n").first(where: { $0.hasPrefix("<path") && $0.contains("stroke-width=\"1.6\"") }),
            let d = path.firstMatch(of: /d="([^"]*)"/)
        else { return nil }
        return String(d.1)
    }

    @Test("a frozen baseline is shaded over its stretch and named in the legend")
    func frozenBaselineMarked() throws {
        let a = try Fixtures.weeklyDeterioration()
        #expect(a.phases[0].baselineRange == 0..<52)
        let svg = ChartRenderer.svg(for: a, options: Self.options)
        #expect(svg.contains(">Baslinje<"))
        let frame = ChartFrame(options: Self.options, count: a.points.count)
        let x0 = frame.x(0) - frame.step / 2
        let x1 = frame.x(51) + frame.step / 2
        let band =
            "<rect x=\"\(SVGWriter.n(x0))\" y=\"\(SVGWriter.n(frame.top))\" width=\"\(SVGWriter.n(x1 - x0))\" height=\"\(SVGWriter.n(frame.bottom - frame.top))\""
        #expect(svg.contains(band))
    }

    @Test("no band and no legend key when every point of the phase fixes its limits", arguments: [nil, 40])
    func noFrozenBaseline(baseline: Int?) throws {
        let xs: [Double] = [5, 6, 5, 7, 6, 5, 6, 7, 5, 6, 5, 7]
        let series = xs.enumerated().map { Observation.value(Fixtures.firstWeek.advanced(by: $0.offset), $0.element) }
        let a = try VariationAnalysis.analyze(series, options: .init(chartType: .i, baselineLength: baseline))
        #expect(!ChartRenderer.svg(for: a, options: ChartOptions(title: "I")).contains("Baslinje"))
    }

    @Test("a missing period is a gap in the line, marked and named in the legend apart from a zero denominator")
    func missingIsAGap() throws {
        var series = [5.0, 6, 5, 7, 6, 5, 6, 7, 5, 6, 5, 7].enumerated().map { Observation.value(Fixtures.firstWeek.advanced(by: $0.offset), $0.element) }
        series[4] = .missing(series[4].period)
        let a = try VariationAnalysis.analyze(series, options: .init(chartType: .i))
        let svg = ChartRenderer.svg(for: a, options: ChartOptions(title: "I"))
        #expect(try #require(Self.dataLine(svg)).contains(" M"))
        #expect(svg.contains(">Ingen rapport<"))
        #expect(!svg.contains(">Nämnare 0<"))
        #expect(xmlError(svg) == nil)
    }

    @Test("a period absent from the series breaks the line too")
    func absentPeriodBreaksLine() throws {
        let series = [0, 1, 2, 4, 5, 6].map { Observation.value(Fixtures.firstWeek.advanced(by: $0), Double($0 % 3)) }
        let a = try VariationAnalysis.analyze(series, options: .init(chartType: .run))
        let line = try #require(Self.dataLine(ChartRenderer.svg(for: a, options: ChartOptions(title: "R"))))
        #expect(line.ranges(of: " M").count == 1)
    }
}
