import CatalogProjection
import Domain
import Foundation
import Variation

/// A funnel plot of sibling organisations for one period: the 21 regions under the nation, the
/// healthcare regions, or the units of a region. Proportions only (the funnel is binomial).
struct SiblingComparison: Sendable {
    /// One compared organisation: its value for the period, if any.
    struct Member: Sendable {
        let organisation: PlacedOrganisation
        let point: SeriesPoint?
    }

    let parent: PlacedOrganisation
    let level: Organisation.Level
    let members: [Member]
    /// Nil when fewer than one member has a denominator above 0.
    let plot: FunnelPlot?
    /// Index into `plot.findings` per member (the plot holds assessed and unassessed alike).
    let method: FunnelOptions.Method

    /// Fewer assessed siblings than this give no comparison signal: φ and the limits mean
    /// little among two.
    static let minimumForSignals = 3

    init(
        parent: PlacedOrganisation, level: Organisation.Level, members: [Member], method: FunnelOptions.Method = .normal(.estimated),
        directionOfGood: DirectionOfGood
    ) {
        self.parent = parent
        self.level = level
        self.members = members
        self.method = method
        let units = members.map { m in
            FunnelUnit(name: m.organisation.organisation.name, numerator: m.point?.numerator ?? 0, denominator: m.point?.denominator ?? 0)
        }
        plot = try? FunnelPlot.analyze(units, options: FunnelOptions(method: method, directionOfGood: directionOfGood))
    }

    /// How many members have a denominator above 0.
    var assessedCount: Int { members.filter { ($0.point?.denominator ?? 0) > 0 }.count }

    /// The standard comparisons of an indicator: healthcare regions and regions under each
    /// nation, units under each region.
    static func standardGroups(_ directory: OrganisationDirectory) -> [(parent: PlacedOrganisation, level: Organisation.Level, members: [PlacedOrganisation])] {
        var groups: [(PlacedOrganisation, Organisation.Level, [PlacedOrganisation])] = []
        for nation in directory.nations {
            groups.append((nation, .healthcareRegion, directory.descendants(of: nation.id, at: .healthcareRegion)))
            let regions = directory.descendants(of: nation.id, at: .region)
            groups.append((nation, .region, regions))
            for region in regions { groups.append((region, .unit, directory.descendants(of: region.id, at: .unit))) }
        }
        return groups.filter { !$0.2.isEmpty }
    }

    /// Outliers beyond 99.8 % as signal observations for `period` (the indicator's latest).
    func observations(indicator: Indicator, population: SeriesPopulation, period: Period) -> [SignalObservation] {
        guard let plot, assessedCount >= Self.minimumForSignals else { return [] }
        var result: [SignalObservation] = []
        for (member, finding) in zip(members, plot.findings) {
            let side: SignalSide
            switch finding.position {
            case .above998: side = .above
            case .below998: side = .below
            default: continue
            }
            let direction = SignalDirection(side: side, directionOfGood: indicator.directionOfGood)
            result.append(
                SignalObservation(
                    key: SignalKey(
                        indicatorCode: indicator.code, organisationID: member.organisation.id, population: population.key,
                        rule: .funnelOutlier, onset: period),
                    side: side, direction: direction, severity: Severity(rule: .funnelOutlier, direction: direction), phase: 0, periods: [period],
                    isCurrent: true, comparisonParentID: parent.id))
        }
        return result
    }

    /// "regionerna", "sjukvårdsregionerna", "enheterna i Region Uppsala".
    static func groupName(level: Organisation.Level, parentName: String) -> String {
        switch level {
        case .national: "länderna"
        case .healthcareRegion: "sjukvårdsregionerna"
        case .region: "regionerna"
        case .unit: "enheterna i \(parentName)"
        }
    }
}
