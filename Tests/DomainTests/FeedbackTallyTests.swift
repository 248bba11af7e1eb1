import Domain
import Foundation
import Testing

@Suite("Feedback tallies and Stockholm periods")
struct FeedbackTallyTests {
    typealias Item = (kind: FeedbackKind, answer: FeedbackSubmission.Answer, role: RespondentRole)

    static let week = try! Period.isoWeek(2026, 11)

    static func tally(_ items: some Sequence<Item>) -> FeedbackTally {
        var tally = FeedbackTally(knowledgeSupportID: "ks-1", period: week)
        for item in items { tally.add(kind: item.kind, answer: item.answer, respondentRole: item.role) }
        return tally
    }

    static let items: [Item] = [
        (.helpfulness, .helpful(true), .patient), (.helpfulness, .helpful(true), .relative),
        (.helpfulness, .helpful(false), .patient), (.rating, .rating(5), .professional), (.rating, .rating(4), .unknown),
        (.rating, .rating(1), .patient), (.experience, .text("bra"), .patient),
        (.improvementSuggestion, .text("mer om kost"), .relative),
    ]

    @Test func addingCountsEveryDimension() {
        let tally = Self.tally(Self.items)
        #expect(tally.totalCount == 8)
        #expect(tally.helpfulYesCount == 2)
        #expect(tally.helpfulNoCount == 1)
        #expect(tally.helpfulShare == 2.0 / 3.0)
        #expect(tally.ratingCounts == [1, 0, 0, 1, 1])
        #expect(tally.ratingCount == 3)
        #expect(tally.ratingMean == 10.0 / 3.0)
        #expect(tally.experienceCount == 1)
        #expect(tally.improvementSuggestionCount == 1)
        #expect(tally.textCount == 2)
        #expect(tally.respondentRoleCounts == FeedbackTally.RoleCounts(patient: 4, relative: 2, professional: 1, unknown: 1))
    }

    @Test func anEmptyTallyHasNoShareAndNoMean() {
        let tally = Self.tally([])
        #expect(tally.isEmpty)
        #expect(tally.helpfulShare == nil)
        #expect(tally.ratingMean == nil)
        #expect(tally.ratingCounts == [0, 0, 0, 0, 0])
        let onlyText = Self.tally([(.experience, .text("x"), .unknown)])
        #expect(onlyText.helpfulShare == nil && onlyText.ratingMean == nil && onlyText.totalCount == 1)
    }

    @Test func aRatingOutsideTheScaleCountsOnlyInTheTotal() {
        let tally = Self.tally([(.rating, .rating(9), .patient)])
        #expect(tally.totalCount == 1)
        #expect(tally.ratingCount == 0)
    }

    @Test func mergingAnySplitEqualsTheTallyOfAll() {
        let all = Self.tally(Self.items)
        for cut in 0...Self.items.count {
            let merged = Self.tally(Self.items[..<cut]).merging(Self.tally(Self.items[cut...]))
            #expect(merged == all)
        }
        var inThree = Self.tally(Self.items[0..<2])
        inThree.merge(Self.tally(Self.items[2..<5]))
        inThree.merge(Self.tally(Self.items[5...]))
        #expect(inThree == all)
    }

    @Test func aTallySurvivesJSONAndABadDistributionDoesNot() throws {
        let tally = Self.tally(Self.items)
        let decoded = try JSONDecoder().decode(FeedbackTally.self, from: JSONEncoder().encode(tally))
        #expect(decoded == tally)
        let scoped = FeedbackTally(knowledgeSupportID: "ks-1", period: Self.week, organisationID: "SE2321000016")
        #expect(try JSONDecoder().decode(FeedbackTally.self, from: JSONEncoder().encode(scoped)) == scoped)
        let text = String(decoding: try JSONEncoder().encode(tally), as: UTF8.self)
        let broken = text.replacingOccurrences(of: "[1,0,0,1,1]", with: "[1,0,0,1]")
        #expect(broken != text)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(FeedbackTally.self, from: Data(broken.utf8)) }
    }

