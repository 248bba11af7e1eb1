import Foundation

/// A linear value axis with "nice" ticks (1, 2 or 5 × 10^k in displayed units).
struct AxisScale {
    let lower: Double
    let upper: Double
    let ticks: [Double]
    /// Decimals that tell the ticks apart, in displayed units.
    let decimals: Int
    let pixelTop: Double
    let pixelBottom: Double

    /// An axis covering `values`, in data units; `displayScale` is what labels multiply by.
    init(covering values: [Double], displayScale: Double, pixelTop: Double, pixelBottom: Double, targetTicks: Int = 5) {
        var lo = values.min() ?? 0
        var hi = values.max() ?? 1
        if hi - lo < 1e-12 {
            lo -= max(abs(lo) * 0.1, 1 / displayScale)
            hi += max(abs(hi) * 0.1, 1 / displayScale)
        }
        let span = (hi - lo) * displayScale
        let raw = span / Double(targetTicks)
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        let first = (lo * displayScale / step).rounded(.down)
        let last = (hi * displayScale / step).rounded(.up)
        self.lower = first * step / displayScale
        self.upper = last * step / displayScale
        self.ticks = stride(from: first, through: last, by: 1).map { $0 * step / displayScale }
        self.decimals = max(0, Int((-log10(step)).rounded(.up)))
        self.pixelTop = pixelTop
        self.pixelBottom = pixelBottom
    }

    func y(_ value: Double) -> Double {
        pixelBottom - (value - lower) / (upper - lower) * (pixelBottom - pixelTop)
    }
}
