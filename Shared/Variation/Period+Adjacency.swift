import Domain

extension Period {
    /// Whether `other` is the period right after this one (same granularity assumed).
    ///
    /// Integer comparisons rather than `next`, which steps ISO weeks through dates: this runs once
    /// per point of every analysis with moving ranges.
    func isFollowed(by other: Period) -> Bool {
        if other.year == year { return other.index == index + 1 }
        guard other.year == year + 1, other.index == 1 else { return false }
        switch granularity {
        case .isoWeek: return index == Period.isoWeeks(in: year)
        case .month: return index == 12
        case .quarter: return index == 4
        case .year: return true
        }
    }
}