    // MARK: Stockholm time

    static func instant(_ date: String, _ hour: Int, _ minute: Int = 0, _ second: Int = 0) throws -> Int64 {
        Int64(try CivilDate(parsing: date).daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    @Test func aWinterSundayNightInUTCIsMondayInStockholm() throws {
        // 2024-01-07 was a Sunday; 23:30 UTC is 00:30 CET on Monday, in the next ISO week.
        let instant = try Self.instant("2024-01-07", 23, 30)
        #expect(StockholmTime.date(at: instant).description == "2024-01-08")
        #expect(StockholmTime.period(containing: instant, granularity: .isoWeek).description == "2024-W02")
        #expect(StockholmTime.period(containing: try Self.instant("2024-01-07", 22, 59), granularity: .isoWeek).description == "2024-W01")
        #expect(StockholmTime.secondsSinceMidnight(at: instant) == 1800)
    }

    @Test func summerIsTwoHoursAhead() throws {
        // 2024-06-30 (a Sunday) 22:30 UTC is 00:30 CEST on Monday 1 July: next week and next month.
        let instant = try Self.instant("2024-06-30", 22, 30)
        #expect(StockholmTime.utcOffset(at: instant) == 7200)
        #expect(StockholmTime.period(containing: instant, granularity: .isoWeek).description == "2024-W27")
        #expect(StockholmTime.period(containing: instant, granularity: .month).description == "2024-07")
        #expect(StockholmTime.period(containing: instant - 3600, granularity: .month).description == "2024-06")
    }

    @Test func theNewYearComesAnHourEarlierInStockholm() throws {
        let instant = try Self.instant("2025-12-31", 23, 0)
        #expect(StockholmTime.period(containing: instant, granularity: .month).description == "2026-01")
        #expect(StockholmTime.period(containing: instant - 1, granularity: .month).description == "2025-12")
    }

    @Test(
        "summer time switches at 01:00 UTC on the last Sundays of March and October",
        arguments: [
            (2020, "2020-03-29", "2020-10-25"), (2021, "2021-03-28", "2021-10-31"), (2022, "2022-03-27", "2022-10-30"),
            (2023, "2023-03-26", "2023-10-29"), (2024, "2024-03-31", "2024-10-27"), (2025, "2025-03-30", "2025-10-26"),
            (2026, "2026-03-29", "2026-10-25"), (2027, "2027-03-28", "2027-10-31"),
        ])
    func switchDays(year: Int, spring: String, autumn: String) throws {
        let start = try Self.instant(spring, 1)
        let end = try Self.instant(autumn, 1)
        #expect(StockholmTime.summerTime(in: year) == start..<end)
        #expect(StockholmTime.utcOffset(at: start - 1) == 3600)
        #expect(StockholmTime.utcOffset(at: start) == 7200)
        #expect(StockholmTime.utcOffset(at: end - 1) == 7200)
        #expect(StockholmTime.utcOffset(at: end) == 3600)
        // Local clocks: 01:59:59 CET is followed by 03:00 CEST; 02:59:59 CEST by 02:00 CET.
        #expect(StockholmTime.secondsSinceMidnight(at: start - 1) == 2 * 3600 - 1)
        #expect(StockholmTime.secondsSinceMidnight(at: start) == 3 * 3600)
        #expect(StockholmTime.secondsSinceMidnight(at: end - 1) == 3 * 3600 - 1)
        #expect(StockholmTime.secondsSinceMidnight(at: end) == 2 * 3600)
    }

    @Test func instantsBeforeTheEpoch() throws {
        let instant = try Self.instant("1969-12-31", 23, 30)
        #expect(StockholmTime.date(at: instant).description == "1970-01-01")
        #expect(StockholmTime.date(at: instant - 3600).description == "1969-12-31")
    }
}
