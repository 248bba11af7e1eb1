/// What a chart picture says besides its data: title, axis label, how values read.
public struct ChartOptions: Sendable, Hashable {
    /// How values are written on the axis and in the reading.
    public enum Measure: Sendable, Hashable {
        /// A plain number.
        case number
        /// A proportion in [0, 1], written as per cent ("82 %").
        case share
        /// A rate, multiplied for display (for example 1,000 for "per 1 000 vårddygn").
        case rate(multiplier: Double)
    }

    public var title: String
    /// Y-axis label, for example "Andel (%)".
    public var valueLabel: String
    public var measure: Measure
    /// Subject of the reading ("Andelen", "Antalet fall"); `nil` picks one from the chart type.
    public var subject: String?
    /// Names of the phases, in order; missing names read "Fas 1", "Fas 2", ….
    public var phaseNames: [String]
    public var width: Int
    public var height: Int

    /// Creates options.
    /// - Parameters:
    ///   - title: Shown at the top and as the SVG title.
    ///   - valueLabel: Y-axis label; defaults to "".
    ///   - measure: Defaults to ``Measure/number``.
    ///   - subject: Defaults to `nil` (from the chart type).
    ///   - phaseNames: Defaults to none.
    ///   - width: Defaults to 640.
    ///   - height: Defaults to 360.
    public init(
        title: String, valueLabel: String = "", measure: Measure = .number, subject: String? = nil,
        phaseNames: [String] = [], width: Int = 640, height: Int = 360
    ) {
        self.title = title
        self.valueLabel = valueLabel
        self.measure = measure
        self.subject = subject
        self.phaseNames = phaseNames
        self.width = width
        self.height = height
    }

    /// The value as Swedish display text, with `decimals` decimals.
    func text(_ value: Double, decimals: Int) -> String {
        switch measure {
        case .number: SVGNumber.swedish(value, decimals: decimals)
        case .share: SVGNumber.swedish(value * 100, decimals: decimals) + "\u{00A0}%"
        case .rate(let m): SVGNumber.swedish(value * m, decimals: decimals)
        }
    }

    /// Factor from values to displayed numbers (100 for shares).
    var displayScale: Double {
        switch measure {
        case .number: 1
        case .share: 100
        case .rate(let m): m
        }
    }
}
