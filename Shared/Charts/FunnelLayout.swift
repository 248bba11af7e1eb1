import Foundation
import Variation

/// Where everything in a funnel plot goes, worked out before anything is drawn so that the units'
/// names can be placed clear of the curves, the markers and each other.
struct FunnelLayout {
    /// A unit's name, where it goes, and the line to its marker when it sits away from it.
    struct Label {
        let finding: Int
        let text: String
        let box: LabelBox
        /// Where the text starts (anchor start).
        let x: Double
        let baseline: Double
        let leader: (from: (Double, Double), to: (Double, Double))?
    }

    static let labelSize = 10.5

    let frame: ChartFrame
    let xAxis: AxisScale
    let yAxis: AxisScale
    /// The four limit curves in pixels: upper 95 %, lower 95 %, upper 99.8 %, lower 99.8 %.
    let curves: [[(Double, Double)]]
    let overallY: Double
    /// Each finding's marker position; `nil` when not assessed.
    let markers: [(Double, Double)?]
    var labels: [Label] = []
    /// Findings outside the limits whose names found no free place (named under the legend instead).
    var unplaced: [Int] = []

    init(plot: FunnelPlot, options: ChartOptions) {
        let frame = ChartFrame(options: options, count: 1)
        let assessed = plot.findings.filter { $0.proportion != nil }
        let maxN = assessed.map(\.unit.denominator).max() ?? 1
        let minN = assessed.map(\.unit.denominator).min() ?? 1
        let xAxis = AxisScale(covering: [0, maxN * 1.04], displayScale: 1, pixelTop: frame.right, pixelBottom: frame.left, targetTicks: 6)
        let edge = plot.limits(atDenominator: max(1, minN * 0.6))
        let yAxis = AxisScale(
            covering: assessed.compactMap(\.proportion) + [plot.overall, edge.lower998, edge.upper998],
            displayScale: options.displayScale, pixelTop: frame.top, pixelBottom: frame.bottom)
        // Curves sampled more densely where they bend (small denominators).
        let start = max(1, xAxis.upper / 400)
        let samples = 90
        let ns = (0...samples).map { k in start * pow(xAxis.upper / start, Double(k) / Double(samples)) }
        let limits = ns.map { plot.limits(atDenominator: $0) }
        let xs = ns.map { xAxis.y($0) }
        let paths: [KeyPath<FunnelPlot.Limits, Double>] = [\.upper95, \.lower95, \.upper998, \.lower998]
        self.frame = frame
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.curves = paths.map { value in zip(xs, limits).map { ($0, yAxis.y($1[keyPath: value])) } }
        self.overallY = yAxis.y(plot.overall)
        self.markers = plot.findings.map { f in f.proportion.map { (xAxis.y(f.unit.denominator), yAxis.y($0)) } }
        placeLabels(plot)
    }

    /// The plot area, where labels must stay.
    var plotBox: LabelBox { LabelBox(minX: frame.left, minY: frame.top, maxX: frame.right, maxY: frame.bottom) }
}
