import CatalogProjection
import Charts
import Contracts
import Domain
import Foundation
import PostgresNIO
import Variation

/// The leader's page of one series: the chart, its reading, signals, decisions, strata and gap,
/// siblings in a funnel, the values behind the chart and the organisation's open next steps.
struct IndicatorPage {
    struct Link {
        let name: String
        let url: String
    }
    struct PopulationLink {
        let label: String
        let url: String
        let current: Bool
    }
    struct SignalRow {
        let id: String, periods: String, rule: String, direction: String, directionClass: String, severity: String, reading: String, closeReading: String
    }
    struct DecisionRow { let kind: String, label: String, withdrawn: Bool, period: String, scope: String, reason: String, author: String, decidedAt: String }
    struct StratumRow { let label: String, url: String, latestValue: String, reading: String, openSignals: Int }
    struct PointRow {
        let period: String, value: String, numerator: String, denominator: String, centre: String, lower: String, upper: String
        let origin: String, partial: Bool, note: String
    }
    struct StepRow { let statement: String, url: String, action: String, responsible: String, due: String, overdue: Bool }

    let pageTitle: String, rootID: String, generatedAt: String, ruleSetName: String?
    let crumbs: [Link]
    let organisationURL: String, organisationName: String, indicatorName: String, populationLabel: String
    let chartName: String, granularityName: String, unitLabel: String?, definition: String?
    let has_populations: Bool, populations: [PopulationLink]
    let reading: String, variationIcon: String, variationText: String, assuranceIcon: String, assuranceText: String
    let latestValue: String, latestPeriod: String, target: String?
    let chart: String, chartURL: String
    let has_openSignals: Bool, openSignals: [SignalRow], has_closedSignals: Bool, closedSignals: [SignalRow]
    let has_decisions: Bool, decisions: [DecisionRow]
    let has_strata: Bool, strata: [StratumRow], gapChart: String?
    let funnel: String?, funnelGroup: String, funnelReading: String
    let points: [PointRow]
    let support: String?, adoption: String?
    let has_nextSteps: Bool, nextSteps: [StepRow]

    /// The chart of a series as standalone SVG.
    static func chart(_ a: SeriesAnalysis, organisationName: String, width: Int = 760, height: Int = 380) -> String {
        let indicator = a.indicator
        let names = a.plan.phases.enumerated().map { k, phase in phase.breakDecision?.displayLabel ?? (a.plan.phases.count > 1 ? "Fas \(k + 1)" : "") }
        let label = indicator.unitLabel.isEmpty ? (indicator.valueType == .proportion ? "Andel (%)" : "") : indicator.unitLabel
        let options = ChartOptions(
            title: "\(indicator.name) – \(organisationName) (\(a.population.label(in: indicator)))", valueLabel: label,
            measure: a.measure, subject: a.subject, phaseNames: names.contains(where: { !$0.isEmpty }) ? names : [],
            width: width, height: height)
        return ChartRenderer.svg(for: a.variation, options: options)
    }

    static func signalRow(_ s: StoredSignal) -> SignalRow {
        let d = s.record.direction
        return SignalRow(
            id: s.record.id, periods: PageFormat.periods(s.record.periods), rule: PageFormat.rule(s.record.key.rule),
            direction: PageFormat.direction(d), directionClass: d.rawValue, severity: PageFormat.severity(s.record.severity),
            reading: s.reading, closeReading: s.closeReading.isEmpty ? s.reading : s.closeReading)
    }

    static func variationStatus(_ name: String, side: String) -> VariationStatus {
        let s: Signal.Side = side == "above" ? .above : (side == "below" ? .below : .none)
        switch name {
        case "improvement": return .improvement(s)
        case "concern": return .concern(s)
        case "neither": return .neither(s)
        case "common_cause": return .commonCause
        default: return .tooFewPoints
        }
    }

