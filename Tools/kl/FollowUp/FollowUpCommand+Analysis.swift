import ArgumentParser
import Contracts
import Domain
import Foundation
import SwiftProtobuf

extension FollowUpCommand {
    struct Analysis: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The reading of one series: its values, limits, signals and the page's URL.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The indicator's code.") var code: String
        @Argument(help: "The organisation's catalog id.") var organisation: String
        @Option(help: "A stratum, dimension:value (e.g. kon:kvinnor).") var stratum: String?
        @Option(help: "With --stratum: the equity gap against this reference value (e.g. man).") var gap: String?

        func run() async throws {
            var request = Kunskapsloop_Followup_V1_GetAnalysisRequest()
            request.indicatorCode = code
            request.organisationID = organisation
            if let stratum {
                request.stratum.stratum = try FollowUpSpelling.stratum(stratum)
                request.stratum.gapReferenceValue = gap ?? ""
            } else if gap != nil {
                throw ValidationError("--gap needs --stratum")
            }
            try await Invocation.run(options, FollowUpSpelling.method("GetAnalysis"), request, returning: Kunskapsloop_Followup_V1_GetAnalysisResponse.self) {
                r in
                let a = r.analysis
                let n = FollowUpSpelling.number
                let rows = a.points.map { p -> [String] in
                    let origin =
                        p.origin == .aggregated
                        ? "summerat \(p.contributorCount)/\(p.expectedContributorCount)" + (p.partial ? " ofullst." : "")
                        : (p.origin == .reported ? "rapporterat" : "ej rapporterat")
                    return [
                        FollowUpSpelling.period(p.period), p.hasValue ? n(p.value, 4) : "-",
                        p.hasNumerator ? n(p.numerator, 2) + (p.hasDenominator ? "/" + n(p.denominator, 2) : "") : "-",
                        n(p.centre, 4), p.hasLowerLimit ? n(p.lowerLimit, 4) : "-", p.hasUpperLimit ? n(p.upperLimit, 4) : "-",
                        "\(p.phaseIndex + 1)", origin, p.inSignal ? "●" : "",
                    ]
                }
                let signals = a.signals.map { s in
                    "  [\(FollowUpSpelling.status(s.status))] \(FollowUpSpelling.rule(s.rule)) \(FollowUpSpelling.direction(s.direction)): \(s.readingSv)"
                }
                return TextTable(
                    headers: ["PERIOD", "VALUE", "PARTS", "CENTRE", "LOWER", "UPPER", "PHASE", "ORIGIN", "SIGNAL"], rows: rows,
                    footer: ([a.readingSv] + (signals.isEmpty ? [] : ["signaler:"] + signals)
                        + ["\(a.ruleSet.name) \(a.ruleSet.version), \(a.chartType) — \(a.pageURL)"]).joined(separator: "\n"))
            }
        }
    }

    struct Compare: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare sibling organisations in a funnel plot for one period (proportions).",
            discussion: "kl followup compare hjartsvikt-30d 2026-02 --parent SE --level region")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The indicator's code.") var code: String
        @Argument(help: "The period (default: the indicator's latest).") var period: String?
        @Option(help: "The organisation the siblings are under (default SE, the nation).") var parent: String = "SE"
        @Option(help: "The level compared: healthcare-region, region or unit (default: the parent's children).") var level: LevelArgument?
        @Option(help: "A stratum, dimension:value.") var stratum: String?
        @Option(help: "overdispersed (default), normal or exact.") var method: String = "overdispersed"

        func run() async throws {
            var request = Kunskapsloop_Followup_V1_CompareUnitsRequest()
            request.indicatorCode = code
            request.parentOrganisationID = parent
            if let level { request.comparedLevel = level.value }
            if let stratum { request.stratum = try FollowUpSpelling.stratum(stratum) }
            if let period { request.period = try FollowUpSpelling.parsePeriod(period) }
            switch method {
            case "overdispersed": request.method = .normalOverdispersed
            case "normal": request.method = .normal
            case "exact": request.method = .exactBinomial
            default: throw ValidationError("--method: overdispersed, normal or exact")
            }
            try await Invocation.run(options, FollowUpSpelling.method("CompareUnits"), request, returning: Kunskapsloop_Followup_V1_CompareUnitsResponse.self) {
                r in
                let c = r.comparison
                let n = FollowUpSpelling.number
                return TextTable(
                    headers: ["ORG", "NAME", "VALUE", "PARTS", "95 %", "99.8 %", "POSITION", "SIGNAL"],
                    rows: c.units.map { u in
                        [
                            u.organisation.id, u.organisation.name, u.hasProportion ? n(u.proportion, 4) : "-", "\(u.numerator)/\(u.denominator)",
                            u.hasLowerLimit95 ? "\(n(u.lowerLimit95, 3))–\(n(u.upperLimit95, 3))" : "-",
                            u.hasLowerLimit998 ? "\(n(u.lowerLimit998, 3))–\(n(u.upperLimit998, 3))" : "-", "\(u.position)", u.signalID,
                        ]
                    },
                    footer: "\(FollowUpSpelling.period(c.period)): totalt \(n(c.overallProportion, 4)), φ = \(n(c.overdispersionFactor, 2)) — \(c.pageURL)")
            }
        }
    }

    struct Signals: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List signals, open first.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "Only this indicator.") var indicator = ""
        @Option(help: "Only this organisation.") var organisation = ""
        @Flag(help: "With --organisation: also those below it.") var descendants = false
        @Flag(help: "Only open signals.") var open = false
        @Option(name: .customLong("page-size")) var pageSize: Int32 = 50
        @Option(name: .customLong("page-token")) var pageToken = ""

        func run() async throws {
            let request = Kunskapsloop_Followup_V1_ListSignalsRequest.with {
                $0.indicatorCode = indicator
                $0.organisationID = organisation
                $0.includeDescendants = descendants
                if open { $0.statuses = [.open] }
                $0.page.pageSize = pageSize
                $0.page.pageToken = pageToken
            }
            try await Invocation.run(options, FollowUpSpelling.method("ListSignals"), request, returning: Kunskapsloop_Followup_V1_ListSignalsResponse.self) {
                TextTable(
                    headers: FollowUpSpelling.signalHeaders, rows: FollowUpSpelling.signalRows($0.signals),
                    footer: "\($0.page.totalSize) in all" + ($0.page.nextPageToken.isEmpty ? "" : "; next page: --page-token \($0.page.nextPageToken)"))
            }
        }
    }

    struct SignalCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "signal", abstract: "Show one signal with its history.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The signal's id.") var id: String

        func run() async throws {
            try await Invocation.run(
                options, FollowUpSpelling.method("GetSignal"), Kunskapsloop_Followup_V1_GetSignalRequest.with { $0.id = id },
                returning: Kunskapsloop_Followup_V1_GetSignalResponse.self
            ) { r in
                let s = r.signal
                let history = s.history.map { "  \($0.occurredAt.date.ISO8601Format())  \($0.kind)  \(FollowUpSpelling.period($0.lastPeriod))  \($0.cause)" }
                return TextTable(
                    headers: FollowUpSpelling.signalHeaders, rows: FollowUpSpelling.signalRows([s]),
                    footer: ([s.readingSv, s.closeReadingSv].filter { !$0.isEmpty } + history + [s.pageURL]).joined(separator: "\n"))
            }
        }
    }
}
