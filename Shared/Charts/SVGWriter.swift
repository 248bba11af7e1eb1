/// Builds SVG text element by element, escaping every piece of text it is given.
struct SVGWriter {
    private(set) var text = ""

    init(width: Int, height: Int, title: String, description: String) {
        text.reserveCapacity(16_384)
        text += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\""
        text += " role=\"img\" aria-labelledby=\"kl-title kl-desc\" font-family=\"Arial, Helvetica, sans-serif\">\n"
        text += "<title id=\"kl-title\">\(Self.escape(title))</title>\n<desc id=\"kl-desc\">\(Self.escape(description))</desc>\n"
        text += "<rect width=\"\(width)\" height=\"\(height)\" fill=\"#ffffff\"/>\n"
    }

    /// Escapes the five XML special characters, for text and attribute values alike.
    static func escape(_ s: String) -> String {
        guard s.contains(where: { "&<>\"'".contains($0) }) else { return s }
        var out = ""
        out.reserveCapacity(s.count + 16)
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(ch)
            }
        }
        return out
    }

    static func n(_ x: Double) -> String { SVGNumber.attribute(x) }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1, dash: String? = nil) {
        text +=
            "<line x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\""
        if let dash { text += " stroke-dasharray=\"\(dash)\"" }
        text += "/>\n"
    }

    /// A path through `points`; `nil` lifts the pen (a gap in the line).
    mutating func path(_ points: [(Double, Double)?], stroke: String, width: Double = 1, dash: String? = nil, fill: String = "none") {
        var d = ""
        var penDown = false
        for p in points {
            guard let (x, y) = p else {
                penDown = false
                continue
            }
            d += (penDown ? "L" : (d.isEmpty ? "M" : " M")) + Self.n(x) + " " + Self.n(y)
            penDown = true
        }
        guard !d.isEmpty else { return }
        text += "<path d=\"\(d)\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\" stroke-linejoin=\"round\""
        if let dash { text += " stroke-dasharray=\"\(dash)\"" }
        text += "/>\n"
    }

    mutating func circle(_ x: Double, _ y: Double, r: Double, fill: String, stroke: String? = nil) {
        text += "<circle cx=\"\(Self.n(x))\" cy=\"\(Self.n(y))\" r=\"\(Self.n(r))\" fill=\"\(fill)\""
        if let stroke { text += " stroke=\"\(stroke)\" stroke-width=\"1.5\"" }
        text += "/>\n"
    }

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, stroke: String? = nil, rx: Double = 0) {
        text += "<rect x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(w))\" height=\"\(Self.n(h))\" fill=\"\(fill)\""
        if rx > 0 { text += " rx=\"\(Self.n(rx))\"" }
        if let stroke { text += " stroke=\"\(stroke)\"" }
        text += "/>\n"
    }

    mutating func polygon(_ points: [(Double, Double)], fill: String, stroke: String? = nil) {
        text += "<polygon points=\"" + points.map { Self.n($0.0) + "," + Self.n($0.1) }.joined(separator: " ") + "\" fill=\"\(fill)\""
        if let stroke { text += " stroke=\"\(stroke)\" stroke-width=\"1\"" }
        text += "/>\n"
    }

    enum Anchor: String { case start, middle, end }

    mutating func label(
        _ s: String, _ x: Double, _ y: Double, size: Double = 11, anchor: Anchor = .start,
        fill: String = "#425563", weight: String? = nil, rotate: Bool = false
    ) {
        text += "<text x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" font-size=\"\(Self.n(size))\" fill=\"\(fill)\""
        if anchor != .start { text += " text-anchor=\"\(anchor.rawValue)\"" }
        if let weight { text += " font-weight=\"\(weight)\"" }
        if rotate { text += " transform=\"rotate(-90 \(Self.n(x)) \(Self.n(y)))\"" }
        text += ">\(Self.escape(s))</text>\n"
    }

    mutating func raw(_ s: String) { text += s }

    mutating func finish() -> String {
        text += "</svg>\n"
        return text
    }
}
