/// A timed result, and the table the benchmarks print.
struct Row {
    let name: String
    let n: Int
    let value: String
    let ratio: String
    let target: String
    let met: String
}

func rate(_ n: Int, _ elapsed: Duration) -> Double {
    Double(n) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}

func millis(_ d: Duration) -> Double {
    Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
}

func format(_ x: Double, _ decimals: Int = 0) -> String {
    let p = (0..<decimals).reduce(1.0) { r, _ in r * 10 }
    let rounded = (x * p).rounded() / p
    var text = decimals == 0 ? String(Int(rounded)) : String(rounded)
    if decimals > 0, let dot = text.firstIndex(of: ".") {
        let have = text.distance(from: dot, to: text.endIndex) - 1
        if have < decimals { text += String(repeating: "0", count: decimals - have) }
    }
    return text
}

func printTable(_ title: String, _ rows: [Row]) {
    print("\n### \(title)\n")
    print("| benchmark | n | result | vs raw ceiling | target | met? |")
    print("|---|---:|---:|---:|---|:---:|")
    for r in rows { print("| \(r.name) | \(r.n) | \(r.value) | \(r.ratio) | \(r.target) | \(r.met) |") }
}

func percentile(_ sorted: [Duration], _ p: Double) -> Duration {
    sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}
