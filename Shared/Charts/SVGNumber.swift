/// Deterministic number text: fixed decimals by integer arithmetic, never locale or
/// `description` quirks, so the same input gives byte-identical pictures everywhere.
enum SVGNumber {
    /// `x` with at most `decimals` decimals (trailing zeros dropped), "." as separator, for
    /// attributes. Non-finite values become "0"; "-0" never appears.
    static func attribute(_ x: Double, decimals: Int = 1) -> String {
        digits(x, decimals: decimals, point: ".", minus: "-", trim: true, group: nil)
    }

    /// Swedish display text: decimal comma, a real minus sign, a no-break space between thousands.
    static func swedish(_ x: Double, decimals: Int) -> String {
        digits(x, decimals: decimals, point: ",", minus: "\u{2212}", trim: false, group: "\u{00A0}")
    }

    private static func digits(_ x: Double, decimals: Int, point: String, minus: String, trim: Bool, group: String?) -> String {
        guard x.isFinite else { return "0" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(x) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e15 else { return x < 0 ? minus + "∞" : "∞" }
        let units = Int64(scaled)
        let divisor = Int64(scale)
        var whole = String(units / divisor)
        if let group, whole.count > 4 {
            var grouped = ""
            var count = 0
            for ch in whole.reversed() {
                if count > 0, count % 3 == 0 { grouped.append(contentsOf: group.reversed()) }
                grouped.append(ch)
                count += 1
            }
            whole = String(grouped.reversed())
        }
        var fraction = ""
        if decimals > 0 {
            let f = String(units % divisor)
            fraction = String(repeating: "0", count: decimals - f.count) + f
            if trim { while fraction.last == "0" { fraction.removeLast() } }
        }
        let sign = units == 0 || x >= 0 ? "" : minus
        return sign + whole + (fraction.isEmpty ? "" : point + fraction)
    }
}
