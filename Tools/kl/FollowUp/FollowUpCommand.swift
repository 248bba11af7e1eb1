import ArgumentParser
import Contracts
import Domain
import Foundation
import SwiftProtobuf

/// `kl followup …`: indicators, decisions, measurements, analyses, comparisons, signals and
/// self-assessments of the follow-up service.
struct FollowUpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "followup",
        abstract: "Follow up results: indicators, measurements, the reading of variation, signals, self-assessments.",
        discussion: """
            Periods are written 2026-W07, 2026-03 or 2026-Q1. Lists print as tables (or --output json).
            Examples:
              kl followup indicator define hjartsvikt-30d --name "Andel med uppföljning inom 30 dagar" --value-type proportion --granularity month --direction higher --target 0.9
              kl followup report hjartsvikt-30d SE-03 2026-02 --numerator 42 --denominator 50
              kl followup import export.csv --source RiksSvikt
              kl followup analysis hjartsvikt-30d SE-03
              kl followup compare hjartsvikt-30d --parent SE --level region
            """,
        subcommands: [
            IndicatorGroup.self, Decide.self, Report.self, Import.self, Analysis.self, Compare.self, Signals.self, SignalCommand.self,
            AssessmentGroup.self,
        ])
}

/// `kl followup indicator define|update|get|list`.
struct IndicatorGroup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicator", abstract: "Define, change, show and list indicators.",
        subcommands: [
            FollowUpCommand.Define.self, FollowUpCommand.Update.self,
            FollowUpCommand.Get.self, FollowUpCommand.List.self,
        ])
}

/// `kl followup assessment create|get|fill|list|done`.
struct AssessmentGroup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assessment", abstract: "Improvement self-assessments and their next steps.",
        subcommands: [
            FollowUpCommand.AssessmentCreate.self, FollowUpCommand.AssessmentGet.self,
            FollowUpCommand.AssessmentFill.self, FollowUpCommand.AssessmentList.self,
            FollowUpCommand.AssessmentDone.self,
        ])
}

/// Who makes a change (`--actor`, default `$USER`).
struct FollowUpActor: ParsableArguments {
    @Option(help: "Who makes the change (recorded with it).")
    var actor: String = ProcessInfo.processInfo.environment["USER"] ?? "kl"
}

/// Command-line spellings of the follow-up enums.
enum FollowUpSpelling {
    /// `followup.<name>`; `KL_FOLLOWUP_SERVICE` names another routing prefix (a second
    /// deployment side by side, or a test's own service).
    static func method(_ name: String) -> String {
        (ProcessInfo.processInfo.environment["KL_FOLLOWUP_SERVICE"].flatMap { $0.isEmpty ? nil : $0 } ?? "followup") + "." + name
    }

    static func period(_ p: Kunskapsloop_Common_V1_Period) -> String { p.period?.description ?? "-" }

    static func parsePeriod(_ text: String) throws -> Kunskapsloop_Common_V1_Period {
        do { return Kunskapsloop_Common_V1_Period(try Period(parsing: text)) } catch { throw ValidationError("'\(text)': \(error.message)") }
    }

    static func number(_ x: Double, decimals: Int = 3) -> String {
        var text = String(format: "%.\(decimals)f", x)
        while text.contains("."), text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    static func rule(_ r: Kunskapsloop_Followup_V1_SignalRule) -> String {
        switch r {
        case .pointBeyondLimit: "beyond-limit"
        case .shift: "shift"
        case .fewCrossings: "few-crossings"
        case .trend: "trend"
        case .twoOfThreeBeyondTwoSigma: "two-of-three"
        case .targetMissed: "target-missed"
        case .funnelOutlier: "funnel-outlier"
        default: "-"
        }
    }

    static func direction(_ d: Kunskapsloop_Followup_V1_SignalDirection) -> String {
        switch d {
        case .improvement: "improvement"
        case .deterioration: "deterioration"
        case .neither: "neither"
        default: "-"
        }
    }

    static func severity(_ s: Kunskapsloop_Common_V1_Severity) -> String {
        switch s {
        case .info: "info"
        case .warning: "warning"
        case .critical: "CRITICAL"
        default: "-"
        }
    }

    static func status(_ s: Kunskapsloop_Followup_V1_SignalStatus) -> String { s == .open ? "open" : (s == .closed ? "closed" : "-") }

    static func population(_ s: Kunskapsloop_Followup_V1_SeriesStratum) -> String { s.label.isEmpty ? "Alla" : s.label }

    /// `kon:kvinnor` as a stratum.
    static func stratum(_ text: String) throws -> Kunskapsloop_Followup_V1_Stratum {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw ValidationError("--stratum: dimension:value, e.g. kon:kvinnor") }
        return .with {
            $0.dimension = parts[0]
            $0.value = parts[1]
        }
    }

    static func signalRows(_ signals: [Kunskapsloop_Followup_V1_Signal]) -> [[String]] {
        signals.map { s in
            [
                s.id, s.indicator.code, s.organisation.id, population(s.stratum), rule(s.rule), direction(s.direction), severity(s.severity),
                period(s.onsetPeriod) + (s.periods.count > 1 ? "…" + period(s.lastPeriod) : ""), status(s.status),
            ]
        }
    }

    static let signalHeaders = ["ID", "INDICATOR", "ORG", "POPULATION", "RULE", "DIRECTION", "SEVERITY", "PERIODS", "STATUS"]
}

struct ValueTypeArgument: ExpressibleByArgument {
    let value: Kunskapsloop_Followup_V1_ValueType
    init?(argument: String) {
        guard let type = Indicator.ValueType(rawValue: argument.lowercased()) else { return nil }
        value = type.contract
    }
    static var allValueStrings: [String] { Indicator.ValueType.allCases.map(\.rawValue) }
}

struct GranularityArgument: ExpressibleByArgument {
    let value: Kunskapsloop_Common_V1_PeriodGranularity
    init?(argument: String) {
        switch argument.lowercased() {
        case "week", "iso-week": value = .isoWeek
        case "month": value = .month
        case "quarter": value = .quarter
        default: return nil
        }
    }
    static var allValueStrings: [String] { ["week", "month", "quarter"] }
}

struct ChartArgument: ExpressibleByArgument {
    let value: Kunskapsloop_Followup_V1_ChartType
    init?(argument: String) {
        guard let chart = ChartType(rawValue: argument.lowercased()), chart != .mr, chart != .g else { return nil }
        value = chart.followUpContract
    }
    static var allValueStrings: [String] { ["run", "i", "p", "pp", "u", "up", "c"] }
}

struct DirectionArgument: ExpressibleByArgument {
    let value: Kunskapsloop_Followup_V1_DirectionOfGood
    init?(argument: String) {
        guard let d = DirectionOfGood(rawValue: argument.lowercased()) else { return nil }
        value = d.contract
    }
    static var allValueStrings: [String] { DirectionOfGood.allCases.map(\.rawValue) }
}

struct RuleSetArgument: ExpressibleByArgument {
    let value: Kunskapsloop_Followup_V1_RuleSetKind
    init?(argument: String) {
        guard let r = Indicator.RuleSetKind(rawValue: argument.lowercased()) else { return nil }
        value = r.contract
    }
    static var allValueStrings: [String] { ["anhoej", "nhs"] }
}
