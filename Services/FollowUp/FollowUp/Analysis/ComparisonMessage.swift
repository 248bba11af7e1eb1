import CatalogProjection
import Contracts
import Domain
import Foundation
import SwiftProtobuf
import Variation

/// The contract's `Comparison` of a funnel plot of siblings.
enum ComparisonMessage {
    static func make(
        _ c: SiblingComparison, indicator: Indicator, population: SeriesPopulation, period: Period,
        method: Kunskapsloop_Followup_V1_FunnelMethod, signalIDs: [String: String], pageURL: String
    ) -> Kunskapsloop_Followup_V1_Comparison {
        var m = Kunskapsloop_Followup_V1_Comparison()
        m.indicator = .with {
            $0.code = indicator.code
            $0.name = indicator.name
        }
        m.parent = Kunskapsloop_Common_V1_OrganisationRef(c.parent.organisation)
        m.comparedLevel = c.level.contract
        m.stratum = Kunskapsloop_Followup_V1_SeriesStratum(population, label: population.label(in: indicator))
        m.period = Kunskapsloop_Common_V1_Period(period)
        m.method = method == .unspecified ? .normalOverdispersed : method
        m.overallProportion = c.plot?.overall ?? 0
        m.overdispersionFactor = c.plot?.phi ?? 1
        var assessed: [(Double, Kunskapsloop_Followup_V1_FunnelUnit)] = []
        var unassessed: [Kunskapsloop_Followup_V1_FunnelUnit] = []
        for (k, member) in c.members.enumerated() {
            var u = Kunskapsloop_Followup_V1_FunnelUnit()
            u.organisation = Kunskapsloop_Common_V1_OrganisationRef(member.organisation.organisation)
            u.origin =
                switch member.point?.origin {
                case .reported?: .reported
                case .aggregated?: .aggregated
                case nil: .notReported
                }
            u.partial = member.point?.partial ?? false
            u.numerator = Int64((member.point?.numerator ?? 0).rounded())
            u.denominator = Int64((member.point?.denominator ?? 0).rounded())
            let finding = c.plot.flatMap { k < $0.findings.count ? $0.findings[k] : nil }
            if let finding, let p = finding.proportion, let limits = finding.limits {
                u.proportion = p
                u.lowerLimit95 = limits.lower95
                u.upperLimit95 = limits.upper95
                u.lowerLimit998 = limits.lower998
                u.upperLimit998 = limits.upper998
                u.position =
                    switch finding.position {
                    case .above998: .above998
                    case .above95: .above95
                    case .within: .within
                    case .below95: .below95
                    case .below998: .below998
                    case .notAssessed: .notAssessed
                    }
                u.direction =
                    switch finding.direction {
                    case .improvement: .improvement
                    case .deterioration: .deterioration
                    case .neither: .neither
                    }
                u.signalID = signalIDs[member.organisation.id] ?? ""
                assessed.append((member.point?.denominator ?? 0, u))
            } else {
                u.position = .notAssessed
                u.direction = .neither
                unassessed.append(u)
            }
        }
        m.units = assessed.sorted { $0.0 < $1.0 }.map(\.1) + unassessed
        m.pageURL = pageURL
        m.comparedAt = .init(date: Date())
        return m
    }
}
