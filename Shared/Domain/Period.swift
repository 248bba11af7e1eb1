/// A reporting period: an ISO week, a calendar month, a quarter or a year.
///
/// Periods of one granularity are ordered and can be stepped through (`advanced(by:)`,
/// `distance(to:)`), which is what series of results need. ISO weeks follow ISO 8601: weeks start
/// on Monday and week 1 is the week that holds the year's first Thursday, so a year has 52 or 53
/// weeks and 2027-01-01 falls in 2026-W53.
public struct Period: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public enum Granularity: String, Sendable, Hashable, Codable, CaseIterable {
        case isoWeek = "week"
        case month
        case quarter
        case year
    }

    public let granularity: Granularity
    /// The year (for ISO weeks, the ISO week-numbering year, which can differ from the calendar year).
    public let year: Int
    /// Week 1…53, month 1…12, quarter 1…4, or 1 for a year.
    public let index: Int

    public static func isoWeek(_ year: Int, _ week: Int) throws(PeriodError) -> Period {
        guard (1...Period.isoWeeks(in: year)).contains(week) else {
            throw PeriodError(.invalidPeriod, "\(year) has no ISO week \(week) (it has \(Period.isoWeeks(in: year)))")
        }
        return Period(granularity: .isoWeek, year: year, index: week)
    }

    public static func month(_ year: Int, _ month: Int) throws(PeriodError) -> Period {
        guard (1...12).contains(month) else { throw PeriodError(.invalidPeriod, "month \(month) is not 1–12") }
        return Period(granularity: .month, year: year, index: month)
    }

    public static func quarter(_ year: Int, _ quarter: Int) throws(PeriodError) -> Period {
        guard (1...4).contains(quarter) else { throw PeriodError(.invalidPeriod, "quarter \(quarter) is not 1–4") }
        return Period(granularity: .quarter, year: year, index: quarter)
    }

    public static func year(_ year: Int) -> Period { Period(granularity: .year, year: year, index: 1) }

    /// The period of the given granularity that contains `date`.
    public init(containing date: CivilDate, granularity: Granularity) {
        self.granularity = granularity
        switch granularity {
        case .isoWeek:
            // The week belongs to the year of its Thursday.
            let thursday = date.adding(days: 4 - date.isoWeekday)
            let jan1 = try! CivilDate(year: thursday.year, month: 1, day: 1)
            self.year = thursday.year
            self.index = jan1.days(to: thursday) / 7 + 1
        case .month:
            self.year = date.year
            self.index = date.month
        case .quarter:
            self.year = date.year
            self.index = (date.month - 1) / 3 + 1
        case .year:
            self.year = date.year
            self.index = 1
        }
    }

    private init(granularity: Granularity, year: Int, index: Int) {
        self.granularity = granularity
        self.year = year
        self.index = index
    }

    /// Number of ISO weeks (52 or 53) in an ISO week-numbering year.
    public static func isoWeeks(in year: Int) -> Int {
        // A year has 53 weeks when December 28 (always in the last week) is in week 53.
        let dec28 = try! CivilDate(year: year, month: 12, day: 28)
        return Period(containing: dec28, granularity: .isoWeek).index
    }

    /// First day of the period.
    public var start: CivilDate {
        switch granularity {
        case .isoWeek:
            let jan4 = try! CivilDate(year: year, month: 1, day: 4)  // always in week 1
            return jan4.adding(days: 1 - jan4.isoWeekday + (index - 1) * 7)
        case .month: return try! CivilDate(year: year, month: index, day: 1)
        case .quarter: return try! CivilDate(year: year, month: (index - 1) * 3 + 1, day: 1)
        case .year: return try! CivilDate(year: year, month: 1, day: 1)
        }
    }

    /// Last day of the period (inclusive).
    public var end: CivilDate { advanced(by: 1).start.adding(days: -1) }

    public func contains(_ date: CivilDate) -> Bool { start <= date && date <= end }

    /// The period `n` steps later (earlier when negative), at the same granularity.
    public func advanced(by n: Int) -> Period {
        switch granularity {
        case .isoWeek:
            return Period(containing: start.adding(days: 7 * n), granularity: .isoWeek)
        case .month, .quarter:
            let perYear = granularity == .month ? 12 : 4
            let ordinal = year * perYear + (index - 1) + n
            let y = ordinal >= 0 ? ordinal / perYear : (ordinal - perYear + 1) / perYear
            return Period(granularity: granularity, year: y, index: ordinal - y * perYear + 1)
        case .year:
            return Period(granularity: .year, year: year + n, index: 1)
        }
    }

    public var next: Period { advanced(by: 1) }
    public var previous: Period { advanced(by: -1) }

    /// Steps from this period to `other`; both must have the same granularity.
    public func distance(to other: Period) -> Int {
        precondition(granularity == other.granularity, "distance between periods of different granularity")
        switch granularity {
        case .isoWeek: return start.days(to: other.start) / 7
        case .month: return (other.year - year) * 12 + other.index - index
        case .quarter: return (other.year - year) * 4 + other.index - index
        case .year: return other.year - year
        }
    }

    /// Orders by start date; at equal start a longer period sorts after a shorter one.
    public static func < (a: Period, b: Period) -> Bool {
        if a.start != b.start { return a.start < b.start }
        return a.end < b.end
    }

    /// `2026-W07`, `2026-03`, `2026-Q1`, `2026`.
    public var description: String {
        // Written straight into the string for the years there are (the intake formats two
        // periods for every item it stores); other years take the general way below.
        if (0...9999).contains(year), (0...99).contains(index) {
            let (marker, width): (UInt8?, Int) =
                switch granularity {
                case .isoWeek: (UInt8(ascii: "W"), 2)
                case .month: (nil, 2)
                case .quarter: (UInt8(ascii: "Q"), 1)
                case .year: (nil, 0)
                }
            let length = 4 + (width == 0 ? 0 : 1 + width + (marker == nil ? 0 : 1))
            return String(unsafeUninitializedCapacity: length) { out in
                func put(_ value: Int, _ digits: Int, at start: Int) {
                    var value = value
                    for offset in (0..<digits).reversed() {
                        out[start + offset] = UInt8(ascii: "0") + UInt8(value % 10)
                        value /= 10
                    }
                }
                put(year, 4, at: 0)
                guard width > 0 else { return 4 }
                out[4] = UInt8(ascii: "-")
                var at = 5
                if let marker {
                    out[at] = marker
                    at += 1
                }
                put(index, width, at: at)
                return length
            }
        }
        return switch granularity {
        case .isoWeek: "\(CivilDate.pad(year, 4))-W\(CivilDate.pad(index, 2))"
        case .month: "\(CivilDate.pad(year, 4))-\(CivilDate.pad(index, 2))"
        case .quarter: "\(CivilDate.pad(year, 4))-Q\(index)"
        case .year: CivilDate.pad(year, 4)
        }
    }

    /// Parses the forms `description` writes.
    public init(parsing text: some StringProtocol) throws(PeriodError) {
        let s = String(text)
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, first.count == 4, let y = Int(first) else {
            throw PeriodError(.malformed, "'\(s)' is not a period (2026-W07, 2026-03, 2026-Q1 or 2026)")
        }
        if parts.count == 1 {
            self = .year(y)
            return
        }
        guard parts.count == 2 else { throw PeriodError(.malformed, "'\(s)' is not a period (2026-W07, 2026-03, 2026-Q1 or 2026)") }
        let rest = parts[1]
        if rest.first == "W", rest.count == 3, let w = Int(rest.dropFirst()) {
            self = try .isoWeek(y, w)
        } else if rest.first == "Q", rest.count == 2, let q = Int(rest.dropFirst()) {
            self = try .quarter(y, q)
        } else if rest.count == 2, let m = Int(rest) {
            self = try .month(y, m)
        } else {
            throw PeriodError(.malformed, "'\(s)' is not a period (2026-W07, 2026-03, 2026-Q1 or 2026)")
        }
    }
}

extension Period {
    /// Swedish label for charts and messages: "v. 12 2026", "mars 2026", "kv. 1 2026", "2026".
    public var swedishLabel: String {
        switch granularity {
        case .isoWeek: "v. \(index) \(year)"
        case .month: "\(Period.swedishMonths[index - 1]) \(year)"
        case .quarter: "kv. \(index) \(year)"
        case .year: "\(year)"
        }
    }

    static let swedishMonths = [
        "januari", "februari", "mars", "april", "maj", "juni",
        "juli", "augusti", "september", "oktober", "november", "december",
    ]
}
