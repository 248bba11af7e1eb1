/// Where the plot sits in the picture and where each point goes along it.
struct ChartFrame {
    let left: Double
    let right: Double
    let top: Double
    let bottom: Double
    let count: Int

    init(options: ChartOptions, count: Int) {
        self.left = 64
        self.right = Double(options.width) - 52  // room for the target label
        self.top = 78
        self.bottom = Double(options.height) - 62
        self.count = max(count, 1)
    }

    /// Width of one point's slot.
    var step: Double { (right - left) / Double(count) }

    /// Centre of point `i`'s slot.
    func x(_ i: Int) -> Double { left + (Double(i) + 0.5) * step }
}
