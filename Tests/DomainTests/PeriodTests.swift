import Domain
import Foundation
import Testing

@Suite("Periods: ISO weeks, months, quarters, years")
struct PeriodTests {
    func date(_ text: String) throws -> CivilDate { try CivilDate(parsing: text) }

    @Test(
        "ISO week of a date across year ends",
        arguments: [
            ("2026-12-28", "2026-W53"), ("2027-01-01", "2026-W53"), ("2027-01-03", "2026-W53"),
            ("2027-01-04", "2027-W01"), ("2024-12-30", "2025-W01"), ("2021-01-03", "2020-W53"),
            ("2026-01-01", "2026-W01"), ("2025-12-29", "2026-W01"), ("2008-12-29", "2009-W01"),
            ("2010-01-03", "2009-W53"), ("2026-11-22", "2026-W47"), ("2000-02-29", "2000-W09"),
        ])
    func weekOfDate(day: String, week: String) throws {
        #expect(Period(containing: try date(day), granularity: .isoWeek).description == week)
    }

    @Test func weeksInYear() {
        #expect(Period.isoWeeks(in: 2026) == 53)
        #expect(Period.isoWeeks(in: 2027) == 52)
        #expect(Period.isoWeeks(in: 2020) == 53)
        #expect(Period.isoWeeks(in: 2025) == 52)
        #expect(Period.isoWeeks(in: 2032) == 53)
    }

    @Test func stepsAcrossYearEnds() throws {
        let w53 = try Period.isoWeek(2026, 53)
        #expect(w53.next == (try Period.isoWeek(2027, 1)))
        #expect(try Period.isoWeek(2027, 1).previous == w53)
        #expect(try Period.isoWeek(2025, 52).next == (try Period.isoWeek(2026, 1)))
        #expect(w53.start.description == "2026-12-28")
        #expect(w53.end.description == "2027-01-03")
        #expect(try Period.isoWeek(2026, 1).distance(to: try Period.isoWeek(2027, 1)) == 53)
        #expect(try Period.isoWeek(2027, 1).advanced(by: -53) == (try Period.isoWeek(2026, 1)))
        #expect(try Period.month(2026, 12).next == (try Period.month(2027, 1)))
        #expect(try Period.month(2026, 1).advanced(by: -1) == (try Period.month(2025, 12)))
        #expect(try Period.quarter(2026, 4).next == (try Period.quarter(2027, 1)))
        #expect(try Period.month(2025, 11).distance(to: try Period.month(2027, 2)) == 15)
        #expect(Period.year(2026).next == Period.year(2027))
    }

    @Test func aWalkOfManyWeeksStaysConsistent() throws {
        // 1,000 consecutive weeks: each starts on a Monday exactly 7 days after the previous one.
        var week = try Period.isoWeek(2010, 1)
        for _ in 0..<1000 {
            let next = week.next
            #expect(next.start.isoWeekday == 1)
            #expect(week.start.days(to: next.start) == 7)
            #expect(Period(containing: next.start.adding(days: 3), granularity: .isoWeek) == next)
            #expect(week.distance(to: next) == 1)
            week = next
        }
    }

    @Test func nonexistentPeriodsAndDatesAreRefused() {
        #expect(throws: PeriodError.self) { try Period.isoWeek(2027, 53) }
        #expect(throws: PeriodError.self) { try Period.month(2026, 13) }
        #expect(throws: PeriodError.self) { try Period.quarter(2026, 0) }
        #expect(throws: PeriodError.self) { try CivilDate(year: 2026, month: 2, day: 29) }
        #expect(throws: PeriodError.self) { try Period(parsing: "2026-W7") }
        #expect(throws: PeriodError.self) { try Period(parsing: "next week") }
    }

    @Test("every period is written zero-padded, as the text columns sort", arguments: [0, 7, 999, 2026, 9999])
    func written(year: Int) throws {
        for week in 1...Period.isoWeeks(in: year) {
            #expect(try Period.isoWeek(year, week).description == String(format: "%04d-W%02d", year, week))
        }
        for month in 1...12 { #expect(try Period.month(year, month).description == String(format: "%04d-%02d", year, month)) }
        for quarter in 1...4 { #expect(try Period.quarter(year, quarter).description == String(format: "%04d-Q%d", year, quarter)) }
        #expect(Period.year(year).description == String(format: "%04d", year))
    }

    @Test("parsing round-trips", arguments: ["2026-W07", "2026-W53", "2026-03", "2026-Q1", "2026"])
    func parsing(text: String) throws {
        #expect(try Period(parsing: text).description == text)
    }

    @Test func contains() throws {
        let march = try Period.month(2026, 3)
        #expect(march.contains(try date("2026-03-31")))
        #expect(!march.contains(try date("2026-04-01")))
        #expect(march.end.description == "2026-03-31")
        #expect(try Period.month(2024, 2).end.description == "2024-02-29")
        #expect(try Period.quarter(2026, 2).start.description == "2026-04-01")
    }

    @Test func swedishLabels() throws {
        #expect(try Period.isoWeek(2026, 12).swedishLabel == "v. 12 2026")
        #expect(try Period.month(2026, 3).swedishLabel == "mars 2026")
        #expect(try Period.quarter(2026, 1).swedishLabel == "kv. 1 2026")
    }

    @Test func civilDatesRoundTripThroughDayNumbers() throws {
        #expect(try date("1970-01-01").daysSinceEpoch == 0)
        #expect(try date("1970-01-01").isoWeekday == 4)
        #expect(try date("2026-11-22").isoWeekday == 7)
        for n in stride(from: -800_000, to: 800_000, by: 997) {
            #expect(CivilDate(daysSinceEpoch: n).daysSinceEpoch == n)
        }
    }
}
