import Contracts
import Foundation
import KLTesting
import Messaging
import PostgresNIO
import SwiftProtobuf
import Testing

@testable import FollowUp

@Suite("Signals through the service: raised once, updated, closed with a reason, reopened; comparison and equity signals")
struct SignalTests {
    /// Twelve steady months of 50 of 100 at `org`.
    static func steady(_ code: String, _ org: String, months: Range<Int> = 0..<12) -> [Row] {
        months.map { k in ratio(code, org, month(k).0, month(k).1, 50, 100) }
    }

    func batch(_ rows: [Row], id: String = UUID().uuidString.lowercased()) -> Batch {
        Batch.with {
            $0.batchID = id
            $0.sourceSystem = "Registret"
            $0.measurements = rows
        }
    }

    @Test("a point beyond the limit is raised once under redelivery and repeats, grows quietly, is closed by revised data, reopened, and ends")
    func lifecycle() async throws {
        try await withFollowUp { f in
            try await f.smallTree()
            try await f.define("andel")
            try await f.report(Self.steady("andel", "u11"))
            #expect(try await f.signals("andel").isEmpty)

            // Month 13 jumps: the broker delivers it, then the same message again, then the same batch under a new message id.
            let jump = batch([ratio("andel", "u11", 2025, 1, 90, 100)])
            let messageID = try await f.publish(jump)
            let raised = try await f.events.first(FollowUpEvents.signalRaised, Raised.self) {
                $0.signal.organisation.id == "u11" && $0.signal.rule == .pointBeyondLimit
            }
            try await f.publish(jump, messageID: messageID)
            try await f.publish(jump)
            // Barrier: a later batch, once stored, means the repeats before it were taken (one queue, in order).
            try await f.publish(batch([ratio("andel", "u31", 2024, 1, 1, 2)]))
            try await eventually("the barrier batch") {
                try await f.count("SELECT count(*) FROM \(unescaped: f.service).measurements WHERE organisation_id = 'u31'") == 1
            }
            let id = raised.signal.id
            #expect(f.raised(id).count == 1)
            #expect(raised.signal.direction == .improvement && raised.signal.severity == .info && raised.signal.status == .open)
            #expect(raised.signal.onsetPeriod.year == 2025 && raised.signal.readingSv.contains("januari 2025"))
            #expect(raised.organisationAncestorIds == ["SE", "HR1", "R1"])
            #expect(raised.signal.pageURL.hasSuffix("/indicators/andel/u11"))
            #expect(raised.signal.organisation.name == "Enhet 11" && raised.signal.indicator.name == "Andel andel")
            #expect(raised.signal.ruleSet == .anhoej && raised.signal.ruleSetVersion == "2018.1")

            // Month 14 also high: the same signal grows, no event.
            try await f.report([ratio("andel", "u11", 2025, 2, 92, 100)])
            var signal = try await f.call(
                "GetSignal", Kunskapsloop_Followup_V1_GetSignalRequest.with { $0.id = id },
                returning: Kunskapsloop_Followup_V1_GetSignalResponse.self
            ).signal
            #expect(signal.periods.count == 2 && signal.history.map(\.kind) == [.raised, .updated] && signal.status == .open)

            // Revised data removes it: both months sent again as ordinary.
            try await f.report([ratio("andel", "u11", 2025, 1, 50, 100), ratio("andel", "u11", 2025, 2, 51, 100)])
            let closed = try await f.events.first(FollowUpEvents.signalClosed, Closed.self) { $0.signal.id == id }
            #expect(closed.signal.closeReason == .dataRevised && !closed.signal.closeReadingSv.isEmpty && closed.signal.status == .closed)

            // Revised again, it is back: raised again, reopened.
            try await f.report([ratio("andel", "u11", 2025, 1, 90, 100), ratio("andel", "u11", 2025, 2, 92, 100)])
            let reopened = try await f.events.first(FollowUpEvents.signalRaised, Raised.self) { $0.signal.id == id && $0.reopened }
            #expect(reopened.signal.history.map(\.kind) == [.raised, .updated, .closed, .reopened])

            // An ordinary month ends it.
            try await f.report([ratio("andel", "u11", 2025, 3, 50, 100)])
            let ended = try await f.events.first(FollowUpEvents.signalClosed, Closed.self) { $0.signal.id == id && $0.signal.closeReason == .ended }
            #expect(ended.signal.periods.count == 2)
            signal = try await f.call(
                "GetSignal", Kunskapsloop_Followup_V1_GetSignalRequest.with { $0.id = id },
                returning: Kunskapsloop_Followup_V1_GetSignalResponse.self
            ).signal
            #expect(signal.status == .closed && signal.closeReason == .ended)
            #expect(f.raised(id).count == 2 && f.closed(id).count == 2)
            // Its analysis still shows it, as history.
            let analysis = try await f.analysis("andel", "u11")
            #expect(analysis.signals.contains { $0.id == id && $0.status == .closed })
            #expect(analysis.points[12].inSignal && analysis.points[13].inSignal)
        }
    }

