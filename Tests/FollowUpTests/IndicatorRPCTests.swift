import Contracts
import Foundation
import KLTesting
import PostgresNIO
import RPC
import SwiftProtobuf
import Testing

@testable import FollowUp

@Suite("Indicators and decisions by RPC")
struct IndicatorRPCTests {
    @Test("define: defaults, a baseline as the first decision, errors naming the field; a taken code is ALREADY_EXISTS")
    func define() async throws {
        try await withFollowUp { f in
            let rate = try await f.define("fall-per-vardagar", .rate) {
                $0.rateMultiplier = 1000
                $0.directionOfGood = .lower
                $0.unitLabel = "per 1 000 vårddagar"
                $0.baselineLength = 12
            }
            #expect(rate.chartType == .unspecified || rate.chartType == .u)
            #expect(rate.chartType == .u && rate.ruleSet == .anhoej && rate.active && !rate.builtIn)
            #expect(rate.baselineLength == 12 && rate.decisions.map(\.kind) == [.baseline] && rate.decisions[0].reason == "grund")
            func refused(_ tweak: @escaping (inout Kunskapsloop_Followup_V1_Indicator) -> Void, reason: String = "") async -> RPCError? {
                do {
                    var indicator = Kunskapsloop_Followup_V1_Indicator()
                    indicator.code = "ny-indikator"
                    indicator.name = "Ny"
                    indicator.valueType = .proportion
                    indicator.granularity = .month
                    indicator.source.reportingSystem = "R"
                    tweak(&indicator)
                    _ = try await f.call(
                        "DefineIndicator",
                        Kunskapsloop_Followup_V1_DefineIndicatorRequest.with {
                            $0.indicator = indicator
                            $0.baselineReason = reason
                        },
                        returning: Kunskapsloop_Followup_V1_DefineIndicatorResponse.self)
                    return nil
                } catch { return error }
            }
            #expect(await refused({ $0.code = "X" })?.field == "indicator.code")
            #expect(await refused({ $0.valueType = .unspecified })?.field == "indicator.value_type")
            #expect(await refused({ $0.granularity = .year })?.field == "indicator.granularity")
            #expect(await refused({ $0.chartType = .c })?.field == "indicator.chart_type")
            #expect(await refused({ $0.source = .init() })?.field == "indicator.source")
            #expect(await refused({ $0.source.feedbackMetric = .helpfulnessShare })?.field == "indicator.source.feedback_metric")
            #expect(await refused({ $0.baselineLength = 6 })?.field == "baseline_reason")
            #expect(await refused({ $0.code = "fall-per-vardagar" })?.code == .alreadyExists)
            let list = try await f.call(
                "ListIndicators", Kunskapsloop_Followup_V1_ListIndicatorsRequest.with { $0.page.pageSize = 1 },
                returning: Kunskapsloop_Followup_V1_ListIndicatorsResponse.self)
            #expect(list.indicators.count == 1 && list.page.totalSize == 1 && list.page.nextPageToken.isEmpty)
        }
    }

