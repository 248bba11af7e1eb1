import Variation

/// Colours (NHS identity colours, as "Making Data Count" uses them) and marker shapes.
///
/// A signal's direction is shown by colour *and* shape, so the chart reads without colour:
/// improvement a square, deterioration a triangle, neither a diamond; ordinary points are small dots.
enum ChartPalette {
    static let ink = "#231F20"
    static let text = "#425563"
    static let grid = "#E8EDEE"
    static let line = "#768692"
    static let point = "#425563"
    static let limit = "#768692"
    static let target = "#DA291C"
    static let improvement = "#005EB8"
    static let deterioration = "#ED8B00"
    static let neither = "#7C2855"
    static let common = "#A5ADB3"
    /// Behind a frozen baseline: pale enough that grid, limits and points read through it.
    static let baseline = "#E3ECF6"

    static func colour(_ d: Signal.Direction) -> String {
        switch d {
        case .improvement: improvement
        case .deterioration: deterioration
        case .neither: neither
        }
    }

    static func name(_ d: Signal.Direction) -> String {
        switch d {
        case .improvement: "Förbättring"
        case .deterioration: "Försämring"
        case .neither: "Förändring"
        }
    }

    /// Draws the marker for `direction` centred on (x, y).
    static func marker(_ direction: Signal.Direction, _ x: Double, _ y: Double, into svg: inout SVGWriter, size: Double = 4.5) {
        let c = colour(direction)
        switch direction {
        case .improvement:
            svg.rect(x - size, y - size, 2 * size, 2 * size, fill: c, stroke: "#ffffff")
        case .deterioration:
            let h = size * 1.25
            svg.polygon([(x, y - h), (x + h, y + h * 0.8), (x - h, y + h * 0.8)], fill: c, stroke: "#ffffff")
        case .neither:
            let h = size * 1.3
            svg.polygon([(x, y - h), (x + h, y), (x, y + h), (x - h, y)], fill: c, stroke: "#ffffff")
        }
    }
}
