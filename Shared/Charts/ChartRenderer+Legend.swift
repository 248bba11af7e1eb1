import Domain
import Variation

extension ChartRenderer {
    /// Swedish period labels along the bottom, spaced so they never overlap.
    static func drawPeriodAxis(_ svg: inout SVGWriter, analysis: VariationAnalysis, frame: ChartFrame) {
        let labels = analysis.points.map(\.period.swedishLabel)
        let widest = Double(labels.map(\.count).max() ?? 1) * 5.2 + 12
        let fit = max(1, Int((frame.right - frame.left) / widest))
        let needed = max(1, (labels.count + fit - 1) / fit)
        // Calendar-friendly steps: quarter and half years of weeks, quarters and years of months.
        let steps: [Int] = switch analysis.points.first?.period.granularity {
        case .isoWeek?: [1, 2, 4, 8, 13, 26, 52]
        case .month?: [1, 2, 3, 6, 12, 24]
        case .quarter?: [1, 2, 4, 8]
        default: [1, 2, 5, 10, 20]
        }
        let stride = steps.first { $0 >= needed } ?? needed
        var i = 0
        while i < labels.count {
            let x = frame.x(i)
            svg.line(x, frame.bottom, x, frame.bottom + 4, stroke: ChartPalette.line)
            svg.label(labels[i], x, frame.bottom + 17, size: 10.5, anchor: .middle)
            i += stride
        }
    }

    /// One row of keys: lines drawn, then the marker shapes that occur.
    static func drawLegend(_ svg: inout SVGWriter, analysis: VariationAnalysis, frame: ChartFrame) {
        var x = frame.left - 48
        let y = frame.bottom + 42
        func key(_ text: String) {
            svg.label(text, x, y + 4, size: 10.5)
            x += Double(text.count) * 5.6 + 16
        }
        svg.line(x, y, x + 18, y, stroke: ChartPalette.ink, width: 1.4)
        x += 22
        key(analysis.chartType == .run ? "Median" : (analysis.chartType == .g ? "Mittlinje" : "Medelvärde"))
        if analysis.chartType.hasLimits {
            svg.line(x, y, x + 18, y, stroke: ChartPalette.limit, width: 1.2, dash: "5 3")
            x += 22
            key("Styrgränser (3σ)")
        }
        if analysis.target != nil {
            svg.line(x, y, x + 18, y, stroke: ChartPalette.target, width: 1.4, dash: "9 4")
            x += 22
            key("Mål")
        }
        let shown = Set(analysis.signals.filter { $0.rule != .targetMissed && $0.rule != .fewCrossings }.map(\.direction))
        for d in [Signal.Direction.improvement, .deterioration, .neither] where shown.contains(d) {
            ChartPalette.marker(d, x + 5, y, into: &svg, size: 4)
            x += 14
            key(ChartPalette.name(d))
        }
        if analysis.points.contains(where: { $0.exclusion == .zeroDenominator }) {
            svg.path([(x, y - 3), (x + 6, y + 3), nil, (x, y + 3), (x + 6, y - 3)], stroke: ChartPalette.text, width: 1.2)
            x += 12
            key("Nämnare 0")
        }
    }
}