    /// Builds the page's view.
    static func build(_ snapshot: SeriesSnapshot, parts: FollowUpParts, on connection: PostgresConnection) async throws -> IndicatorPage {
        let a = snapshot.analysis
        let indicator = snapshot.stored.indicator
        let org = snapshot.organisation
        let events = parts.events
        let ancestors = try await parts.store.catalog.organisations(Set(org.ancestorIDs), on: connection)
        let crumbs = org.ancestorIDs.compactMap { id in ancestors[id].map { Link(name: $0.organisation.name, url: events.organisationURL(id)) } }
        let populations = indicator.populations
        let stored = try await parts.store.series(organisationID: org.id, indicatorCode: indicator.code, on: connection)
        let byPopulation = Dictionary(stored.map { ($0.population, $0) }, uniquingKeysWith: { a, _ in a })
        let openCounts = try await parts.store.openSignalCounts(organisationID: org.id, indicatorCode: indicator.code, on: connection)[indicator.code] ?? [:]
        let links = populations.filter { byPopulation[$0.key] != nil }.map { p in
            PopulationLink(
                label: p.label(in: indicator), url: FollowUpEvents.pagePath(indicatorCode: indicator.code, organisationID: org.id, population: p),
                current: p == snapshot.population)
        }
        let strataRows = populations.filter { $0 != .total }.compactMap { p -> StratumRow? in
            guard let s = byPopulation[p.key] else { return nil }
            return StratumRow(
                label: p.label(in: indicator), url: FollowUpEvents.pagePath(indicatorCode: indicator.code, organisationID: org.id, population: p),
                latestValue: PageFormat.value(s.latestValue, indicator: indicator, gap: p.isGap), reading: s.reading,
                openSignals: openCounts[p.key] ?? 0)
        }
        // The first gap series of the organisation, drawn beside the strata when the total is shown.
        var gapChart: String?
        if snapshot.population == .total, let gap = populations.first(where: { $0.isGap && byPopulation[$0.key] != nil }), let s = byPopulation[gap.key] {
            let grid = s.points.enumerated().map { (period: Period(ordinal: s.firstOrdinal + $0, granularity: indicator.granularity), point: $1) }
            if let analysis = try? SeriesAnalysis(indicator: indicator, organisationID: org.id, population: gap, grid: grid, decisions: snapshot.decisions) {
                gapChart = PageFormat.inline(chart(analysis, organisationName: org.organisation.name, height: 320), id: "gap")
            }
        }
        let (funnel, group, funnelReading) = try await Self.funnel(snapshot, parts: parts, on: connection)
        let scale = a.scale
        let gap = snapshot.population.isGap
        let points = a.variation.points.enumerated().map { k, p -> PointRow in
            let grid = a.grid[k].point
            let origin: String
            switch grid?.origin {
            case .reported?:
                let meta = snapshot.meta[p.period.ordinal]
                origin =
                    "rapporterat"
                    + (meta.map { " av \($0.reportedBy)" + ($0.revision > 1 ? ", rättat \($0.revision - 1) gång\($0.revision > 2 ? "er" : "")" : "") } ?? "")
            case .aggregated?:
                origin = "summerat från \(grid?.contributors ?? 0) av \(grid?.expectedContributors ?? 0)" + ((grid?.partial ?? false) ? ", ofullständigt" : "")
            case nil:
                origin = "ej rapporterat"
            }
            return PointRow(
                period: p.period.swedishLabel,
                value: p.value.map { PageFormat.value($0 * scale, indicator: indicator, gap: gap) } ?? (grid == nil ? "–" : "0 av 0"),
                numerator: gap ? "" : grid.map { PageFormat.number($0.numerator) } ?? "",
                denominator: gap ? "" : grid?.denominator.map { PageFormat.number($0) } ?? "",
                centre: PageFormat.value(p.centre * scale, indicator: indicator, gap: gap),
                lower: p.lowerLimit.map { PageFormat.value($0 * scale, indicator: indicator, gap: gap) } ?? "",
                upper: p.upperLimit.map { PageFormat.value($0 * scale, indicator: indicator, gap: gap) } ?? "",
                origin: origin, partial: grid?.partial ?? false, note: snapshot.meta[p.period.ordinal]?.note ?? "")
        }
        let signals = snapshot.signals.sorted { ($0.record.key.onset, $0.record.key.rule.rawValue) > ($1.record.key.onset, $1.record.key.rule.rawValue) }
        let open = signals.filter { $0.record.status == .open }.map(signalRow)
        let closed = signals.filter { $0.record.status == .closed }.map(signalRow)
        let decisionOrgs = try await parts.store.catalog.organisations(Set(snapshot.decisions.compactMap(\.organisationID)), on: connection)
        let decisions = snapshot.decisions.filter { $0.kind != .withdrawal && ($0.organisationID == nil || $0.organisationID == org.id) }.map { d in
            DecisionRow(
                kind: d.kind == .phaseBreak ? "Ny fas" : (d.baselineLength > 0 ? "Baslinje (\(d.baselineLength) perioder)" : "Baslinjen släpps"),
                label: d.label, withdrawn: d.withdrawnByDecisionID != nil, period: d.period?.swedishLabel ?? "seriens början",
                scope: d.organisationID.map { decisionOrgs[$0]?.organisation.name ?? $0 } ?? "alla organisationer", reason: d.reason,
                author: d.author, decidedAt: PageFormat.date(Date(timeIntervalSince1970: d.decidedAt)))
        }
        let steps = try await Self.nextSteps(org.id, parts: parts, on: connection)
        var adoption: String?
        if let counts = snapshot.adoption {
            if org.organisation.level == .unit {
                adoption =
                    counts.adoptedOn.map { "infört \($0)" } ?? (counts.adopted > 0 ? "infört" : (counts.planned > 0 ? "planerat" : "inget besked om införande"))
            } else {
                adoption = "\(counts.adopted) av \(counts.units) enheter har infört det" + (counts.planned > 0 ? ", \(counts.planned) planerar" : "")
            }
        }
        let latest = a.latest
        let status = a.variation.status
        return IndicatorPage(
            pageTitle: "\(indicator.name) – \(org.organisation.name)", rootID: org.ancestorIDs.first ?? org.id, generatedAt: PageFormat.stamp(Date()),
            ruleSetName: "\(a.ruleSet.name) (\(a.ruleSet.version))", crumbs: crumbs,
            organisationURL: events.organisationURL(org.id), organisationName: org.organisation.name, indicatorName: indicator.name,
            populationLabel: snapshot.population.label(in: indicator), chartName: a.chartType.swedishName,
            granularityName: PageFormat.granularity(indicator.granularity), unitLabel: indicator.unitLabel.isEmpty ? nil : indicator.unitLabel,
            definition: indicator.definition.isEmpty ? nil : indicator.definition, has_populations: links.count > 1, populations: links,
            reading: a.reading, variationIcon: PageFormat.inline(VariationIcon.svg(for: status, size: 56), id: "v"),
            variationText: PageFormat.variation(status),
            assuranceIcon: PageFormat.inline(AssuranceIcon.svg(for: a.variation.targetAssessment, size: 56), id: "a"),
            assuranceText: PageFormat.assurance(a.variation.targetAssessment),
            latestValue: PageFormat.value(latest?.value, indicator: indicator, gap: gap), latestPeriod: latest?.period.swedishLabel ?? "–",
            target: gap ? nil : indicator.target.map { PageFormat.value($0, indicator: indicator) },
            chart: PageFormat.inline(chart(a, organisationName: org.organisation.name), id: "c"),
            chartURL: "/charts/\(FollowUpEvents.segment(indicator.code))/\(FollowUpEvents.segment(org.id)).svg" + FollowUpEvents.query(snapshot.population),
            has_openSignals: !open.isEmpty, openSignals: open, has_closedSignals: !closed.isEmpty, closedSignals: closed,
            has_decisions: !decisions.isEmpty, decisions: decisions, has_strata: !strataRows.isEmpty, strata: strataRows, gapChart: gapChart,
            funnel: funnel, funnelGroup: group, funnelReading: funnelReading, points: points,
            support: indicator.knowledgeSupportID.map { snapshot.supportTitle ?? $0 }, adoption: adoption,
            has_nextSteps: !steps.isEmpty, nextSteps: steps)
    }