    @Test("a changed definition re-analyses: signals it removes close with DEFINITION_CHANGED; value type cannot change once there are values")
    func update() async throws {
        try await withFollowUp { f in
            try await f.smallTree()
            try await f.define("andel")
            try await f.report(SignalTests.steady("andel", "u11") + [ratio("andel", "u11", 2025, 1, 90, 100)])
            let raised = try await f.events.first(FollowUpEvents.signalRaised, Raised.self) {
                $0.signal.organisation.id == "u11" && $0.signal.rule == .pointBeyondLimit
            }
            #expect(raised.signal.direction == .improvement)
            // Lower is better now: the same signal reads as a deterioration.
            var changed = try await f.call(
                "UpdateIndicator",
                Kunskapsloop_Followup_V1_UpdateIndicatorRequest.with {
                    $0.indicator.code = "andel"
                    $0.indicator.directionOfGood = .lower
                    $0.updateMask.paths = ["direction_of_good"]
                }, returning: Kunskapsloop_Followup_V1_UpdateIndicatorResponse.self
            ).indicator
            #expect(changed.directionOfGood == .lower && changed.name == "Andel andel")
            var signal = try await f.call(
                "GetSignal", Kunskapsloop_Followup_V1_GetSignalRequest.with { $0.id = raised.signal.id },
                returning: Kunskapsloop_Followup_V1_GetSignalResponse.self
            ).signal
            #expect(signal.direction == .deterioration && signal.severity == .critical && signal.history.last?.kind == .updated)
            // A run chart has no limits: the beyond-limit signal goes.
            changed = try await f.call(
                "UpdateIndicator",
                Kunskapsloop_Followup_V1_UpdateIndicatorRequest.with {
                    $0.indicator.code = "andel"
                    $0.indicator.chartType = .run
                    $0.updateMask.paths = ["chart_type"]
                }, returning: Kunskapsloop_Followup_V1_UpdateIndicatorResponse.self
            ).indicator
            #expect(changed.chartType == .run)
            signal = try await f.call(
                "GetSignal", Kunskapsloop_Followup_V1_GetSignalRequest.with { $0.id = raised.signal.id },
                returning: Kunskapsloop_Followup_V1_GetSignalResponse.self
            ).signal
            #expect(signal.status == .closed && signal.closeReason == .definitionChanged)
            do {
                _ = try await f.call(
                    "UpdateIndicator",
                    Kunskapsloop_Followup_V1_UpdateIndicatorRequest.with {
                        $0.indicator.code = "andel"
                        $0.indicator.valueType = .count
                        $0.indicator.chartType = .c
                        $0.updateMask.paths = ["value_type", "chart_type"]
                    }, returning: Kunskapsloop_Followup_V1_UpdateIndicatorResponse.self)
                Issue.record("a value type change was taken")
            } catch let error as RPCError {
                #expect(error.code == .failedPrecondition && error.field == "indicator.value_type")
            }
            do {
                _ = try await f.call(
                    "UpdateIndicator",
                    Kunskapsloop_Followup_V1_UpdateIndicatorRequest.with {
                        $0.indicator.code = "andel"
                        $0.updateMask.paths = ["baseline_length"]
                    }, returning: Kunskapsloop_Followup_V1_UpdateIndicatorResponse.self)
                Issue.record("a baseline change was taken")
            } catch let error as RPCError {
                #expect(error.code == .invalidArgument && error.field == "update_mask")
            }
        }
    }

