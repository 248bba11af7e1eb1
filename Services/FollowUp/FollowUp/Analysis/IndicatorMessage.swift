import Contracts
import Domain
import Foundation
import RPC
import SwiftProtobuf

/// Indicators between their contract shape and the domain.
enum IndicatorMessage {
    /// The contract's indicator with its decisions, names filled in.
    static func make(
        _ stored: StoredIndicator, decisions: [ChartDecision], areaNames: [String: String], supportTitle: String?,
        organisations: (String) -> Kunskapsloop_Common_V1_OrganisationRef
    ) -> Kunskapsloop_Followup_V1_Indicator {
        let i = stored.indicator
        return .with {
            $0.code = i.code
            $0.name = i.name
            $0.definition = i.definition
            if let area = i.programmeAreaID {
                $0.programmeArea = .with {
                    $0.id = area
                    $0.name = areaNames[area] ?? ""
                }
            }
            $0.knowledgeSupportID = i.knowledgeSupportID ?? ""
            $0.knowledgeSupportTitle = supportTitle ?? ""
            $0.valueType = i.valueType.contract
            $0.rateMultiplier = Int32(i.rateMultiplier)
            $0.unitLabel = i.unitLabel
            $0.directionOfGood = i.directionOfGood.contract
            if let target = i.target { $0.target = target }
            $0.granularity = i.granularity.contract
            $0.chartType = i.chartType.followUpContract
            $0.ruleSet = i.ruleSet.contract
            $0.baselineLength = Int32(baselineInForce(decisions) ?? 0)
            $0.strata = i.strata.map(Kunskapsloop_Followup_V1_StratumDimension.init)
            switch i.source {
            case .reportingSystem(let name): $0.source.reportingSystem = name
            case .feedbackHelpfulness: $0.source.feedbackMetric = .helpfulnessShare
            }
            $0.builtIn = i.builtIn
            $0.active = i.active
            $0.decisions = decisions.map { d in Kunskapsloop_Followup_V1_Decision(d, organisation: d.organisationID.map(organisations)) }
            $0.createdAt = .init(date: stored.createdAt)
            $0.updatedAt = .init(date: stored.updatedAt)
            $0.updatedBy = stored.updatedBy
        }
    }

    /// The baseline for new phases: the latest indicator-wide BASELINE decision in force.
    static func baselineInForce(_ decisions: [ChartDecision]) -> Int? {
        decisions.filter { $0.kind == .baseline && $0.withdrawnByDecisionID == nil && $0.organisationID == nil }
            .max { ($0.period?.ordinal ?? Int.min, $0.decidedAt) < ($1.period?.ordinal ?? Int.min, $1.decidedAt) }
            .flatMap { $0.baselineLength > 0 ? $0.baselineLength : nil }
    }

    /// The domain indicator a request defines; fields named as in the request.
    static func parse(_ m: Kunskapsloop_Followup_V1_Indicator) throws(RPCError) -> Indicator {
        guard let valueType = Indicator.ValueType(m.valueType) else {
            throw .invalidArgument("value_type is required (PROPORTION, RATE, COUNT or MEASUREMENT)", field: "indicator.value_type")
        }
        guard let granularity = Period.Granularity(m.granularity) else {
            throw .invalidArgument("granularity is required (ISO_WEEK, MONTH or QUARTER)", field: "indicator.granularity")
        }
        let chart: ChartType?
        switch m.chartType {
        case .unspecified: chart = nil
        case let other:
            guard let c = ChartType(other) else {
                throw .invalidArgument("chart_type \(other.rawValue) is not a chart this service knows", field: "indicator.chart_type")
            }
            chart = c
        }
        let source: Indicator.Source
        switch m.source.source {
        case .reportingSystem(let name)?: source = .reportingSystem(name)
        case .feedbackMetric?:
            throw .invalidArgument("feedback indicators are built in; the service makes them itself", field: "indicator.source.feedback_metric")
        case nil: throw .invalidArgument("source is required: the name of the reporting system", field: "indicator.source")
        }
        return Indicator(
            code: m.code, name: m.name, definition: m.definition,
            programmeAreaID: m.hasProgrammeArea && !m.programmeArea.id.isEmpty ? m.programmeArea.id : nil,
            knowledgeSupportID: m.knowledgeSupportID.isEmpty ? nil : m.knowledgeSupportID.lowercased(), valueType: valueType,
            rateMultiplier: Int(m.rateMultiplier), unitLabel: m.unitLabel, directionOfGood: DirectionOfGood(m.directionOfGood),
            target: m.hasTarget ? m.target : nil, granularity: granularity, chartType: chart, ruleSet: Indicator.RuleSetKind(m.ruleSet),
            strata: m.strata.map(\.domain), source: source)
    }

    /// An `IndicatorError` as the RPC error it is.
    static func rpcError(_ error: IndicatorError) -> RPCError {
        error.code == .precondition ? .failedPrecondition(error.message, field: error.field) : .invalidArgument(error.message, field: error.field)
    }
}
