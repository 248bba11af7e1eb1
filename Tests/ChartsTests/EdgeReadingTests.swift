import Charts
import Domain
import Testing
import Variation

@Suite("Readings at the edges: too few points for the runs, no limits")
struct EdgeReadingTests {
    static let week = try! Period.isoWeek(2026, 10)

    static func series(_ xs: [Double?]) -> [Observation] {
        xs.enumerated().map { k, x in x.map { .value(week.advanced(by: k), $0) } ?? .missing(week.advanced(by: k)) }
    }

    @Test("a control chart too short for the runs says so instead of calling the variation random")
    func tooEarlyForRuns() throws {
        let a = try VariationAnalysis.analyze(Self.series([5, 6, 5, 7, 6, 5]), options: .init(chartType: .i))
        #expect(
            ChartReading.sentence(for: a)
                == "För tidigt att läsa serierna (6 av minst 10 punkter utanför medelvärdet); ingen punkt ligger utanför styrgränserna.")
    }

    @Test("no two consecutive periods with values: the reading says why there are no limits")
    func noLimitsTooFew() throws {
        let a = try VariationAnalysis.analyze(Self.series([5, nil, 8, nil, 6]), options: .init(chartType: .i))
        #expect(
            ChartReading.sentence(for: a)
                == "Inga styrgränser ännu: det behövs två perioder i rad med värden. För tidigt att läsa serierna (3 av minst 10 punkter utanför medelvärdet).")
    }

    @Test("no limits but enough points for the runs, none unusual")
    func noLimitsCalmRuns() throws {
        let xs: [Double?] = [5, nil, 7, nil, 6, nil, 4, nil, 6, nil, 5, nil, 7, nil, 4, nil, 6, nil, 5, nil, 7, nil, 4]
        var options = AnalysisOptions(chartType: .i)
        options.ruleSet = .makingDataCount
        let a = try VariationAnalysis.analyze(Self.series(xs), options: options)
        #expect(a.signals.isEmpty)
        #expect(
            ChartReading.sentence(for: a)
                == "Inga styrgränser ännu: det behövs två perioder i rad med värden. Serierna visar inga tecken på förändring.")
    }
}
