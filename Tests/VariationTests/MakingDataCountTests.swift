import Domain
import Testing
import Variation

@Suite("NHS Making Data Count rules")
struct MakingDataCountTests {
    /// Ten points 8, 12, … : mean 10, MR̄ 4, σ = 4/1.128; or 10, 12, …: mean 11, σ = 2/1.128.
    static let wide: [Double] = [8, 12, 8, 12, 8, 12, 8, 12, 8, 12]
    static let narrow: [Double] = [10, 12, 10, 12, 10, 12, 10, 12, 10, 12]

    @Test("the rule set is declared, named and versioned, and recorded in the analysis")
    func declared() throws {
        #expect(RuleSet.makingDataCount.shift == .runOf(7))
        #expect(RuleSet.makingDataCount.trendLength == 6)
        #expect(RuleSet.makingDataCount(trendLength: 7).version != RuleSet.makingDataCount.version)
        let a = try analyze(values(Self.wide), .i, .makingDataCount)
        #expect(a.ruleSet == .makingDataCount)
        #expect(a.ruleSet.name == "NHS Making Data Count")
    }

    @Test("shift: a run of 8 above the mean is one signal naming its 8 points")
    func shift() throws {
        // mean 203/20 = 10.15; indices 9 … 16 are above it
        let xs = Self.wide + [10.5, 11, 10.5, 11, 10.5, 11, 10.5] + [8, 12, 8]
        let a = try analyze(values(xs), .i, .makingDataCount, good: .lower)
        #expect(close(a.points[0].centre, 10.15))
        #expect(a.signals.count == 1)
        let s = try #require(a.signals.first)
        #expect(s.rule == .shift && s.side == .above && s.direction == .deterioration)
        #expect(s.pointIndices == Array(9...16))
        #expect(s.onset == week(9))
    }

    @Test("shift: a point on the mean ends the run (4 + 4 is no shift); without it, 9 in a row is")
    func pointOnMeanBreaksShift() throws {
        let broken = try analyze(values(Self.wide + [11, 11, 11, 10, 11, 11, 11, 11]), .i, .makingDataCount, baseline: 10)
        #expect(broken.points[0].centre == 10)
        #expect(!broken.signals.contains { $0.rule == .shift })
        let whole = try analyze(values(Self.wide + [11, 11, 11, 11, 11, 11, 11, 11]), .i, .makingDataCount, baseline: 10)
        #expect(whole.signals.first { $0.rule == .shift }?.pointIndices == Array(9...17))  // 12 at index 9 is above too
    }

    @Test("trend: 6 increasing points is a signal, 5 is not, and 7 is needed when set to 7")
    func trend() throws {
        let six = try analyze(values(Self.narrow + [8, 9, 10, 11, 12, 13]), .i, .makingDataCount, good: .higher, baseline: 10)
        let t = try #require(six.signals.first { $0.rule == .trend })
        #expect(t.pointIndices == Array(10...15))
        #expect(t.side == .above && t.direction == .improvement)
        let five = try analyze(values(Self.narrow + [9, 10, 11, 12, 13]), .i, .makingDataCount, baseline: 10)
        #expect(!five.signals.contains { $0.rule == .trend })
        let seven = try analyze(values(Self.narrow + [8, 9, 10, 11, 12, 13]), .i, .makingDataCount(trendLength: 7), baseline: 10)
        #expect(!seven.signals.contains { $0.rule == .trend })
    }

    @Test("trend: decreasing points count, and a tie (equal neighbours) breaks the trend")
    func trendTies() throws {
        let down = try analyze(values(Self.narrow + [14, 13, 12, 11, 10, 9]), .i, .makingDataCount, good: .higher, baseline: 10)
        let t = try #require(down.signals.first { $0.rule == .trend })
        #expect(t.side == .below && t.direction == .deterioration && t.pointIndices == Array(10...15))
        let tied = try analyze(values(Self.narrow + [8, 9, 10, 10, 11, 12, 13]), .i, .makingDataCount, baseline: 10)
        #expect(!tied.signals.contains { $0.rule == .trend })
    }

    @Test("two of three beyond 2σ on one side is a signal; one is not")
    func twoOfThree() throws {
        // mean 11, σ = 2/1.128 = 1.773 → 2σ above = 14.55, 3σ above = 16.32
        let a = try analyze(values(Self.narrow + [11, 15, 11, 15.5, 11]), .i, .makingDataCount, good: .higher, baseline: 10)
        let s = try #require(a.signals.first)
        #expect(a.signals.count == 1)
        #expect(s.rule == .twoOfThreeBeyondTwoSigma && s.pointIndices == [11, 13] && s.direction == .improvement)
        let one = try analyze(values(Self.narrow + [11, 15, 11, 11, 15.5]), .i, .makingDataCount, baseline: 10)
        #expect(one.signals.isEmpty)
    }

    @Test("a point beyond a process limit is a signal in MDC too")
    func beyond() throws {
        let a = try analyze(values(Self.narrow + [4]), .i, .makingDataCount, good: .higher, baseline: 10)
        #expect(a.signals.map(\.rule) == [.pointBeyondLimit])
        #expect(a.signals[0].direction == .deterioration)
        #expect(a.status == .concern(.below))
    }
}
