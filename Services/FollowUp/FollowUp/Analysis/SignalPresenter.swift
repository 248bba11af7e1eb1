import CatalogProjection
import Contracts
import Domain
import Foundation
import Storage
import SwiftProtobuf

/// Turns stored signals into their contract shape and their events: names, labels, links,
/// ancestors, programme area and knowledge support, so that a receiver needs no call back.
struct SignalPresenter: Sendable {
    let indicators: [String: Indicator]
    let directory: OrganisationDirectory
    /// Programme area names by id (the shipped reference data).
    let areaNames: [String: String]
    /// Knowledge-support titles by id (the catalog projection).
    let supportTitles: [String: String]
    let events: FollowUpEvents

    func organisationRef(_ id: String) -> Kunskapsloop_Common_V1_OrganisationRef {
        directory[id].map { Kunskapsloop_Common_V1_OrganisationRef($0.organisation) } ?? Kunskapsloop_Common_V1_OrganisationRef(id: id)
    }

    func signal(_ s: StoredSignal) -> Kunskapsloop_Followup_V1_Signal {
        let r = s.record
        let indicator = indicators[r.key.indicatorCode]
        let population = SeriesPopulation(key: r.key.population) ?? .total
        return Kunskapsloop_Followup_V1_Signal(
            r,
            indicator: .with {
                $0.code = r.key.indicatorCode
                $0.name = indicator?.name ?? ""
            },
            organisation: organisationRef(r.key.organisationID),
            stratum: Kunskapsloop_Followup_V1_SeriesStratum(population, label: indicator.map { population.label(in: $0) } ?? r.key.population),
            comparisonParent: r.comparisonParentID.map(organisationRef),
            ruleSet: Indicator.RuleSetKind(rawValue: s.ruleSet)?.contract ?? .anhoej, ruleSetVersion: s.ruleSetVersion,
            reading: s.reading, closeReading: s.closeReading,
            pageURL: events.pageURL(indicatorCode: r.key.indicatorCode, organisationID: r.key.organisationID, population: population))
    }

    func raised(_ s: StoredSignal, reopened: Bool, at now: Date) -> OutboxEvent {
        let indicator = indicators[s.record.key.indicatorCode]
        let message = Kunskapsloop_Followup_V1_SignalRaised.with {
            $0.signal = signal(s)
            $0.organisationAncestorIds = directory.ancestorIDs(of: s.record.key.organisationID)
            if let area = indicator?.programmeAreaID {
                $0.programmeArea = .with {
                    $0.id = area
                    $0.name = areaNames[area] ?? ""
                }
            }
            if let support = indicator?.knowledgeSupportID {
                $0.knowledgeSupportID = support
                $0.knowledgeSupportTitle = supportTitles[support] ?? ""
            }
            $0.reopened = reopened
            $0.occurredAt = .init(date: now)
        }
        return events.event(message, FollowUpEvents.signalRaised)
    }

    func closed(_ s: StoredSignal, at now: Date) -> OutboxEvent {
        let indicator = indicators[s.record.key.indicatorCode]
        let message = Kunskapsloop_Followup_V1_SignalClosed.with {
            $0.signal = signal(s)
            $0.organisationAncestorIds = directory.ancestorIDs(of: s.record.key.organisationID)
            if let area = indicator?.programmeAreaID {
                $0.programmeArea = .with {
                    $0.id = area
                    $0.name = areaNames[area] ?? ""
                }
            }
            if let support = indicator?.knowledgeSupportID {
                $0.knowledgeSupportID = support
                $0.knowledgeSupportTitle = supportTitles[support] ?? ""
            }
            $0.occurredAt = .init(date: now)
        }
        return events.event(message, FollowUpEvents.signalClosed)
    }
}
