import Charts
import Domain
import Testing
import Variation

@Suite("Chart pictures")
struct ChartSnapshotTests {
    static let weekly = ChartOptions(title: "Andel behandlade inom 4 timmar", valueLabel: "Andel (%)", measure: .share)

    @Test("p chart, 104 weeks, deterioration from week 80, target and frozen baseline")
    func weeklyP() throws {
        let svg = ChartRenderer.svg(for: try Fixtures.weeklyDeterioration(), options: Self.weekly)
        #expect(xmlError(svg) == nil)
        assertSnapshot(svg, named: "p-chart-weekly")
    }

    @Test("run chart, 24 months, improvement when lower is better")
    func monthlyRun() throws {
        let a = try Fixtures.monthlyRunChart()
        let svg = ChartRenderer.svg(for: a, options: ChartOptions(title: "Väntetid till första besök", valueLabel: "Dagar (median)", subject: "Väntetiden"))
        #expect(xmlError(svg) == nil)
        #expect(svg.contains(">januari 2024<") && svg.contains(">juli 2025<"))
        assertSnapshot(svg, named: "run-chart-monthly")
    }

    @Test("u chart with two phases, a week without exposure and a trend (Making Data Count)")
    func phasedU() throws {
        let a = try Fixtures.phasedRates()
        let options = ChartOptions(
            title: "Fall per 1 000 vårddygn", valueLabel: "Fall per 1 000 vårddygn",
            measure: .rate(multiplier: 1000), subject: "Fallfrekvensen", phaseNames: ["Före", "Efter åtgärd"])
        let svg = ChartRenderer.svg(for: a, options: options)
        #expect(xmlError(svg) == nil)
        #expect(svg.contains("Efter åtgärd"))
        assertSnapshot(svg, named: "u-chart-phases")
    }

    @Test("i chart, 20 months, two months without a report and a frozen baseline")
    func monthlyGaps() throws {
        let a = try Fixtures.monthlyWithGaps()
        let svg = ChartRenderer.svg(for: a, options: ChartOptions(title: "Besök inom 30 dagar", valueLabel: "Antal", subject: "Antalet"))
        #expect(xmlError(svg) == nil)
        #expect(svg.contains(">Baslinje<") && svg.contains(">Ingen rapport<"))
        assertSnapshot(svg, named: "i-chart-gaps")
    }

    @Test("funnel plot of twelve regions")
    func funnel() throws {
        let svg = FunnelRenderer.svg(
            for: try Fixtures.regions(), options: ChartOptions(title: "Andel i tid per region, mars 2026", valueLabel: "Andel (%)", measure: .share))
        #expect(xmlError(svg) == nil)
        #expect(svg.contains(">Jämtland<"))
        assertSnapshot(svg, named: "funnel-regions")
    }

    @Test("variation and assurance icons")
    func icons() {
        let statuses: [(String, VariationStatus)] = [
            ("common", .commonCause), ("improvement-high", .improvement(.above)), ("improvement-low", .improvement(.below)),
            ("concern-high", .concern(.above)), ("concern-low", .concern(.below)), ("neither-high", .neither(.above)),
        ]
        for (name, status) in statuses {
            let svg = VariationIcon.svg(for: status)
            #expect(xmlError(svg) == nil)
            assertSnapshot(svg, named: "icon-variation-\(name)")
        }
        for (name, a) in [("pass", TargetAssessment.reliablyMet), ("hit-and-miss", .sometimesMet), ("fail", .reliablyMissed)] {
            let svg = AssuranceIcon.svg(for: a)
            #expect(xmlError(svg) == nil)
            assertSnapshot(svg, named: "icon-assurance-\(name)")
        }
    }
}
