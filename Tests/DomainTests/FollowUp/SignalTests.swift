import Domain
import SeededRandom
import Testing

@Suite("Signals: one per stretch, read against the direction of good, raised once")
struct SignalTests {
    static func beyond(_ index: Int, _ side: SignalSide = .above, phase: Int = 0) -> SignalFinding {
        SignalFinding(rule: .pointBeyondLimit, side: side, phase: phase, indices: [index])
    }

    @Test("three points in a row beyond the upper limit are one signal; beyond, within, beyond are two")
    func merging() {
        let included = Array(0..<10)
        #expect(SignalFinding.merged([Self.beyond(3), Self.beyond(4), Self.beyond(5)], included: included).map(\.indices) == [[3, 4, 5]])
        #expect(SignalFinding.merged([Self.beyond(3), Self.beyond(5)], included: included).map(\.indices) == [[3], [5]])
    }

    @Test("a period without a value neither breaks nor joins a stretch; sides and phases do")
    func mergingAcrossGaps() {
        // Points 4 and 5 have no value: 3 and 6 are consecutive among the points with one.
        let included = [0, 1, 2, 3, 6, 7, 8]
        #expect(SignalFinding.merged([Self.beyond(3), Self.beyond(6)], included: included).map(\.indices) == [[3, 6]])
        #expect(SignalFinding.merged([Self.beyond(3), Self.beyond(6, .below)], included: included).count == 2)
        #expect(SignalFinding.merged([Self.beyond(3), Self.beyond(6, phase: 1)], included: included).count == 2)
    }

    @Test("other rules pass through, ordered by first point")
    func passThrough() {
        let shift = SignalFinding(rule: .shift, side: .below, phase: 0, indices: [1, 2, 3, 4, 5, 6, 7, 8])
        let merged = SignalFinding.merged([Self.beyond(5, .below), shift, Self.beyond(6, .below)], included: Array(0..<10))
        #expect(merged.map(\.rule) == [.shift, .pointBeyondLimit])
        #expect(merged[1].indices == [5, 6])
    }

    @Test("property: merging keeps every flagged point exactly once and leaves no two adjacent stretches of one side unmerged")
    func mergingProperty() {
        var rng = SplitMix64(seed: 42)
        for _ in 0..<500 {
            let n = 5 + rng.next(40)
            let included = (0..<n).filter { _ in rng.next(5) > 0 }
            var findings: [SignalFinding] = []
            for i in included where rng.next(3) == 0 { findings.append(Self.beyond(i, rng.next(2) == 0 ? .above : .below, phase: i < n / 2 ? 0 : 1)) }
            let merged = SignalFinding.merged(findings, included: included)
            #expect(merged.flatMap(\.indices).sorted() == findings.flatMap(\.indices).sorted())
            let position = Dictionary(uniqueKeysWithValues: included.enumerated().map { ($1, $0) })
            for (a, b) in zip(merged, merged.dropFirst()) where a.side == b.side && a.phase == b.phase {
                #expect(position[b.indices[0]]! != position[a.indices.last!]! + 1)
            }
        }
    }

    @Test(
        "direction against the direction of good",
        arguments: [
            (SignalSide.above, DirectionOfGood.higher, SignalDirection.improvement), (.below, .higher, .deterioration),
            (.above, .lower, .deterioration), (.below, .lower, .improvement), (.above, .neither, .neither), (.none, .higher, .neither),
        ])
    func direction(side: SignalSide, good: DirectionOfGood, expected: SignalDirection) {
        #expect(SignalDirection(side: side, directionOfGood: good) == expected)
    }

    @Test("an equity gap is read towards zero, whatever the indicator's direction of good")
    func gapDirection() {
        #expect(SignalDirection(side: .below, directionOfGood: .higher, gapCentre: 0.1) == .improvement)
        #expect(SignalDirection(side: .above, directionOfGood: .higher, gapCentre: 0.1) == .deterioration)
        #expect(SignalDirection(side: .above, directionOfGood: .lower, gapCentre: -0.1) == .improvement)
        #expect(SignalDirection(side: .below, directionOfGood: .lower, gapCentre: -0.1) == .deterioration)
        #expect(SignalDirection(side: .above, directionOfGood: .higher, gapCentre: 0) == .neither)
        #expect(SignalDirection(side: .none, directionOfGood: .higher, gapCentre: 0.3) == .neither)
    }

    @Test("severity: critical for a deterioration beyond the limits or outside the funnel")
    func severity() {
        #expect(Severity(rule: .pointBeyondLimit, direction: .deterioration) == .critical)
        #expect(Severity(rule: .funnelOutlier, direction: .deterioration) == .critical)
        #expect(Severity(rule: .shift, direction: .deterioration) == .warning)
        #expect(Severity(rule: .pointBeyondLimit, direction: .neither) == .warning)
        #expect(Severity(rule: .pointBeyondLimit, direction: .improvement) == .info)
        #expect(Severity.info < .warning && Severity.warning < .critical)
    }

    @Test("readings are Swedish sentences that say the period and the direction")
    func readings() throws {
        let weeks = try (14...21).map { try Period.isoWeek(2026, $0) }
        let s = SignalReading.sentence(rule: .shift, side: .below, direction: .deterioration, periods: weeks, subject: "Andelen", chartType: .p, ongoing: true)
        #expect(s == "Andelen har legat under medelvärdet 8 veckor i rad sedan v. 14 2026 — en försämring, inte slump.")
        let one = SignalReading.sentence(
            rule: .pointBeyondLimit, side: .above, direction: .improvement, periods: [weeks[0]], subject: "Andelen",
            chartType: .p, ongoing: false)
        #expect(one.contains("v. 14 2026 låg över den övre styrgränsen"))
        #expect(SignalReading.closeSentence(.ended, lastPeriod: weeks[7], cause: "batch:x").contains("v. 21 2026"))
    }
}
