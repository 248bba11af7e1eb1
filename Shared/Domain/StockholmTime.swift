/// Civil time in Europe/Stockholm, computed from an instant without a time-zone database.
///
/// Sweden keeps CET (UTC+1) and, in summer, CEST (UTC+2) from the last Sunday of March 01:00 UTC to
/// the last Sunday of October 01:00 UTC: the EU rule, in force since 1996. The rule is applied to
/// every year; before 1996 Sweden's autumn switch fell on the last Sunday of September, which is
/// older than any feedback. Instants are seconds since 1970-01-01 00:00 UTC, as in
/// `google.protobuf.Timestamp`.
public enum StockholmTime {
    static let secondsPerDay: Int64 = 86_400
    static let hour: Int64 = 3_600

    /// The offset from UTC at `instant`, in seconds: 3600 (CET) or 7200 (CEST).
    public static func utcOffset(at instant: Int64) -> Int64 {
        isSummerTime(at: instant) ? 2 * hour : hour
    }

    /// Whether summer time (CEST) is in force at `instant`.
    public static func isSummerTime(at instant: Int64) -> Bool {
        let utcDate = CivilDate(daysSinceEpoch: Int(floorDivide(instant, secondsPerDay)))
        return summerTime(in: utcDate.year).contains(instant)
    }

    /// The instants summer time covers in `year`: from the last Sunday of March 01:00 UTC up to
    /// (not including) the last Sunday of October 01:00 UTC.
    public static func summerTime(in year: Int) -> Range<Int64> {
        let start = Int64(lastSunday(of: 3, in: year).daysSinceEpoch) * secondsPerDay + hour
        let end = Int64(lastSunday(of: 10, in: year).daysSinceEpoch) * secondsPerDay + hour
        return start..<end
    }

    /// The date on Stockholm's calendar at `instant`.
    public static func date(at instant: Int64) -> CivilDate {
        CivilDate(daysSinceEpoch: Int(floorDivide(instant + utcOffset(at: instant), secondsPerDay)))
    }

    /// Seconds since Stockholm's midnight at `instant` (0..<86400).
    public static func secondsSinceMidnight(at instant: Int64) -> Int {
        let local = instant + utcOffset(at: instant)
        return Int(local - floorDivide(local, secondsPerDay) * secondsPerDay)
    }

    /// The period of `granularity` that holds `instant`'s Stockholm date: an item's week and month.
    ///
    /// - Parameters:
    ///   - instant: Seconds since the epoch (UTC).
    ///   - granularity: `.isoWeek` or `.month` for feedback; any granularity works.
    public static func period(containing instant: Int64, granularity: Period.Granularity) -> Period {
        Period(containing: date(at: instant), granularity: granularity)
    }

    /// The last Sunday of a month.
    static func lastSunday(of month: Int, in year: Int) -> CivilDate {
        let last = try! CivilDate(year: year, month: month, day: CivilDate.daysIn(month: month, year: year))
        return last.adding(days: -(last.isoWeekday % 7))
    }

    /// Division rounding towards minus infinity, so instants before 1970 fall on the right day.
    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let quotient = a / b
        return a % b < 0 ? quotient - 1 : quotient
    }
}
