public import Variation

/// NHS-style assurance icons: will the process meet its target? P (pass), F (fail) or ? (hit and miss).
public enum AssuranceIcon {
    /// The assurance icon for `assessment`; `nil` (no target) draws an empty grey ring.
    /// - Parameters:
    ///   - assessment: From ``VariationAnalysis/targetAssessment``.
    ///   - size: Width and height in pixels; defaults to 64.
    public static func svg(for assessment: TargetAssessment?, size: Int = 64) -> String {
        let (colour, letter, offset, title): (String, String, Double, String) =
            switch assessment {
            case .reliablyMet?: (ChartPalette.improvement, "P", -10, "Målet nås tillförlitligt")
            case .sometimesMet?: (ChartPalette.common, "?", 0, "Målet nås ibland")
            case .reliablyMissed?: (ChartPalette.deterioration, "F", 10, "Målet nås inte utan förändring")
            case nil: (ChartPalette.common, "", 0, "Inget mål")
            }
        var svg = IconCanvas(size: size, title: title, ring: colour)
        guard assessment != nil else { return svg.finish() }
        svg.writer.line(20, 62, 80, 62, stroke: ChartPalette.target, width: 2.5, dash: "6 3")
        let wave: [(Double, Double)?] = (0...12).map { k in
            (22 + Double(k) * 4.7, 62 + offset + (k % 2 == 0 ? -4 : 4))
        }
        svg.writer.path(wave, stroke: colour == ChartPalette.common ? ChartPalette.text : colour, width: 2.5)
        svg.writer.label(letter, 50, 40, size: 24, anchor: .middle, fill: colour == ChartPalette.common ? ChartPalette.text : colour, weight: "bold")
        return svg.finish()
    }
}
