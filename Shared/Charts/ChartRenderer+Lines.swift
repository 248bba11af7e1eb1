import Domain
import Variation

extension ChartRenderer {
    /// Centre line per phase, limits stepped per point, and the target.
    static func drawLines(_ svg: inout SVGWriter, analysis: VariationAnalysis, axis: AxisScale, frame: ChartFrame, options: ChartOptions) {
        let half = frame.step / 2
        // A phase without a usable point has no centre line (its centre would read 0).
        for phase in analysis.phases where !phase.pointRange.isEmpty && !phase.baselineRange.isEmpty {
            let x0 = frame.x(phase.pointRange.lowerBound) - half
            let x1 = frame.x(phase.pointRange.upperBound - 1) + half
            var upper: [(Double, Double)?] = []
            var lower: [(Double, Double)?] = []
            for i in phase.pointRange {
                let x = frame.x(i)
                let p = analysis.points[i]
                if let u = p.upperLimit { upper += [(x - half, axis.y(u)), (x + half, axis.y(u))] }
                if let l = p.lowerLimit { lower += [(x - half, axis.y(l)), (x + half, axis.y(l))] }
            }
            svg.path(upper, stroke: ChartPalette.limit, width: 1.2, dash: "5 3")
            svg.path(lower, stroke: ChartPalette.limit, width: 1.2, dash: "5 3")
            svg.line(x0, axis.y(phase.centre), x1, axis.y(phase.centre), stroke: ChartPalette.ink, width: 1.4)
        }
        if let target = analysis.target {
            let y = axis.y(target)
            svg.line(frame.left, y, frame.right, y, stroke: ChartPalette.target, width: 1.4, dash: "9 4")
            svg.label("Mål", frame.right + 6, y - 2, size: 10.5, fill: ChartPalette.target, weight: "bold")
            svg.label(
                options.text(target, decimals: decimalsNeeded(target * options.displayScale)), frame.right + 6, y + 10,
                size: 10.5, fill: ChartPalette.target)
        }
    }

    /// Vertical separators and names for phases after the first.
    static func drawPhases(_ svg: inout SVGWriter, analysis: VariationAnalysis, frame: ChartFrame, options: ChartOptions) {
        guard analysis.phases.count > 1 else { return }
        for phase in analysis.phases {
            let name = phase.index < options.phaseNames.count ? options.phaseNames[phase.index] : "Fas \(phase.index + 1)"
            let x = frame.x(phase.pointRange.lowerBound) - frame.step / 2
            if phase.index > 0 { svg.line(x, frame.top - 6, x, frame.bottom, stroke: ChartPalette.line, dash: "2 3") }
            svg.label(name, x + 4, frame.top - 8, size: 10, fill: ChartPalette.text, weight: "bold")
        }
    }

    /// The data line, ordinary points, signal markers, and a mark for excluded points.
    ///
    /// The line is broken at every excluded point, at phase breaks, and where a period is absent
    /// from the series: a line across a gap would claim a change from one period to the next.
    static func drawPoints(_ svg: inout SVGWriter, analysis: VariationAnalysis, axis: AxisScale, frame: ChartFrame) {
        var direction = [Signal.Direction?](repeating: nil, count: analysis.points.count)
        // Few crossings concern a whole phase: the reading says so, marking every point would hide the rest.
        for s in analysis.signals where s.rule != .targetMissed && s.rule != .fewCrossings {
            for i in s.pointIndices { direction[i] = s.direction }
        }
        var line: [(Double, Double)?] = []
        line.reserveCapacity(analysis.points.count)
        for (i, p) in analysis.points.enumerated() {
            guard let v = p.value else {
                line.append(nil)
                continue
            }
            if i > 0 {
                let before = analysis.points[i - 1]
                if before.phase != p.phase || before.period.next != p.period { line.append(nil) }
            }
            line.append((frame.x(i), axis.y(v)))
        }
        svg.path(line, stroke: ChartPalette.line, width: 1.6)
        let radius = frame.step > 8 ? 3.0 : 2.2
        for (i, p) in analysis.points.enumerated() {
            let x = frame.x(i)
            guard let v = p.value else {
                if p.exclusion == .missing { missingMark(&svg, x, frame.bottom - 6) } else { zeroDenominatorMark(&svg, x, frame.bottom - 6) }
                continue
            }
            if let d = direction[i] {
                ChartPalette.marker(d, x, axis.y(v), into: &svg, size: radius + 1.5)
            } else {
                svg.circle(x, axis.y(v), r: radius, fill: ChartPalette.point)
            }
        }
    }

    /// A cross: the period has a zero denominator (or exposure), so no value.
    static func zeroDenominatorMark(_ svg: inout SVGWriter, _ x: Double, _ y: Double) {
        svg.path([(x - 3, y - 3), (x + 3, y + 3), nil, (x - 3, y + 3), (x + 3, y - 3)], stroke: ChartPalette.text, width: 1.2)
    }

    /// An open ring: the period has no report.
    static func missingMark(_ svg: inout SVGWriter, _ x: Double, _ y: Double) {
        svg.circle(x, y, r: 3, fill: "#ffffff", stroke: ChartPalette.text)
    }

    /// The fewest decimals (up to 3) that write `x` exactly enough: 75 → 0, 7,5 → 1.
    static func decimalsNeeded(_ x: Double) -> Int {
        var scale = 1.0
        for d in 0..<3 {
            if abs((x * scale).rounded() - x * scale) < 1e-6 * scale { return d }
            scale *= 10
        }
        return 3
    }
}
