import Domain
import Testing
import Variation

@Suite("Frozen baselines phase by phase")
struct PhaseBaselineTests {
    @Test("each phase freezes on its own baseline; a phase without one uses all its points")
    func perPhase() throws {
        let xs: [Double] = [10, 12, 10, 12, 10, 12, 30, 30, 20, 22, 20, 22, 20, 22, 40]
        let options = AnalysisOptions(chartType: .i, phaseBreaks: [week(8)])
        var frozen = options
        frozen.phaseBaselineLengths = [6, nil]
        let a = try VariationAnalysis.analyze(values(xs), options: frozen)
        #expect(a.phases[0].baselineRange == 0..<6)
        #expect(a.points[0].centre == 11)
        #expect(a.phases[1].baselineRange == 8..<15)
        #expect(close(a.points[8].centre, (20 + 22 + 20 + 22 + 20 + 22 + 40) / 7))
        #expect(a.signals.contains { $0.rule == .pointBeyondLimit && $0.pointIndices == [6] })
    }

    @Test("the per-phase list overrides the single baseline, which the phases beyond the list keep")
    func override() throws {
        let xs: [Double] = [10, 12, 10, 12, 10, 12, 10, 12, 20, 22, 20, 22, 20, 22]
        var options = AnalysisOptions(chartType: .i, baselineLength: 2, phaseBreaks: [week(8)])
        options.phaseBaselineLengths = [nil]
        let a = try VariationAnalysis.analyze(values(xs), options: options)
        #expect(a.phases[0].baselineRange == 0..<8)
        #expect(a.phases[1].baselineRange == 8..<10)
    }

    @Test("a per-phase baseline below 1 is refused")
    func refused() {
        var options = AnalysisOptions(chartType: .i)
        options.phaseBaselineLengths = [0]
        #expect(throws: VariationError.self) { try VariationAnalysis.analyze(values([1, 2, 3]), options: options) }
    }
}
