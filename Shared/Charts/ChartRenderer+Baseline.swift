import Variation

extension ChartRenderer {
    /// The points that fixed a phase's centre and limits when they were frozen on a baseline, so
    /// that later points were read against them; `nil` when every usable point of the phase counts.
    static func frozenBaseline(_ phase: PhaseSummary, in analysis: VariationAnalysis) -> Range<Int>? {
        let baseline = phase.baselineRange
        guard !baseline.isEmpty else { return nil }
        let after = baseline.upperBound..<phase.pointRange.upperBound
        return after.contains { analysis.points[$0].isIncluded } ? baseline : nil
    }

    /// A pale band behind each frozen baseline, so a reader sees which stretch fixed the limits
    /// and why they do not move afterwards (named "Baslinje" in the legend).
    static func drawBaselines(_ svg: inout SVGWriter, analysis: VariationAnalysis, frame: ChartFrame) {
        for phase in analysis.phases {
            guard let baseline = frozenBaseline(phase, in: analysis) else { continue }
            let x0 = frame.x(baseline.lowerBound) - frame.step / 2
            let x1 = frame.x(baseline.upperBound - 1) + frame.step / 2
            svg.rect(x0, frame.top, x1 - x0, frame.bottom - frame.top, fill: ChartPalette.baseline)
        }
    }
}
