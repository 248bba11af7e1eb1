import Domain
import Testing
import Variation

@Suite("Minimum points for the runs rules")
struct MinimumPointsTests {
    @Test("a control chart with too few useful points for the runs and no limit crossed reads too few, not common cause")
    func controlChartTooFew() throws {
        let a = try analyze(values([5, 6, 5, 7, 6, 5]), .i)
        #expect(a.phases[0].runs.isTooFewPoints)
        #expect(a.signals.isEmpty)
        #expect(a.status == .tooFewPoints)
    }

    @Test("a limit crossed is read even with few points")
    func limitSignalWithFewPoints() throws {
        let a = try analyze(values([5, 6, 5, 7, 6, 40]), .i, good: .lower, baseline: 5)
        #expect(a.phases[0].runs.isTooFewPoints)
        #expect(a.status == .concern(.above))
    }

    @Test("Making Data Count sets no minimum: six calm points are common cause")
    func makingDataCountNoMinimum() throws {
        let a = try analyze(values([5, 6, 5, 7, 6, 5]), .i, .makingDataCount)
        #expect(!a.phases[0].runs.isTooFewPoints)
        #expect(a.status == .commonCause)
    }

    @Test("ten useful points are enough for the Anhøj preset")
    func tenAreEnough() throws {
        let a = try analyze(values([5, 6, 5, 7, 6, 5, 6, 7, 5, 6]), .i)
        #expect(a.phases[0].runs.usefulObservations == 10)
        #expect(a.status == .commonCause)
    }
}
