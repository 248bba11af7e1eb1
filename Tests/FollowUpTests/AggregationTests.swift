import Contracts
import Foundation
import KLTesting
import RPC
import Testing

@testable import FollowUp

@Suite("Up the hierarchy, in the service: regions, healthcare regions and the nation see their values; aggregates follow a moved unit")
struct HierarchyTests {
    @Test("sums of the units below, reported values winning, partial periods marked; a move takes the unit's history along")
    func aggregatesAndMoves() async throws {
        try await withFollowUp { f in
            try await f.smallTree()
            try await f.define("andel")
            try await f.report([
                ratio("andel", "u11", 2024, 1, 40, 50), ratio("andel", "u12", 2024, 1, 30, 50), ratio("andel", "u21", 2024, 1, 10, 20),
                ratio("andel", "u11", 2024, 2, 20, 50), ratio("andel", "u12", 2024, 2, 3, 10), ratio("andel", "u21", 2024, 2, 5, 10),
                ratio("andel", "u11", 2024, 3, 20, 50),
            ])
            let r1 = try await f.analysis("andel", "R1")
            #expect(r1.points.map(\.numerator) == [70, 23, 20])
            #expect(r1.points.map(\.origin) == [.aggregated, .aggregated, .aggregated])
            #expect(r1.points.map(\.contributorCount) == [2, 2, 1] && r1.points.map(\.expectedContributorCount) == [2, 2, 2])
            #expect(r1.points.map(\.partial) == [false, false, true])
            let se = try await f.analysis("andel", "SE")
            #expect(se.points[0].numerator == 80 && se.points[0].denominator == 120)
            // R2 has values for 2024-01 and -02 only; its grid still runs to the indicator's latest period, a gap at the end.
            let r2 = try await f.analysis("andel", "R2")
            #expect(r2.points.count == 3 && r2.points[2].origin == .notReported && r2.points[2].exclusion == .notReported && !r2.points[2].hasValue)
            // A value reported for a region wins over its units' sum.
            try await f.report([ratio("andel", "R2", 2024, 1, 100, 200)])
            let hr1 = try await f.analysis("andel", "HR1")
            #expect(hr1.points[0].numerator == 170 && hr1.points[0].denominator == 300)
            #expect(try await f.analysis("andel", "R2").points[0].origin == .reported)
            // R3 has nothing below it.
            await #expect(throws: (any Error).self) { _ = try await f.analysis("andel", "R3") }

            // u12 moves from R1 to R2: its history goes along.
            try await f.organisation(
                "u12", "Enhet 12", .unit, parent: "R2", ancestors: ["SE", "HR1", "R2"], previousParent: "R1",
                at: Date().addingTimeInterval(1))
            try await eventually("R1 to lose u12") { try await f.analysis("andel", "R1").points.first?.numerator == 40 }
            let moved = try await f.analysis("andel", "R2")
            #expect(moved.points[1].numerator == 8 && moved.points[1].denominator == 20 && moved.points[1].contributorCount == 2)
            #expect(moved.points[0].origin == .reported)
            let r1After = try await f.analysis("andel", "R1")
            #expect(r1After.points.map(\.expectedContributorCount) == [1, 1, 1] && r1After.points.allSatisfy { !$0.partial })
        }
    }
}
