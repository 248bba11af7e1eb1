/// The rectangle a label takes in the picture, in pixels, for keeping labels clear of lines,
/// markers and each other.
struct LabelBox {
    var minX: Double
    var minY: Double
    var maxX: Double
    var maxY: Double

    /// The box of `text` set at font `size` with its baseline starting at (x, y).
    ///
    /// Glyph widths are estimated generously (the picture names Arial, Helvetica, then the
    /// viewer's sans-serif, often DejaVu Sans, which is wider), so a box holds its text in any of them.
    init(text: String, x: Double, baseline y: Double, size: Double) {
        var em = 0.0
        for ch in text { em += Self.width(of: ch) }
        self.init(minX: x, minY: y - 0.85 * size, maxX: x + em * size, maxY: y + 0.3 * size)
    }

    init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    /// A character's advance in em, rounded up from DejaVu Sans.
    static func width(of ch: Character) -> Double {
        switch ch {
        case "m", "w", "M", "W", "%": return 0.95
        case "&": return 0.8
        default: return ch.isUppercase ? 0.78 : 0.64
        }
    }

    var width: Double { maxX - minX }
    var height: Double { maxY - minY }

    /// The box grown by `d` on every side.
    func padded(_ d: Double) -> LabelBox { LabelBox(minX: minX - d, minY: minY - d, maxX: maxX + d, maxY: maxY + d) }

    func overlaps(_ o: LabelBox) -> Bool { minX < o.maxX && o.minX < maxX && minY < o.maxY && o.minY < maxY }

    func isInside(_ o: LabelBox) -> Bool { minX >= o.minX && maxX <= o.maxX && minY >= o.minY && maxY <= o.maxY }

    /// Whether the segment from `a` to `b` passes through the box (Liang–Barsky clipping).
    func crosses(_ a: (Double, Double), _ b: (Double, Double)) -> Bool {
        if max(a.0, b.0) < minX || min(a.0, b.0) > maxX || max(a.1, b.1) < minY || min(a.1, b.1) > maxY { return false }
        var t0 = 0.0
        var t1 = 1.0
        let dx = b.0 - a.0
        let dy = b.1 - a.1
        for (p, q) in [(-dx, a.0 - minX), (dx, maxX - a.0), (-dy, a.1 - minY), (dy, maxY - a.1)] {
            if p == 0 {
                if q < 0 { return false }
                continue
            }
            let r = q / p
            if p < 0 { t0 = max(t0, r) } else { t1 = min(t1, r) }
            if t0 > t1 { return false }
        }
        return true
    }

    /// Whether any segment of the polyline `points` passes through the box.
    func crosses(polyline points: [(Double, Double)]) -> Bool {
        guard points.count > 1 else { return false }
        for k in 1..<points.count where crosses(points[k - 1], points[k]) { return true }
        return false
    }
}
