import Domain
import Foundation
import SwiftProtobuf

extension SignalRule {
    public var contract: Kunskapsloop_Followup_V1_SignalRule {
        switch self {
        case .pointBeyondLimit: .pointBeyondLimit
        case .shift: .shift
        case .fewCrossings: .fewCrossings
        case .trend: .trend
        case .twoOfThreeBeyondTwoSigma: .twoOfThreeBeyondTwoSigma
        case .targetMissed: .targetMissed
        case .funnelOutlier: .funnelOutlier
        }
    }

    public init?(_ value: Kunskapsloop_Followup_V1_SignalRule) {
        guard let rule = SignalRule.allCases.first(where: { $0.contract == value }) else { return nil }
        self = rule
    }
}

extension SignalSide {
    public var contract: Kunskapsloop_Followup_V1_SignalSide {
        switch self {
        case .above: .above
        case .below: .below
        case .none: .none
        }
    }
}

extension SignalDirection {
    public var contract: Kunskapsloop_Followup_V1_SignalDirection {
        switch self {
        case .improvement: .improvement
        case .deterioration: .deterioration
        case .neither: .neither
        }
    }

    public init?(_ value: Kunskapsloop_Followup_V1_SignalDirection) {
        guard let d = SignalDirection.allCases.first(where: { $0.contract == value }) else { return nil }
        self = d
    }
}

extension Severity {
    public var contract: Kunskapsloop_Common_V1_Severity {
        switch self {
        case .info: .info
        case .warning: .warning
        case .critical: .critical
        }
    }
}

extension SignalCloseReason {
    public var contract: Kunskapsloop_Followup_V1_SignalCloseReason {
        switch self {
        case .ended: .ended
        case .dataRevised: .dataRevised
        case .decisionRecorded: .decisionRecorded
        case .definitionChanged: .definitionChanged
        }
    }
}

extension SignalChange.Kind {
    public var contract: Kunskapsloop_Followup_V1_SignalChangeKind {
        switch self {
        case .raised: .raised
        case .updated: .updated
        case .closed: .closed
        case .reopened: .reopened
        }
    }
}

extension Kunskapsloop_Followup_V1_Signal {
    /// The signal as events and responses carry it.
    /// - Parameters:
    ///   - indicator: code and name.
    ///   - organisation: id, name and level.
    ///   - stratum: the population with its label.
    ///   - comparisonParent: FUNNEL_OUTLIER's parent, with name and level.
    public init(
        _ r: SignalRecord, indicator: Kunskapsloop_Followup_V1_IndicatorRef, organisation: Kunskapsloop_Common_V1_OrganisationRef,
        stratum: Kunskapsloop_Followup_V1_SeriesStratum, comparisonParent: Kunskapsloop_Common_V1_OrganisationRef?,
        ruleSet: Kunskapsloop_Followup_V1_RuleSetKind, ruleSetVersion: String, reading: String, closeReading: String, pageURL: String
    ) {
        self.init()
        id = r.id
        self.indicator = indicator
        self.organisation = organisation
        self.stratum = stratum
        rule = r.key.rule.contract
        side = r.side.contract
        direction = r.direction.contract
        severity = r.severity.contract
        status = r.status == .open ? .open : .closed
        onsetPeriod = Kunskapsloop_Common_V1_Period(r.key.onset)
        lastPeriod = Kunskapsloop_Common_V1_Period(r.lastPeriod)
        periods = r.periods.map(Kunskapsloop_Common_V1_Period.init)
        phaseIndex = Int32(r.phase)
        if let comparisonParent { self.comparisonParent = comparisonParent }
        self.ruleSet = ruleSet
        self.ruleSetVersion = ruleSetVersion
        readingSv = reading
        self.pageURL = pageURL
        if let reason = r.closeReason, r.status == .closed {
            closeReason = reason.contract
            closeReadingSv = closeReading
        }
        raisedAt = Google_Protobuf_Timestamp(date: Date(timeIntervalSince1970: r.raisedAt))
        updatedAt = Google_Protobuf_Timestamp(date: Date(timeIntervalSince1970: r.updatedAt))
        if let closed = r.closedAt, r.status == .closed { closedAt = Google_Protobuf_Timestamp(date: Date(timeIntervalSince1970: closed)) }
        history = r.history.map { change in
            .with {
                $0.kind = change.kind.contract
                $0.occurredAt = Google_Protobuf_Timestamp(date: Date(timeIntervalSince1970: change.at))
                $0.lastPeriod = Kunskapsloop_Common_V1_Period(change.lastPeriod)
                if let reason = change.closeReason { $0.closeReason = reason.contract }
                $0.cause = change.cause
            }
        }
    }
}
