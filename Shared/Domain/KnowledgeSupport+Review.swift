extension KnowledgeSupport {
    /// Where a published support stands against its review date.
    public enum ReviewStage: String, Sendable, Hashable, CaseIterable {
        /// Within the notice window before the date.
        case approaching
        /// The date has passed.
        case overdue
    }

    /// The default review date: the same day two years after publication (29 February → 28 February).
    public static func defaultReviewDue(publishedOn date: CivilDate, years: Int = 2) -> CivilDate {
        let year = date.year + years
        let day = min(date.day, CivilDate.daysIn(month: date.month, year: year))
        return try! CivilDate(year: year, month: date.month, day: day)  // day clamped to the month: always valid
    }

    /// The stage on `today` for a support due on `due`, or nil while the date is further away
    /// than `windowDays` (default 30).
    public static func reviewStage(due: CivilDate, today: CivilDate, windowDays: Int = 30) -> ReviewStage? {
        let left = today.days(to: due)
        if left < 0 { return .overdue }
        return left <= windowDays ? .approaching : nil
    }
}
