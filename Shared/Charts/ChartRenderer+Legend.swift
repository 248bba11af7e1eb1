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
        let steps: [Int] =
            switch analysis.points.first?.period.granularity {
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

    /// Keys for what is drawn: lines, the baseline band, the marker shapes that occur, and marks
    /// for points without a value; wrapped onto a second row when one does not hold them.
    static func drawLegend(_ svg: inout SVGWriter, analysis: VariationAnalysis, frame: ChartFrame) {
        var legend = LegendRow(left: frame.left - 48, right: frame.right + 44, y: frame.bottom + 42)
        legend.key(analysis.chartType == .run ? "Median" : (analysis.chartType == .g ? "Mittlinje" : "Medelvärde"), into: &svg) { svg, x, y in
            svg.line(x, y, x + 18, y, stroke: ChartPalette.ink, width: 1.4)
        }
        if analysis.points.contains(where: { $0.upperLimit != nil || $0.lowerLimit != nil }) {
            legend.key("Styrgränser (3σ)", into: &svg) { svg, x, y in
                svg.line(x, y, x + 18, y, stroke: ChartPalette.limit, width: 1.2, dash: "5 3")
            }
        }
        if analysis.target != nil {
            legend.key("Mål", into: &svg) { svg, x, y in
                svg.line(x, y, x + 18, y, stroke: ChartPalette.target, width: 1.4, dash: "9 4")
            }
        }
        if analysis.phases.contains(where: { frozenBaseline($0, in: analysis) != nil }) {
            legend.key("Baslinje", into: &svg) { svg, x, y in
                svg.rect(x, y - 5, 18, 10, fill: ChartPalette.baseline)
            }
        }
        let shown = Set(analysis.signals.filter { $0.rule != .targetMissed && $0.rule != .fewCrossings }.map(\.direction))
        for d in [Signal.Direction.improvement, .deterioration, .neither] where shown.contains(d) {
            legend.key(ChartPalette.name(d), symbolWidth: 10, into: &svg) { svg, x, y in
                ChartPalette.marker(d, x + 5, y, into: &svg, size: 4)
            }
        }
        if analysis.points.contains(where: { $0.exclusion == .zeroDenominator }) {
            legend.key("Nämnare 0", symbolWidth: 6, into: &svg) { svg, x, y in zeroDenominatorMark(&svg, x + 3, y) }
        }
        if analysis.points.contains(where: { $0.exclusion == .missing }) {
            legend.key("Ingen rapport", symbolWidth: 6, into: &svg) { svg, x, y in missingMark(&svg, x + 3, y) }
        }
    }
}

/// Legend keys laid out left to right, starting a second row when a key would pass `right`.
struct LegendRow {
    let left: Double
    let right: Double
    var x: Double
    var y: Double

    init(left: Double, right: Double, y: Double) {
        self.left = left
        self.right = right
        self.x = left
        self.y = y
    }

    /// A symbol `symbolWidth` wide drawn by `symbol` at (x, y), then `text`.
    mutating func key(
        _ text: String, symbolWidth: Double = 18, into svg: inout SVGWriter,
        symbol: (inout SVGWriter, Double, Double) -> Void
    ) {
        let width = symbolWidth + 4 + Double(text.count) * 5.6
        if x > left, x + width > right {
            x = left
            y += 15
        }
        symbol(&svg, x, y)
        svg.label(text, x + symbolWidth + 4, y + 4, size: 10.5)
        x += width + 16
    }
}
