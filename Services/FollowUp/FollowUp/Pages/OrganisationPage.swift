import CatalogProjection
import Charts
import Domain
import Foundation
import PostgresNIO
import Variation

/// The leader's overview of one organisation, as the Making Data Count summary table does it:
/// every indicator in one table with its latest value, target, variation and assurance icons,
/// open signals, the linked knowledge support and its adoption; each row links to its page.
struct OrganisationPage {
    struct Row {
        let name: String, url: String, latestValue: String, latestPeriod: String, target: String
        let variationIcon: String, variationText: String, assuranceIcon: String, assuranceText: String
        let openSignals: Int, support: String, adoption: String
    }

    let pageTitle: String, rootID: String, generatedAt: String, ruleSetName: String?
    let crumbs: [IndicatorPage.Link]
    let organisationName: String, levelName: String, indicatorCount: Int
    let has_children: Bool, children: [IndicatorPage.Link]
    let rows: [Row]

    static func build(_ org: PlacedOrganisation, parts: FollowUpParts, on connection: PostgresConnection) async throws -> OrganisationPage {
        let events = parts.events
        let ancestors = try await parts.store.catalog.organisations(Set(org.ancestorIDs), on: connection)
        let crumbs = org.ancestorIDs.compactMap { id in ancestors[id].map { IndicatorPage.Link(name: $0.organisation.name, url: events.organisationURL(id)) } }
        let children = try await parts.store.catalog.children(of: org.id, on: connection)
            .map { IndicatorPage.Link(name: $0.organisation.name, url: events.organisationURL($0.id)) }
        let series = try await parts.store.series(organisationID: org.id, on: connection).filter { $0.population.isEmpty }
        let indicators = try await parts.store.indicators(Set(series.map(\.indicatorCode)), on: connection)
        let open = try await parts.store.openSignalCounts(organisationID: org.id, on: connection)
        var titles: [String: String] = [:]
        var adoptions: [String: String] = [:]
        for support in Set(indicators.values.compactMap(\.indicator.knowledgeSupportID)) {
            titles[support] = try await parts.store.catalog.support(support, on: connection)?.title ?? support
            let counts = try await parts.store.adoption(of: support, under: org.id, on: connection)
            if org.organisation.level == .unit {
                adoptions[support] = counts.adoptedOn ?? (counts.adopted > 0 ? "infört" : (counts.planned > 0 ? "planerat" : "–"))
            } else {
                adoptions[support] = "\(counts.adopted) av \(counts.units) enheter"
            }
        }
        let rows = series.compactMap { s -> Row? in
            guard let indicator = indicators[s.indicatorCode]?.indicator, indicator.active else { return nil }
            let status = IndicatorPage.variationStatus(s.status, side: s.statusSide)
            let assessment = s.targetAssessment.flatMap(TargetAssessment.init(rawValue:))
            return Row(
                name: indicator.name, url: FollowUpEvents.pagePath(indicatorCode: indicator.code, organisationID: org.id),
                latestValue: PageFormat.value(s.latestValue, indicator: indicator),
                latestPeriod: s.latestOrdinal.map { Period(ordinal: $0, granularity: indicator.granularity).swedishLabel } ?? "–",
                target: indicator.target.map { PageFormat.value($0, indicator: indicator) } ?? "–",
                variationIcon: PageFormat.inline(VariationIcon.svg(for: status, size: 32), id: "v-\(indicator.code)"),
                variationText: PageFormat.variation(status),
                assuranceIcon: PageFormat.inline(AssuranceIcon.svg(for: assessment, size: 32), id: "a-\(indicator.code)"),
                assuranceText: PageFormat.assurance(assessment), openSignals: open[indicator.code]?.values.reduce(0, +) ?? 0,
                support: indicator.knowledgeSupportID.map { titles[$0] ?? $0 } ?? "–",
                adoption: indicator.knowledgeSupportID.map { adoptions[$0] ?? "–" } ?? "–")
        }.sorted { ($0.openSignals > 0 ? 0 : 1, $0.name) < ($1.openSignals > 0 ? 0 : 1, $1.name) }
        return OrganisationPage(
            pageTitle: org.organisation.name, rootID: org.ancestorIDs.first ?? org.id, generatedAt: PageFormat.stamp(Date()), ruleSetName: nil,
            crumbs: crumbs, organisationName: org.organisation.name, levelName: PageFormat.level(org.organisation.level), indicatorCount: rows.count,
            has_children: !children.isEmpty, children: children, rows: rows)
    }
}

/// One self-assessment as a page.
struct AssessmentPage {
    struct StatementRow {
        let id: String, text: String, current: String, desired: String, action: String?, responsible: String, due: String, status: String, overdue: Bool
    }

    let pageTitle: String, rootID: String, generatedAt: String, ruleSetName: String?
    let organisationURL: String, organisationName: String, title: String, templateTitle: String, createdBy: String, createdAt: String
    let statements: [StatementRow]

    static func build(_ a: StoredAssessment, parts: FollowUpParts, on connection: PostgresConnection) async throws -> AssessmentPage {
        let org = try await parts.store.catalog.organisation(a.organisationID, on: connection)
        let today = StockholmTime.date(at: Int64(Date().timeIntervalSince1970))
        return AssessmentPage(
            pageTitle: a.title, rootID: org?.ancestorIDs.first ?? a.organisationID, generatedAt: PageFormat.stamp(Date()), ruleSetName: nil,
            organisationURL: parts.events.organisationURL(a.organisationID), organisationName: org?.organisation.name ?? a.organisationID,
            title: a.title, templateTitle: a.templateTitle, createdBy: a.createdBy, createdAt: PageFormat.date(a.createdAt),
            statements: a.statements.map { s in
                let step = s.nextStep
                return StatementRow(
                    id: s.id, text: s.text, current: s.currentState, desired: s.desiredState, action: step?.action,
                    responsible: step.map { $0.responsibleName.isEmpty ? $0.responsibleEmail : "\($0.responsibleName) (\($0.responsibleEmail))" } ?? "",
                    due: step?.dueOn.description ?? "",
                    status: step.map { $0.status == .done ? "klart" : ($0.status == .cancelled ? "inställt" : "pågår") } ?? "",
                    overdue: step?.daysOverdue(on: today) != nil)
            })
    }
}
