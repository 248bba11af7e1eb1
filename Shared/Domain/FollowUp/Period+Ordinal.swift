extension Period {
    /// The period's place on its granularity's line: consecutive periods have consecutive
    /// ordinals (ISO weeks: weeks since the Monday 1969-12-29; months: year × 12 + month − 1;
    /// quarters: year × 4 + quarter − 1; years: the year), so a grid is a range of integers.
    public var ordinal: Int {
        switch granularity {
        case .isoWeek: Self.floorDivide(start.daysSinceEpoch + 3, 7)
        case .month: year * 12 + index - 1
        case .quarter: year * 4 + index - 1
        case .year: year
        }
    }

    /// The period of `granularity` at `ordinal` (the inverse of ``ordinal``).
    public init(ordinal: Int, granularity: Granularity) {
        switch granularity {
        case .isoWeek:
            self.init(containing: CivilDate(daysSinceEpoch: ordinal * 7 - 3), granularity: .isoWeek)
        case .month:
            self.init(
                containing: try! CivilDate(year: Self.floorDivide(ordinal, 12), month: ordinal - Self.floorDivide(ordinal, 12) * 12 + 1, day: 1),
                granularity: .month)
        case .quarter:
            let year = Self.floorDivide(ordinal, 4)
            self.init(containing: try! CivilDate(year: year, month: (ordinal - year * 4) * 3 + 1, day: 1), granularity: .quarter)
        case .year:
            self = .year(ordinal)
        }
    }

    static func floorDivide(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return a % b < 0 ? q - 1 : q
    }

    /// Whether the period has started on `today` (its first day is not after it).
    public func hasStarted(on today: CivilDate) -> Bool { start <= today }
}
