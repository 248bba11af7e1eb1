import ArgumentParser
import Contracts
import Domain
import Foundation
import SwiftProtobuf

/// The definition flags `define` and `update` share; `update` sends only those given.
struct IndicatorFlags: ParsableArguments {
    @Option(help: "Short Swedish name.") var name: String?
    @Option(help: "What is measured and how (Swedish).") var definition: String?
    @Option(name: .customLong("value-type"), help: "proportion, rate, count or measurement.") var valueType: ValueTypeArgument?
    @Option(help: "week, month or quarter.") var granularity: GranularityArgument?
    @Option(help: "run, i, p, pp, u, up or c (default: the value type's).") var chart: ChartArgument?
    @Option(name: .customLong("rule-set"), help: "anhoej (default) or nhs.") var ruleSet: RuleSetArgument?
    @Option(help: "higher, lower or neither.") var direction: DirectionArgument?
    @Option(help: "The target on the chart's scale (0.9 for 90 %).") var target: Double?
    @Flag(name: .customLong("no-target"), help: "Remove the target (update).") var noTarget = false
    @Option(name: .customLong("rate-multiplier"), help: "Rates: shown per this many units of exposure, e.g. 1000.") var rateMultiplier: Int32?
    @Option(name: .customLong("unit-label"), help: "Unit shown beside values, e.g. \"%\".") var unitLabel: String?
    @Option(name: .customLong("programme-area"), help: "The programme area's id.") var programmeArea: String?
    @Option(name: .customLong("support"), help: "The knowledge support's catalog id.") var support: String?
    @Option(help: "The reporting system's name.") var source: String?
    @Option(help: "A stratum dimension, repeatable: 'kon:Kön=kvinnor:Kvinnor,man:Män;gap=man'.") var stratum: [String] = []
    @Option(help: "active or inactive (update).") var state: String?

    /// The indicator the flags describe, and the mask of what was given.
    func indicator(code: String) throws -> (Kunskapsloop_Followup_V1_Indicator, [String]) {
        var i = Kunskapsloop_Followup_V1_Indicator()
        var mask: [String] = []
        i.code = code
        mask.set(name, "name") { i.name = $0 }
        mask.set(definition, "definition") { i.definition = $0 }
        mask.set(valueType, "value_type") { i.valueType = $0.value }
        mask.set(granularity, "granularity") { i.granularity = $0.value }
        mask.set(chart, "chart_type") { i.chartType = $0.value }
        mask.set(ruleSet, "rule_set") { i.ruleSet = $0.value }
        mask.set(direction, "direction_of_good") { i.directionOfGood = $0.value }
        mask.set(target, "target") { i.target = $0 }
        if noTarget { mask.append("target") }
        mask.set(rateMultiplier, "rate_multiplier") { i.rateMultiplier = $0 }
        mask.set(unitLabel, "unit_label") { i.unitLabel = $0 }
        mask.set(programmeArea, "programme_area") { i.programmeArea.id = $0 }
        mask.set(support, "knowledge_support_id") { i.knowledgeSupportID = $0 }
        mask.set(source, "source") { i.source.reportingSystem = $0 }
        if !stratum.isEmpty {
            i.strata = try stratum.map(Self.dimension)
            mask.append("strata")
        }
        if let state {
            guard ["active", "inactive"].contains(state) else { throw ValidationError("--state: active or inactive") }
            i.active = state == "active"
            mask.append("active")
        }
        return (i, mask)
    }

    /// 'kon:Kön=kvinnor:Kvinnor,man:Män;gap=man'.
    static func dimension(_ text: String) throws -> Kunskapsloop_Followup_V1_StratumDimension {
        let sections = text.split(separator: ";").map(String.init)
        let head = sections[0].split(separator: "=", maxSplits: 1).map(String.init)
        guard head.count == 2 else { throw ValidationError("--stratum: code:Name=value:Name,value:Name[;gap=value]") }
        let name = head[0].split(separator: ":", maxSplits: 1).map(String.init)
        var d = Kunskapsloop_Followup_V1_StratumDimension()
        d.code = name[0]
        d.name = name.count > 1 ? name[1] : name[0]
        d.values = head[1].split(separator: ",").map { v in
            let parts = v.split(separator: ":", maxSplits: 1).map(String.init)
            return .with {
                $0.code = parts[0]
                $0.name = parts.count > 1 ? parts[1] : parts[0]
            }
        }
        for section in sections.dropFirst() where section.hasPrefix("gap=") { d.gapReferenceValue = String(section.dropFirst(4)) }
        return d
    }
}