    @Test("a phase break is a decision with a reason and an author; it starts a phase, closes what it removes, and can be withdrawn")
    func decisions() async throws {
        try await withFollowUp { f in
            try await f.smallTree()
            try await f.define("andel")
            // A year at 50 %, then a new way of working at 70 %: a shift, which the phase break explains away.
            var rows = SignalTests.steady("andel", "u11")
            for k in 12..<20 { rows.append(ratio("andel", "u11", month(k).0, month(k).1, Int64(69 + k % 3), 100)) }
            try await f.report(rows)
            let before = try await f.signals("andel", organisation: "u11").filter { $0.status == .open }
            #expect(!before.isEmpty)
            let recorded = try await f.call(
                "RecordDecision",
                Kunskapsloop_Followup_V1_RecordDecisionRequest.with {
                    $0.indicatorCode = "andel"
                    $0.decision.kind = .phaseBreak
                    $0.decision.organisation.id = "u11"
                    $0.decision.period = .with {
                        $0.granularity = .month
                        $0.year = 2025
                        $0.index = 1
                    }
                    $0.decision.reason = "Nytt arbetssätt med sjuksköterskeledd uppföljning"
                    $0.decision.label = "Nytt arbetssätt"
                    $0.actor = "anna@region.se"
                }, returning: Kunskapsloop_Followup_V1_RecordDecisionResponse.self)
            #expect(recorded.decision.author == "anna@region.se" && recorded.decision.organisation.name == "Enhet 11")
            #expect(recorded.indicator.decisions.map(\.id) == [recorded.decision.id])
            let analysis = try await f.analysis("andel", "u11")
            #expect(
                analysis.phases.count == 2 && analysis.phases[1].label == "Nytt arbetssätt" && analysis.phases[1].phaseBreakDecisionID == recorded.decision.id)
            #expect(analysis.decisions.map(\.reason) == ["Nytt arbetssätt med sjuksköterskeledd uppföljning"])
            for s in before {
                let after = try await f.call(
                    "GetSignal", Kunskapsloop_Followup_V1_GetSignalRequest.with { $0.id = s.id },
                    returning: Kunskapsloop_Followup_V1_GetSignalResponse.self
                ).signal
                #expect(after.status == .closed && after.closeReason == .decisionRecorded)
            }
            // Another organisation's series keeps one phase.
            #expect(try await f.analysis("andel", "R1").phases.count == 1)
            // Withdrawn: the phase goes, the decision stays listed.
            let withdrawal = try await f.call(
                "RecordDecision",
                Kunskapsloop_Followup_V1_RecordDecisionRequest.with {
                    $0.indicatorCode = "andel"
                    $0.decision.kind = .withdrawal
                    $0.decision.withdrawnDecisionID = recorded.decision.id
                    $0.decision.reason = "Fel månad"
                    $0.actor = "anna@region.se"
                }, returning: Kunskapsloop_Followup_V1_RecordDecisionResponse.self)
            #expect(withdrawal.indicator.decisions.first { $0.id == recorded.decision.id }?.withdrawnByDecisionID == withdrawal.decision.id)
            #expect(try await f.analysis("andel", "u11").phases.count == 1)
            do {
                _ = try await f.call(
                    "RecordDecision",
                    Kunskapsloop_Followup_V1_RecordDecisionRequest.with {
                        $0.indicatorCode = "andel"
                        $0.decision.kind = .phaseBreak
                        $0.decision.period = .with {
                            $0.granularity = .isoWeek
                            $0.year = 2025
                            $0.index = 1
                        }
                        $0.decision.reason = "x"
                    }, returning: Kunskapsloop_Followup_V1_RecordDecisionResponse.self)
                Issue.record("a week on a monthly indicator was taken")
            } catch let error as RPCError {
                #expect(error.field == "decision.period")
            }
        }
    }

    @Test("list signals by organisation subtree, status and direction; unknown things are NOT_FOUND")
    func lists() async throws {
        try await withFollowUp { f in
            try await f.smallTree()
            try await f.define("andel")
            try await f.report(
                SignalTests.steady("andel", "u11") + SignalTests.steady("andel", "u31") + [
                    ratio("andel", "u11", 2025, 1, 90, 100),
                    ratio("andel", "u31", 2025, 1, 10, 100),
                ])
            let underHR1 = try await f.call(
                "ListSignals",
                Kunskapsloop_Followup_V1_ListSignalsRequest.with {
                    $0.organisationID = "HR1"
                    $0.includeDescendants = true
                    $0.statuses = [.open]
                }, returning: Kunskapsloop_Followup_V1_ListSignalsResponse.self)
            #expect(!underHR1.signals.isEmpty && underHR1.signals.allSatisfy { ["HR1", "R1", "u11"].contains($0.organisation.id) })
            let worse = try await f.call(
                "ListSignals",
                Kunskapsloop_Followup_V1_ListSignalsRequest.with {
                    $0.directions = [.deterioration]
                    $0.minimumSeverity = .critical
                }, returning: Kunskapsloop_Followup_V1_ListSignalsResponse.self)
            #expect(worse.signals.contains { $0.organisation.id == "u31" } && worse.signals.allSatisfy { $0.severity == .critical })
            var page = Kunskapsloop_Followup_V1_ListSignalsRequest.with { $0.page.pageSize = 2 }
            var seen: [String] = []
            repeat {
                let response = try await f.call("ListSignals", page, returning: Kunskapsloop_Followup_V1_ListSignalsResponse.self)
                seen += response.signals.map(\.id)
                page.page.pageToken = response.page.nextPageToken
            } while !page.page.pageToken.isEmpty
            let stored = try await f.count("SELECT count(*) FROM \(unescaped: f.service).signals")
            #expect(Set(seen).count == seen.count && seen.count == stored)
            await #expect(throws: RPCError.self) { _ = try await f.analysis("andel", "u12") }
            await #expect(throws: RPCError.self) { _ = try await f.analysis("okand", "u11") }
            await #expect(throws: RPCError.self) { _ = try await f.analysis("andel", "okand") }
            do {
                _ = try await f.call(
                    "CompareUnits",
                    Kunskapsloop_Followup_V1_CompareUnitsRequest.with {
                        $0.indicatorCode = "andel"
                        $0.parentOrganisationID = "nope"
                    },
                    returning: Kunskapsloop_Followup_V1_CompareUnitsResponse.self)
            } catch let error as RPCError {
                #expect(error.code == .notFound && error.field == "parent_organisation_id")
            }
        }
    }
}
