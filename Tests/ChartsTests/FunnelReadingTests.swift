import Charts
import Testing
import Variation

@Suite("Funnel reading: outside 99.8 % is likely real, outside 95 % only could be chance")
struct FunnelReadingTests {
    static let base = (0..<10).map { FunnelUnit(name: "Enhet \($0)", numerator: 80, denominator: 100) }
    static let high = FunnelUnit(name: "Hög", numerator: 90, denominator: 100)  // above 95 %, inside 99.8 %
    static let low = FunnelUnit(name: "Låg", numerator: 60, denominator: 100)  // below 99.8 %
    static let low2 = FunnelUnit(name: "Låg 2", numerator: 58, denominator: 100)

    @Test(
        "each combination reads apart",
        arguments: [
            ([], "Alla 10 enheter ligger inom 95\u{A0}%-gränserna — skillnaderna kan vara slump."),
            ([high], "1 av 11 enheter ligger utanför 95\u{A0}%-gränserna men inom 99,8\u{A0}% — bland 11 enheter kan det vara slump."),
            ([low], "1 av 11 enheter ligger utanför 99,8\u{A0}%-gränserna — troligen en verklig skillnad."),
            ([low, low2], "2 av 12 enheter ligger utanför 99,8\u{A0}%-gränserna — troligen verkliga skillnader."),
            (
                [high, low],
                "1 av 12 enheter ligger utanför 99,8\u{A0}%-gränserna — troligen en verklig skillnad. "
                    + "Ytterligare 1 ligger utanför 95\u{A0}% men inom 99,8\u{A0}% — bland 12 enheter kan det vara slump."
            ),
        ] as [([FunnelUnit], String)])
    func readings(extra: [FunnelUnit], expected: String) throws {
        let plot = try FunnelPlot.analyze(Self.base + extra)
        #expect(FunnelRenderer.sentence(for: plot) == expected)
    }

    @Test("the twelve regions: two likely real, two more that could be chance; two lines at the top")
    func regions() throws {
        let sentence = FunnelRenderer.sentence(for: try Fixtures.regions())
        #expect(
            sentence == "2 av 12 enheter ligger utanför 99,8\u{A0}%-gränserna — troligen verkliga skillnader. "
                + "Ytterligare 2 ligger utanför 95\u{A0}% men inom 99,8\u{A0}% — bland 12 enheter kan det vara slump.")
        let svg = FunnelRenderer.svg(for: try Fixtures.regions(), options: ChartOptions(title: "Andel", measure: .share))
        #expect(svg.contains("bland 12 enheter kan det vara slump.</text>"), "the whole reading is shown, not cut after two lines")
    }
}