extension FollowUpCommand {
    static func indicatorTable(_ list: [Kunskapsloop_Followup_V1_Indicator], footer: String? = nil) -> TextTable {
        TextTable(
            headers: ["CODE", "NAME", "TYPE", "PER", "CHART", "RULES", "GOOD", "TARGET", "DECISIONS"],
            rows: list.map { i in
                [
                    i.code, i.name + (i.builtIn ? " (inbyggd)" : "") + (i.active ? "" : " (inaktiv)"), Indicator.ValueType(i.valueType)?.rawValue ?? "-",
                    Period.Granularity(i.granularity)?.rawValue ?? "-", ChartType(i.chartType)?.rawValue ?? "-",
                    Indicator.RuleSetKind(i.ruleSet).rawValue, DirectionOfGood(i.directionOfGood).rawValue,
                    i.hasTarget ? FollowUpSpelling.number(i.target) : "-", "\(i.decisions.count)",
                ]
            }, footer: footer)
    }

    struct Define: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Define an indicator.")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var actor: FollowUpActor
        @Argument(help: "The code, e.g. hjartsvikt-uppfoljning-30d.") var code: String
        @OptionGroup var flags: IndicatorFlags
        @Option(help: "Freeze centre and limits on the first N periods of each phase.") var baseline: Int32 = 0
        @Option(name: .customLong("baseline-reason"), help: "Why the baseline is frozen (required with --baseline).") var baselineReason = ""

