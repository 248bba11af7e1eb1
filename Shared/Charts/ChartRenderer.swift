public import Variation

/// Draws a run or control chart as SVG text.
///
/// Points and line, the centre line and limits of each phase (stepped where the denominator
/// changes), the target, signal points by direction (colour and shape), phase labels, Swedish
/// period labels, a title and a one-sentence reading. The same input gives the same bytes.
public enum ChartRenderer {
    /// The chart of `analysis` as a standalone SVG document.
    /// - Parameters:
    ///   - analysis: The analysis to draw.
    ///   - options: Title, labels and size.
    /// - Returns: Well-formed SVG text (UTF-8), `options.width` × `options.height`.
    public static func svg(for analysis: VariationAnalysis, options: ChartOptions) -> String {
        let reading = ChartReading.sentence(for: analysis, subject: options.subject)
        var svg = SVGWriter(width: options.width, height: options.height, title: options.title, description: reading)
        let frame = ChartFrame(options: options, count: analysis.points.count)
        drawHeader(&svg, options: options, reading: reading, frame: frame)

        var covered: [Double] = []
        covered.reserveCapacity(analysis.points.count * 3 + 1)
        for p in analysis.points {
            if let v = p.value { covered.append(v) }
            if let l = p.lowerLimit { covered.append(l) }
            if let u = p.upperLimit { covered.append(u) }
        }
        // Centres of phases with a usable point (a phase of missing periods has no centre to show).
        for phase in analysis.phases where !phase.baselineRange.isEmpty { covered.append(phase.centre) }
        if let t = analysis.target { covered.append(t) }
        let axis = AxisScale(covering: covered, displayScale: options.displayScale, pixelTop: frame.top, pixelBottom: frame.bottom)

        drawBaselines(&svg, analysis: analysis, frame: frame)
        drawValueAxis(&svg, axis: axis, frame: frame, options: options)
        drawPhases(&svg, analysis: analysis, frame: frame, options: options)
        drawLines(&svg, analysis: analysis, axis: axis, frame: frame, options: options)
        drawPoints(&svg, analysis: analysis, axis: axis, frame: frame)
        drawPeriodAxis(&svg, analysis: analysis, frame: frame)
        drawLegend(&svg, analysis: analysis, frame: frame)
        return svg.finish()
    }

    static func drawHeader(_ svg: inout SVGWriter, options: ChartOptions, reading: String, frame: ChartFrame) {
        // One line, shortened at a word with an ellipsis rather than clipped by the frame (a unit's
        // full name often does not fit); the whole title stays in <title> for screen readers.
        let title = wrap(options.title, limit: Int((frame.right - frame.left + 48) / 8.0))
        svg.label(title.count > 1 ? title[0] + " …" : options.title, frame.left - 48, 24, size: 16, fill: ChartPalette.ink, weight: "bold")
        let lines = wrap(reading, limit: Int((frame.right - frame.left + 48) / 6.1))
        for (k, line) in lines.prefix(2).enumerated() {
            svg.label(line, frame.left - 48, 44 + Double(k) * 15, size: 12, fill: ChartPalette.text)
        }
    }

    /// Splits `text` at spaces into lines of at most `limit` characters.
    static func wrap(_ text: String, limit: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if !current.isEmpty, current.count + 1 + word.count > limit {
                lines.append(current)
                current = ""
            }
            current += (current.isEmpty ? "" : " ") + word
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    static func drawValueAxis(_ svg: inout SVGWriter, axis: AxisScale, frame: ChartFrame, options: ChartOptions) {
        for tick in axis.ticks {
            let y = axis.y(tick)
            svg.line(frame.left, y, frame.right, y, stroke: ChartPalette.grid)
            svg.label(options.text(tick, decimals: axis.decimals), frame.left - 6, y + 4, size: 11, anchor: .end)
        }
        svg.line(frame.left, frame.bottom, frame.right, frame.bottom, stroke: ChartPalette.line)
        if !options.valueLabel.isEmpty {
            svg.label(options.valueLabel, 14, (frame.top + frame.bottom) / 2, size: 11, anchor: .middle, rotate: true)
        }
    }
}
