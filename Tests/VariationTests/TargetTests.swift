import Domain
import Testing
import Variation

@Suite("Target")
struct TargetTests {
    static let narrow: [Double] = [10, 12, 10, 12, 10, 12, 10, 12, 10, 12]  // limits 11 ± 5.32

    @Test("assessment from the limits: reliably met, sometimes, reliably missed")
    func assessment() throws {
        #expect(try analyze(values(Self.narrow), .i, good: .higher, target: 5).targetAssessment == .reliablyMet)
        #expect(try analyze(values(Self.narrow), .i, good: .higher, target: 11).targetAssessment == .sometimesMet)
        #expect(try analyze(values(Self.narrow), .i, good: .higher, target: 17).targetAssessment == .reliablyMissed)
        #expect(try analyze(values(Self.narrow), .i, good: .lower, target: 17).targetAssessment == .reliablyMet)
        #expect(try analyze(values(Self.narrow), .i, good: .lower, target: 5).targetAssessment == .reliablyMissed)
        #expect(try analyze(values(Self.narrow), .i, good: .neither, target: 5).targetAssessment == nil)
        #expect(try analyze(values(Self.narrow), .run, good: .higher, target: 5).targetAssessment == nil)
    }

    @Test("target missed 3 periods in a row is a deterioration signal; 2 in a row is not")
    func missedInARow() throws {
        let a = try analyze(values([12, 9, 8, 7, 12, 9, 9, 12]), .run, good: .higher, target: 10)
        let missed = a.signals.filter { $0.rule == .targetMissed }
        #expect(missed.count == 1)
        #expect(missed[0].pointIndices == [1, 2, 3])
        #expect(missed[0].direction == .deterioration && missed[0].onset == week(1))
        var rules = RuleSet.anhoj
        rules.targetMissLength = 2
        let two = try analyze(values([12, 9, 8, 7, 12, 9, 9, 12]), .run, rules, good: .higher, target: 10)
        #expect(two.signals.filter { $0.rule == .targetMissed }.map(\.pointIndices) == [[1, 2, 3], [5, 6]])
    }

    @Test("lower is better: values above the target miss it; a value on the target meets it")
    func lowerIsBetter() throws {
        let a = try analyze(values([5, 6, 7, 5, 9, 9, 9]), .run, good: .lower, target: 5)
        #expect(a.signals.filter { $0.rule == .targetMissed }.map(\.pointIndices) == [[1, 2], [4, 5, 6]].filter { $0.count >= 3 })
    }
}
