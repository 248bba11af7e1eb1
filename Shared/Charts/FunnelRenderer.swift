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
        let layout = FunnelLayout(plot: plot, options: options)
        let frame = layout.frame
        ChartRenderer.drawHeader(&svg, options: options, reading: reading, frame: frame)

        ChartRenderer.drawValueAxis(&svg, axis: layout.yAxis, frame: frame, options: options)
        for tick in layout.xAxis.ticks {
            let x = layout.xAxis.y(tick)
            svg.line(x, frame.bottom, x, frame.bottom + 4, stroke: ChartPalette.line)
            svg.label(SVGNumber.swedish(tick, decimals: layout.xAxis.decimals), x, frame.bottom + 17, size: 10.5, anchor: .middle)
        }
        svg.label("Antal (nämnare)", frame.right, frame.bottom + 32, size: 10.5, anchor: .end)

        // Curves clipped to the plot.
        svg.raw(
            "<clipPath id=\"kl-funnel\"><rect x=\"\(SVGWriter.n(frame.left))\" y=\"\(SVGWriter.n(frame.top))\" width=\"\(SVGWriter.n(frame.right - frame.left))\" height=\"\(SVGWriter.n(frame.bottom - frame.top))\"/></clipPath>\n<g clip-path=\"url(#kl-funnel)\">\n"
        )
        for (k, curve) in layout.curves.enumerated() {
            let is95 = k < 2
            svg.path(curve.map { $0 }, stroke: ChartPalette.limit, width: is95 ? 1.2 : 1.4, dash: is95 ? "5 3" : nil)
        }
        svg.raw("</g>\n")
        svg.line(frame.left, layout.overallY, frame.right, layout.overallY, stroke: ChartPalette.ink, width: 1.4)

        for (f, marker) in zip(plot.findings, layout.markers) {
            guard let (x, y) = marker else { continue }
            if f.position == .within {
                svg.circle(x, y, r: 3.5, fill: ChartPalette.point)
            } else {
                ChartPalette.marker(f.direction, x, y, into: &svg, size: 5)
            }
        }
        for label in layout.labels {
            if let leader = label.leader {
                svg.line(leader.from.0, leader.from.1, leader.to.0, leader.to.1, stroke: ChartPalette.line, width: 0.8)
            }
            svg.label(label.text, label.x, label.baseline, size: FunnelLayout.labelSize, fill: ChartPalette.ink)
        }
        drawLegend(&svg, plot: plot, frame: frame, options: options)
        if !layout.unplaced.isEmpty {
            let names = layout.unplaced.map { plot.findings[$0].unit.name }.joined(separator: ", ")
            svg.label("Utanför gränserna, utan plats för namnet i bilden: \(names).", frame.left - 48, frame.bottom + 57, size: 10.5)
        }
        return svg.finish()
    }

    static func drawLegend(_ svg: inout SVGWriter, plot: FunnelPlot, frame: ChartFrame, options: ChartOptions) {
        var x = frame.left - 48
        let y = frame.bottom + 42
        func key(_ text: String) {
            svg.label(text, x, y + 4, size: 10.5)
            x += Double(text.count) * 5.6 + 16
        }
        svg.line(x, y, x + 18, y, stroke: ChartPalette.ink, width: 1.4)
        x += 22
        key("Totalt " + options.text(plot.overall, decimals: 1))
        svg.line(x, y, x + 18, y, stroke: ChartPalette.limit, width: 1.2, dash: "5 3")
        x += 22
        key("95 %")
        svg.line(x, y, x + 18, y, stroke: ChartPalette.limit, width: 1.4)
        x += 22
        key("99,8 %")
        let shown = Set(plot.outliers.map(\.direction))
        for d in [Signal.Direction.improvement, .deterioration, .neither] where shown.contains(d) {
            ChartPalette.marker(d, x + 5, y, into: &svg, size: 4)
            x += 14
            key(ChartPalette.name(d))
        }
    }

    /// The reading of a funnel plot, keeping apart what is likely real from what could be chance.
    ///
    /// A unit outside the 99.8 % limits is likely a real difference. One outside 95 % but inside
    /// 99.8 % could still be chance when many units are compared (1 in 20 lands there by chance),
    /// so it is counted separately and said to be possibly chance: "2 av 12 enheter ligger utanför
    /// 99,8 %-gränserna — troligen verkliga skillnader. Ytterligare 2 ligger utanför 95 % men inom
    /// 99,8 % — bland 12 enheter kan det vara slump."
    public static func sentence(for plot: FunnelPlot) -> String {
        let assessed = plot.findings.filter { $0.position != .notAssessed }.count
        let far = plot.findings.filter { $0.position == .above998 || $0.position == .below998 }.count
        let near = plot.findings.filter { $0.position == .above95 || $0.position == .below95 }.count
        let nbsp = "\u{00A0}"
        let chance = "bland \(assessed) enheter kan det vara slump."
        let noun = assessed == 1 ? "enhet" : "enheter"
        guard far > 0 else {
            guard near > 0 else { return "Alla \(assessed) \(noun) ligger inom 95\(nbsp)%-gränserna — skillnaderna kan vara slump." }
            return "\(near) av \(assessed) \(noun) ligger utanför 95\(nbsp)%-gränserna men inom 99,8\(nbsp)% — \(chance)"
        }
        let real = far == 1 ? "troligen en verklig skillnad." : "troligen verkliga skillnader."
        let first = "\(far) av \(assessed) \(noun) ligger utanför 99,8\(nbsp)%-gränserna — \(real)"
        guard near > 0 else { return first }
        return first + " Ytterligare \(near) ligger utanför 95\(nbsp)% men inom 99,8\(nbsp)% — \(chance)"
    }
}