    @Test("a unit outside 99.8 % among the regions is a comparison signal, raised once; the next period ends it")
    func comparison() async throws {
        try await withFollowUp { f in
            try await f.organisation("SE", "Sverige", .national, parent: nil, ancestors: [])
            try await f.organisation("HR1", "Norr", .healthcareRegion, parent: "SE", ancestors: ["SE"])
            try await f.organisation("HR2", "Syd", .healthcareRegion, parent: "SE", ancestors: ["SE"])
            for k in 1...10 {
                try await f.organisation("R\(k)", "Region \(k)", .region, parent: k <= 5 ? "HR1" : "HR2", ancestors: ["SE", k <= 5 ? "HR1" : "HR2"])
            }
            try await f.waitForOrganisations(13)
            try await f.define("andel")
            let january: [Row] = (1...10).map { (k: Int) -> Row in
                let numerator: Int64 = k == 7 ? 800 : Int64(490 + k * 2)
                return ratio("andel", "R\(k)", 2024, 1, numerator, 1000)
            }
            try await f.report(january)
            let raised = try await f.events.first(FollowUpEvents.signalRaised, Raised.self) { $0.signal.rule == .funnelOutlier }
            #expect(raised.signal.organisation.id == "R7" && raised.signal.comparisonParent.id == "SE" && raised.signal.side == .above)
            #expect(raised.signal.direction == .improvement && raised.signal.readingSv.contains("regionerna"))
            let compared = try await f.call(
                "CompareUnits",
                Kunskapsloop_Followup_V1_CompareUnitsRequest.with {
                    $0.indicatorCode = "andel"
                    $0.parentOrganisationID = "SE"
                    $0.comparedLevel = .region
                }, returning: Kunskapsloop_Followup_V1_CompareUnitsResponse.self
            ).comparison
            #expect(compared.units.count == 10 && compared.overdispersionFactor >= 1)
            let r7 = compared.units.first { $0.organisation.id == "R7" }
            #expect(r7?.position == .above998 && r7?.signalID == raised.signal.id)
            #expect(compared.units.filter { $0.position == .above998 || $0.position == .below998 }.count == 1)
            // Only one raise for R7, although the healthcare region HR2 above it was compared too.
            try await f.report(january, batchID: UUID().uuidString)
            #expect(f.raised(raised.signal.id).count == 1)
            // February: everyone ordinary. The comparison of January is over.
            try await f.report((1...10).map { k in ratio("andel", "R\(k)", 2024, 2, Int64(490 + k * 2), 1000) })
            let closed = try await f.events.first(FollowUpEvents.signalClosed, Closed.self) { $0.signal.id == raised.signal.id }
            #expect(closed.signal.closeReason == .ended)
        }
    }

    @Test("an equity gap that widens is a signal on the gap series, read towards zero")
    func equityGap() async throws {
        try await withFollowUp { f in
            try await f.smallTree()
            try await f.define("andel") {
                $0.strata = [
                    .with {
                        $0.code = "kon"
                        $0.name = "Kön"
                        $0.values = [
                            .with {
                                $0.code = "kvinnor"
                                $0.name = "Kvinnor"
                            },
                            .with {
                                $0.code = "man"
                                $0.name = "Män"
                            },
                        ]
                        $0.gapReferenceValue = "man"
                    }
                ]
            }
            var rows: [Row] = []
            for k in 0..<12 {
                let (y, m) = month(k)
                rows.append(ratio("andel", "u11", y, m, Int64(60 + k % 3), 100, stratum: ("kon", "kvinnor")))
                rows.append(ratio("andel", "u11", y, m, 50, 100, stratum: ("kon", "man")))
                rows.append(ratio("andel", "u11", y, m, Int64(110 + k % 3), 200))
            }
            try await f.report(rows)
            #expect(f.events.all(FollowUpEvents.signalRaised, Raised.self).isEmpty)
            try await f.report([
                ratio("andel", "u11", 2025, 1, 95, 100, stratum: ("kon", "kvinnor")), ratio("andel", "u11", 2025, 1, 50, 100, stratum: ("kon", "man")),
                ratio("andel", "u11", 2025, 1, 145, 200),
            ])
            let gap = try await f.events.first(FollowUpEvents.signalRaised, Raised.self) {
                $0.signal.stratum.gapReferenceValue == "man" && $0.signal.organisation.id == "u11" && $0.signal.rule == .pointBeyondLimit
            }
            #expect(gap.signal.stratum.stratum.value == "kvinnor" && gap.signal.stratum.label == "Kvinnor − män")
            #expect(gap.signal.direction == .deterioration && gap.signal.side == .above)
            #expect(gap.signal.pageURL.contains("stratum=kon:kvinnor&gap=man"))
            let analysis = try await f.analysis(
                "andel", "u11",
                stratum: .with {
                    $0.stratum = .with {
                        $0.dimension = "kon"
                        $0.value = "kvinnor"
                    }
                    $0.gapReferenceValue = "man"
                })
            #expect(analysis.chartType == .i && analysis.points.count == 13)
            #expect(abs(analysis.points[0].value - 0.10) < 1e-9 && !analysis.points[0].hasNumerator)
            // The aggregate of the gap exists above the unit too (from the strata's aggregates).
            #expect(
                try await f.analysis(
                    "andel", "R1",
                    stratum: .with {
                        $0.stratum = .with {
                            $0.dimension = "kon"
                            $0.value = "kvinnor"
                        }
                        $0.gapReferenceValue = "man"
                    }
                ).points.count == 13)
        }
    }
}