        func run() async throws {
            var (indicator, _) = try flags.indicator(code: code)
            if !indicator.hasSource { indicator.source.reportingSystem = flags.source ?? "" }
            indicator.baselineLength = baseline
            let request = Kunskapsloop_Followup_V1_DefineIndicatorRequest.with {
                $0.indicator = indicator
                $0.baselineReason = baselineReason
                $0.actor = actor.actor
            }
            try await Invocation.run(
                options, FollowUpSpelling.method("DefineIndicator"), request, returning: Kunskapsloop_Followup_V1_DefineIndicatorResponse.self
            ) {
                FollowUpCommand.indicatorTable([$0.indicator])
            }
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change an indicator's definition (only the flags given).")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var actor: FollowUpActor
        @Argument(help: "The indicator's code.") var code: String
        @OptionGroup var flags: IndicatorFlags

        func run() async throws {
            let (indicator, mask) = try flags.indicator(code: code)
            guard !mask.isEmpty else { throw ValidationError("say what to change (e.g. --target 0.9)") }
            let request = Kunskapsloop_Followup_V1_UpdateIndicatorRequest.with {
                $0.indicator = indicator
                $0.updateMask.paths = mask
                $0.actor = actor.actor
            }
            try await Invocation.run(
                options, FollowUpSpelling.method("UpdateIndicator"), request, returning: Kunskapsloop_Followup_V1_UpdateIndicatorResponse.self
            ) {
                FollowUpCommand.indicatorTable([$0.indicator])
            }
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an indicator with its decisions.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The indicator's code.") var code: String

        func run() async throws {
            try await Invocation.run(
                options, FollowUpSpelling.method("GetIndicator"), Kunskapsloop_Followup_V1_GetIndicatorRequest.with { $0.code = code },
                returning: Kunskapsloop_Followup_V1_GetIndicatorResponse.self
            ) { response in
                let i = response.indicator
                let decisions = i.decisions.map { d in
                    "  \(d.id.prefix(8))  \(d.kind)  \(d.hasPeriod ? FollowUpSpelling.period(d.period) : "-")  \(d.organisation.id.isEmpty ? "alla" : d.organisation.id)  \(d.author): \(d.reason)"
                        + (d.withdrawnByDecisionID.isEmpty ? "" : " (återkallat)")
                }
                var table = FollowUpCommand.indicatorTable([i])
                table.footer =
                    ([
                        i.definition.isEmpty ? nil : i.definition,
                        i.knowledgeSupportID.isEmpty
                            ? nil : "kunskapsstöd: \(i.knowledgeSupportTitle.isEmpty ? i.knowledgeSupportID : i.knowledgeSupportTitle)",
                        i.strata.isEmpty
                            ? nil : "strata: " + i.strata.map { "\($0.code) (\($0.values.map(\.code).joined(separator: ", ")))" }.joined(separator: "; "),
                        decisions.isEmpty ? nil : "beslut:\n" + decisions.joined(separator: "\n"),
                    ]).compactMap { $0 }.joined(separator: "\n")
                return table
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List indicators by name.")
        @OptionGroup var options: GlobalOptions
        @Option(name: .customLong("programme-area")) var programmeArea = ""
        @Option(name: .customLong("support")) var support = ""
        @Flag(help: "Include inactive indicators.") var all = false
        @Flag(name: .customLong("no-built-in"), help: "Leave out built-in indicators.") var noBuiltIn = false
        @Option(name: .customLong("page-size")) var pageSize: Int32 = 50
        @Option(name: .customLong("page-token")) var pageToken = ""

        func run() async throws {
            let request = Kunskapsloop_Followup_V1_ListIndicatorsRequest.with {
                $0.programmeAreaID = programmeArea
                $0.knowledgeSupportID = support
                $0.includeInactive = all
                $0.excludeBuiltIn = noBuiltIn
                $0.page.pageSize = pageSize
                $0.page.pageToken = pageToken
            }
            try await Invocation.run(
                options, FollowUpSpelling.method("ListIndicators"), request, returning: Kunskapsloop_Followup_V1_ListIndicatorsResponse.self
            ) {
                FollowUpCommand.indicatorTable(
                    $0.indicators,
                    footer: "\($0.page.totalSize) in all"
                        + ($0.page.nextPageToken.isEmpty ? "" : "; next page: --page-token \($0.page.nextPageToken)"))
            }
        }
    }

    struct Decide: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "decision", abstract: "Record a phase break, a baseline, or withdraw a decision.",
            discussion: "Example: kl followup decision hjartsvikt-30d --kind phase-break --period 2026-04 --organisation SE-03 --reason \"Nytt arbetssätt\"")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var actor: FollowUpActor
        @Argument(help: "The indicator's code.") var code: String
        @Option(help: "phase-break, baseline or withdrawal.") var kind: String
        @Option(help: "The first period of the new phase / from which the baseline applies.") var period: String?
        @Option(help: "Only this organisation's series (default: every series).") var organisation: String?
        @Option(help: "Baseline: the number of periods (0 stops freezing).") var length: Int32 = 0
        @Option(help: "Withdrawal: the decision's id.") var withdraw: String = ""
        @Option(help: "Why (required).") var reason: String
        @Option(help: "Short label on the chart.") var label: String = ""

        func run() async throws {
            var decision = Kunskapsloop_Followup_V1_Decision()
            switch kind {
            case "phase-break": decision.kind = .phaseBreak
            case "baseline": decision.kind = .baseline
            case "withdrawal": decision.kind = .withdrawal
            default: throw ValidationError("--kind: phase-break, baseline or withdrawal")
            }
            if let period { decision.period = try FollowUpSpelling.parsePeriod(period) }
            if let organisation { decision.organisation.id = organisation }
            decision.baselineLength = length
            decision.withdrawnDecisionID = withdraw
            decision.reason = reason
            decision.label = label
            let request = Kunskapsloop_Followup_V1_RecordDecisionRequest.with {
                $0.indicatorCode = code
                $0.decision = decision
                $0.actor = actor.actor
            }
            try await Invocation.run(
                options, FollowUpSpelling.method("RecordDecision"), request, returning: Kunskapsloop_Followup_V1_RecordDecisionResponse.self
            ) { r in
                TextTable(
                    headers: ["DECISION", "KIND", "PERIOD", "ORG", "AUTHOR", "REASON"],
                    rows: [
                        [
                            r.decision.id, "\(r.decision.kind)", r.decision.hasPeriod ? FollowUpSpelling.period(r.decision.period) : "-",
                            r.decision.organisation.id.isEmpty ? "alla" : r.decision.organisation.id, r.decision.author, r.decision.reason,
                        ]
                    ])
            }
        }
    }
}
