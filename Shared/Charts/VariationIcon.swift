public import Variation

/// NHS-style "Making Data Count" icons as small standalone SVGs.
///
/// The variation icon shows what the latest phase's variation is (common cause, or a special
/// cause of improvement or concern, high or low); colour, the letter H/L and the dot pattern carry
/// the same message, so it reads without colour.
public enum VariationIcon {
    /// The variation icon for `status`.
    /// - Parameters:
    ///   - status: From ``VariationAnalysis/status``.
    ///   - size: Width and height in pixels; defaults to 64.
    public static func svg(for status: VariationStatus, size: Int = 64) -> String {
        let (colour, letter, shape, title): (String, String?, Double, String) =
            switch status {
            case .commonCause: (ChartPalette.common, nil, 0, "Slumpmässig variation")
            case .improvement(let s): (ChartPalette.improvement, letter(s), lift(s), "Särskild orsak: förbättring" + suffix(s))
            case .concern(let s): (ChartPalette.deterioration, letter(s), lift(s), "Särskild orsak: försämring" + suffix(s))
            case .neither(let s): (ChartPalette.neither, letter(s), lift(s), "Särskild orsak: förändring" + suffix(s))
            case .tooFewPoints: (ChartPalette.common, "?", 0, "För få punkter")
            }
        var svg = IconCanvas(size: size, title: title, ring: colour)
        let ys: [Double] = [58, 50, 60, 52, 58, 50, 56]
        var points: [(Double, Double)] = []
        for (k, y) in ys.enumerated() {
            let special = shape != 0 && k >= 4
            points.append((24 + Double(k) * 8.7, special ? y + shape - Double(k - 4) * shape * 0.15 : y))
        }
        svg.writer.path(points.map { $0 }, stroke: ChartPalette.common, width: 2)
        for (k, p) in points.enumerated() {
            svg.writer.circle(p.0, p.1, r: 3.6, fill: shape != 0 && k >= 4 ? colour : ChartPalette.common)
        }
        if let letter { svg.writer.label(letter, 50, 36, size: 20, anchor: .middle, fill: colour, weight: "bold") }
        return svg.finish()
    }

    private static func letter(_ side: Signal.Side) -> String? {
        side == .above ? "H" : (side == .below ? "L" : nil)
    }

    private static func lift(_ side: Signal.Side) -> Double {
        side == .above ? -14 : (side == .below ? 14 : 0.001)
    }

    private static func suffix(_ side: Signal.Side) -> String {
        side == .above ? " (höga värden)" : (side == .below ? " (låga värden)" : "")
    }
}

/// A round icon frame shared by the variation and assurance icons.
struct IconCanvas {
    var writer: SVGWriter

    init(size: Int, title: String, ring: String) {
        writer = SVGWriter(width: size, height: size, title: title, description: title)
        // Draw in a 100 × 100 box scaled to `size`.
        writer.raw("<g transform=\"scale(\(SVGNumber.attribute(Double(size) / 100, decimals: 4)))\">\n")
        writer.circle(50, 50, r: 44, fill: "#ffffff")
        writer.raw("<circle cx=\"50\" cy=\"50\" r=\"44\" fill=\"none\" stroke=\"\(ring)\" stroke-width=\"6\"/>\n")
    }

    mutating func finish() -> String {
        writer.raw("</g>\n")
        return writer.finish()
    }
}
