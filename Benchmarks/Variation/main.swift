// Benchmarks for the variation analysis and its pictures (`swift run -c release VariationBench`).
// Single-threaded on purpose: the target is per core.
import Charts
import Domain
import SeededRandom
import Variation

/// 104 weekly proportions around a wandering level, with a step in some series.
func makeSeries(_ count: Int, seed: UInt64) -> [[Observation]] {
    var rng = SplitMix64(seed: seed)
    let first = try! Period.isoWeek(2025, 1)
    let weeks = (0..<104).map { first.advanced(by: $0) }
    return (0..<count).map { s in
        let level = 0.5 + Double(rng.next() % 400) / 1000
        let step = s % 3 == 0 ? -0.08 : 0
        return weeks.enumerated().map { k, week in
            let n = Double(50 + rng.next() % 200)
            let p = min(1, max(0, level + (k >= 80 ? step : 0) + (Double(rng.next() % 1000) / 1000 - 0.5) * 0.1))
            return .proportion(week, numerator: (n * p).rounded(), denominator: n)
        }
    }
}

struct Row {
    let name: String, n: Int, total: Duration, target: Duration?
    var perItem: Duration { total / n }
}

func seconds(_ d: Duration) -> String {
    let c = d.components
    let s = Double(c.seconds) + Double(c.attoseconds) / 1e18
    if s >= 1 { return "\(Double(Int((s * 1000).rounded())) / 1000) s" }
    if s >= 1e-3 { return "\(Double(Int((s * 1e5).rounded())) / 100) ms" }
    return "\(Double(Int((s * 1e8).rounded())) / 100) µs"
}

let clock = ContinuousClock()
let series = makeSeries(10_000, seed: 42)
let options = AnalysisOptions(chartType: .p, ruleSet: .anhoj, directionOfGood: .higher, target: 0.6)

// Warm-up (caches, page faults), then the timed run.
var signals = 0
for s in series.prefix(200) { signals &+= (try! VariationAnalysis.analyze(s, options: options)).signals.count }
// Like the service, each result is used (here: counted, and the first 1,000 kept for drawing)
// and then dropped, rather than holding 10,000 analyses in memory at once.
var analyses: [VariationAnalysis] = []
analyses.reserveCapacity(1000)
signals = 0
let analysisTime = clock.measure {
    for s in series {
        let a = try! VariationAnalysis.analyze(s, options: options)
        signals &+= a.signals.count
        if analyses.count < 1000 { analyses.append(a) }
    }
}

var bytes = 0
let chartOptions = ChartOptions(title: "Andel behandlade inom målet", valueLabel: "Andel", measure: .share)
let renderTime = clock.measure {
    for a in analyses.prefix(1000) { bytes &+= ChartRenderer.svg(for: a, options: chartOptions).utf8.count }
}

let rows = [
    Row(name: "Analysis, p chart, Anhøj, 104 weeks", n: series.count, total: analysisTime, target: .milliseconds(250)),
    Row(name: "SVG rendering, 640 × 360", n: 1000, total: renderTime, target: nil),
]
print("| benchmark | n | total | per item | target | met? |")
print("|---|---:|---:|---:|---:|:---:|")
for r in rows {
    let met = r.target.map { r.total < $0 ? "yes" : "no" } ?? "–"
    print("| \(r.name) | \(r.n) | \(seconds(r.total)) | \(seconds(r.perItem)) | \(r.target.map { "< " + seconds($0) } ?? "–") | \(met) |")
}
print("")
print("(\(signals) signals found; \(bytes / 1000) kB of SVG)")
