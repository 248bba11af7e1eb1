import Foundation
public import Variation

/// Draws a funnel plot as SVG text: units against denominator, the overall proportion, and the
/// 95 % and 99.8 % limits as curves; units outside marked by direction (colour and shape) and named.
public enum FunnelRenderer {
    /// The funnel plot of `plot` as a standalone SVG document.
    /// - Parameters:
    ///   - plot: The computed funnel plot.
    ///   - options: Title, y label, measure (usually ``ChartOptions/Measure/share``) and size.
    public static func svg(for plot: FunnelPlot, options: ChartOptions) -> String {
        let reading = sentence(for: plot)
        var svg = SVGWriter(width: options.width, height: options.height, title: options.title, description: reading)
        let frame = ChartFrame(options: options, count: 1)
        ChartRenderer.drawHeader(&svg, options: options, reading: reading, frame: frame)

        let assessed = plot.findings.filter { $0.proportion != nil }
        let maxN = assessed.map(\.unit.denominator).max() ?? 1
        let minN = assessed.map(\.unit.denominator).min() ?? 1
        let xAxis = AxisScale(covering: [0, maxN * 1.04], displayScale: 1, pixelTop: frame.right, pixelBottom: frame.left, targetTicks: 6)
        let edge = plot.limits(atDenominator: max(1, minN * 0.6))
        let yAxis = AxisScale(covering: assessed.compactMap(\.proportion) + [plot.overall, edge.lower998, edge.upper998],
                              displayScale: options.displayScale, pixelTop: frame.top, pixelBottom: frame.bottom)
        ChartRenderer.drawValueAxis(&svg, axis: yAxis, frame: frame, options: options)
        for tick in xAxis.ticks {
            let x = xAxis.y(tick)
            svg.line(x, frame.bottom, x, frame.bottom + 4, stroke: ChartPalette.line)
            svg.label(SVGNumber.swedish(tick, decimals: xAxis.decimals), x, frame.bottom + 17, size: 10.5, anchor: .middle)
        }
        svg.label("Antal (nämnare)", frame.right, frame.bottom + 32, size: 10.5, anchor: .end)

        // Curves, sampled more densely where they bend (small denominators), clipped to the plot.
        svg.raw("<clipPath id=\"kl-funnel\"><rect x=\"\(SVGWriter.n(frame.left))\" y=\"\(SVGWriter.n(frame.top))\" width=\"\(SVGWriter.n(frame.right - frame.left))\" height=\"\(SVGWriter.n(frame.bottom - frame.top))\"/></clipPath>\n<g clip-path=\"url(#kl-funnel)\">\n")
        let start = max(1, xAxis.upper / 400), samples = 90
        let ns = (0...samples).map { k in start * pow(xAxis.upper / start, Double(k) / Double(samples)) }
        let limits = ns.map { plot.limits(atDenominator: $0) }
        func curve(_ value: (FunnelPlot.Limits) -> Double) -> [(Double, Double)?] {
            zip(ns, limits).map { (xAxis.y($0), yAxis.y(value($1))) }
        }
        svg.path(curve(\.upper95), stroke: ChartPalette.limit, width: 1.2, dash: "5 3")
        svg.path(curve(\.lower95), stroke: ChartPalette.limit, width: 1.2, dash: "5 3")
        svg.path(curve(\.upper998), stroke: ChartPalette.limit, width: 1.4)
        svg.path(curve(\.lower998), stroke: ChartPalette.limit, width: 1.4)
        svg.raw("</g>\n")
        svg.line(frame.left, yAxis.y(plot.overall), frame.right, yAxis.y(plot.overall), stroke: ChartPalette.ink, width: 1.4)

        for f in assessed {
            let x = xAxis.y(f.unit.denominator), y = yAxis.y(f.proportion ?? 0)
            if f.position == .within {
                svg.circle(x, y, r: 3.5, fill: ChartPalette.point)
            } else {
                ChartPalette.marker(f.direction, x, y, into: &svg, size: 5)
                let right = x < (frame.left + frame.right) / 2
                svg.label(f.unit.name, x + (right ? 9 : -9), y + 4, size: 10.5, anchor: right ? .start : .end, fill: ChartPalette.ink)
            }
        }
        drawLegend(&svg, plot: plot, frame: frame, options: options)
        return svg.finish()
    }

    static func drawLegend(_ svg: inout SVGWriter, plot: FunnelPlot, frame: ChartFrame, options: ChartOptions) {
        var x = frame.left - 48
        let y = frame.bottom + 42
        func key(_ text: String) {
            svg.label(text, x, y + 4, size: 10.5)
            x += Double(text.count) * 5.6 + 16
        }
        svg.line(x, y, x + 18, y, stroke: ChartPalette.ink, width: 1.4); x += 22
        key("Totalt " + options.text(plot.overall, decimals: 1))
        svg.line(x, y, x + 18, y, stroke: ChartPalette.limit, width: 1.2, dash: "5 3"); x += 22
        key("95 %")
        svg.line(x, y, x + 18, y, stroke: ChartPalette.limit, width: 1.4); x += 22
        key("99,8 %")
        let shown = Set(plot.outliers.map(\.direction))
        for d in [Signal.Direction.improvement, .deterioration, .neither] where shown.contains(d) {
            ChartPalette.marker(d, x + 5, y, into: &svg, size: 4); x += 14
            key(ChartPalette.name(d))
        }
    }

    /// "2 av 12 enheter ligger utanför 95 %-gränserna, 1 av dem utanför 99,8 %."
    public static func sentence(for plot: FunnelPlot) -> String {
        let assessed = plot.findings.filter { $0.position != .notAssessed }.count
        let out95 = plot.outliers.count
        let out998 = plot.findings.filter { $0.position == .above998 || $0.position == .below998 }.count
        guard out95 > 0 else { return "Alla \(assessed) enheter ligger inom 95\u{00A0}%-gränserna — skillnaderna kan vara slump." }
        let noun = assessed == 1 ? "enhet" : "enheter"
        let far = out998 == 0 ? "ingen" : "\(out998)"
        return "\(out95) av \(assessed) \(noun) ligger utanför 95\u{00A0}%-gränserna, \(far) av dem utanför 99,8\u{00A0}% — troligen verkliga skillnader."
    }
}