    /// The organisation among its standard siblings in the latest period, as a funnel plot.
    static func funnel(_ s: SeriesSnapshot, parts: FollowUpParts, on connection: PostgresConnection) async throws -> (String?, String, String) {
        let indicator = s.stored.indicator
        guard indicator.valueType == .proportion, !s.population.isGap, let root = s.organisation.ancestorIDs.first else { return (nil, "", "") }
        let parentID: String
        switch s.organisation.organisation.level {
        case .national: return (nil, "", "")
        case .healthcareRegion, .region: parentID = root
        case .unit:
            let ancestors = try await parts.store.catalog.organisations(Set(s.organisation.ancestorIDs), on: connection)
            guard let region = s.organisation.ancestorIDs.reversed().first(where: { ancestors[$0]?.organisation.level == .region }) else {
                return (nil, "", "")
            }
            parentID = region
        }
        guard
            let (comparison, period, _) = try? await AnalysisMethods.comparison(
                parts, stored: s.stored, parentID: parentID, level: s.organisation.organisation.level.contract, stratum: s.population.stratum,
                period: nil, method: .normalOverdispersed, on: connection),
            let plot = comparison.plot, comparison.assessedCount >= SiblingComparison.minimumForSignals
        else { return (nil, "", "") }
        let group = SiblingComparison.groupName(level: comparison.level, parentName: comparison.parent.organisation.name)
        let svg = FunnelRenderer.svg(
            for: plot,
            options: ChartOptions(
                title: "\(indicator.name), \(period.swedishLabel)", valueLabel: "Andel (%)",
                measure: .share, width: 760, height: 400))
        return (PageFormat.inline(svg, id: "f"), group, FunnelRenderer.sentence(for: plot))
    }

    /// The organisation's open next steps, soonest due first.
    static func nextSteps(_ organisationID: String, parts: FollowUpParts, on connection: PostgresConnection) async throws -> [StepRow] {
        var filter = AssessmentFilter()
        filter.organisationID = organisationID
        filter.onlyOpen = true
        let (ids, _) = try await parts.store.listAssessments(filter, offset: 0, limit: 20, on: connection)
        let today = StockholmTime.date(at: Int64(Date().timeIntervalSince1970))
        var rows: [(CivilDate, StepRow)] = []
        for a in try await parts.store.assessments(ids, on: connection) {
            for s in a.statements {
                guard let step = s.nextStep, step.status == .open else { continue }
                rows.append(
                    (
                        step.dueOn,
                        StepRow(
                            statement: s.text, url: "/assessments/\(a.id)#\(s.id)", action: step.action,
                            responsible: step.responsibleName.isEmpty ? step.responsibleEmail : "\(step.responsibleName) (\(step.responsibleEmail))",
                            due: step.dueOn.description, overdue: step.daysOverdue(on: today) != nil)
                    ))
            }
        }
        return rows.sorted { $0.0 < $1.0 }.map(\.1)
    }
}
