import Domain
import Foundation
import SwiftProtobuf

// Mappings between the follow-up domain and its contracts (followup/v1): enums, indicators,
// strata and decisions.

extension Indicator.ValueType {
    public init?(_ value: Kunskapsloop_Followup_V1_ValueType) {
        switch value {
        case .proportion: self = .proportion
        case .rate: self = .rate
        case .count: self = .count
        case .measurement: self = .measurement
        default: return nil
        }
    }

    public var contract: Kunskapsloop_Followup_V1_ValueType {
        switch self {
        case .proportion: .proportion
        case .rate: .rate
        case .count: .count
        case .measurement: .measurement
        }
    }
}

extension DirectionOfGood {
    /// UNSPECIFIED reads as neither, as the contract says.
    public init(_ value: Kunskapsloop_Followup_V1_DirectionOfGood) {
        switch value {
        case .higher: self = .higher
        case .lower: self = .lower
        default: self = .neither
        }
    }

    public var contract: Kunskapsloop_Followup_V1_DirectionOfGood {
        switch self {
        case .higher: .higher
        case .lower: .lower
        case .neither: .neither
        }
    }
}

extension ChartType {
    /// nil for UNSPECIFIED (the value type's default is chosen elsewhere).
    public init?(_ value: Kunskapsloop_Followup_V1_ChartType) {
        switch value {
        case .run: self = .run
        case .i: self = .i
        case .p: self = .p
        case .pPrime: self = .pPrime
        case .u: self = .u
        case .uPrime: self = .uPrime
        case .c: self = .c
        default: return nil
        }
    }

    /// The contract's chart; mr and g (not offered for indicators) read as UNSPECIFIED.
    public var followUpContract: Kunskapsloop_Followup_V1_ChartType {
        switch self {
        case .run: .run
        case .i: .i
        case .p: .p
        case .pPrime: .pPrime
        case .u: .u
        case .uPrime: .uPrime
        case .c: .c
        case .mr, .g: .unspecified
        }
    }
}

extension Indicator.RuleSetKind {
    /// UNSPECIFIED reads as ANHOEJ.
    public init(_ value: Kunskapsloop_Followup_V1_RuleSetKind) {
        self = value == .nhs ? .nhs : .anhoej
    }

    public var contract: Kunskapsloop_Followup_V1_RuleSetKind { self == .nhs ? .nhs : .anhoej }
}

extension Period.Granularity {
    public init?(_ value: Kunskapsloop_Common_V1_PeriodGranularity) {
        switch value {
        case .isoWeek: self = .isoWeek
        case .month: self = .month
        case .quarter: self = .quarter
        case .year: self = .year
        default: return nil
        }
    }

    public var contract: Kunskapsloop_Common_V1_PeriodGranularity {
        switch self {
        case .isoWeek: .isoWeek
        case .month: .month
        case .quarter: .quarter
        case .year: .year
        }
    }
}

extension Kunskapsloop_Followup_V1_StratumDimension {
    public init(_ d: StratumDimension) {
        self.init()
        code = d.code
        name = d.name
        values = d.values.map { v in
            .with {
                $0.code = v.code
                $0.name = v.name
            }
        }
        gapReferenceValue = d.gapReferenceValue ?? ""
    }

    public var domain: StratumDimension {
        StratumDimension(
            code: code, name: name, values: values.map { StratumValue(code: $0.code, name: $0.name) },
            gapReferenceValue: gapReferenceValue.isEmpty ? nil : gapReferenceValue)
    }
}

extension Kunskapsloop_Followup_V1_Stratum {
    /// The stratum; nil when both parts are empty (the total).
    public var domain: Stratum? {
        dimension.isEmpty && value.isEmpty ? nil : Stratum(dimension: dimension, value: value)
    }

    public init(_ s: Stratum) {
        self.init()
        dimension = s.dimension
        value = s.value
    }
}

extension Kunskapsloop_Followup_V1_SeriesStratum {
    public init(_ population: SeriesPopulation, label: String) {
        self.init()
        if let s = population.stratum { stratum = Kunskapsloop_Followup_V1_Stratum(s) }
        if case .gap(_, let reference) = population { gapReferenceValue = reference }
        self.label = label
    }

    /// The population asked for; nil for a gap without a stratum.
    public var population: SeriesPopulation? {
        let s = hasStratum ? stratum.domain : nil
        if gapReferenceValue.isEmpty { return s.map(SeriesPopulation.stratum) ?? .total }
        guard let s else { return nil }
        return .gap(s, reference: gapReferenceValue)
    }
}

extension Kunskapsloop_Common_V1_Period {
    /// The period, whatever the cause it does not exist (nil when unset).
    public var periodResult: Result<Period, PeriodError>? {
        guard granularity != .unspecified || year != 0 || index != 0 else { return nil }
        guard let g = Period.Granularity(granularity) else { return .failure(PeriodError(.invalidPeriod, "the period has no granularity")) }
        do {
            switch g {
            case .isoWeek: return .success(try Period.isoWeek(Int(year), Int(index)))
            case .month: return .success(try Period.month(Int(year), Int(index)))
            case .quarter: return .success(try Period.quarter(Int(year), Int(index)))
            case .year: return .success(.year(Int(year)))
            }
        } catch {
            return .failure(error)
        }
    }
}

extension ChartDecision.Kind {
    public init?(_ value: Kunskapsloop_Followup_V1_DecisionKind) {
        switch value {
        case .phaseBreak: self = .phaseBreak
        case .baseline: self = .baseline
        case .withdrawal: self = .withdrawal
        default: return nil
        }
    }

    public var contract: Kunskapsloop_Followup_V1_DecisionKind {
        switch self {
        case .phaseBreak: .phaseBreak
        case .baseline: .baseline
        case .withdrawal: .withdrawal
        }
    }
}

extension Kunskapsloop_Followup_V1_Decision {
    /// - Parameter organisation: the decision's organisation with name and level (nil: every series).
    public init(_ d: ChartDecision, organisation: Kunskapsloop_Common_V1_OrganisationRef?) {
        self.init()
        id = d.id
        kind = d.kind.contract
        if let organisation { self.organisation = organisation }
        if let p = d.period { period = Kunskapsloop_Common_V1_Period(p) }
        baselineLength = Int32(d.baselineLength)
        withdrawnDecisionID = d.withdrawnDecisionID ?? ""
        reason = d.reason
        label = d.label
        author = d.author
        decidedAt = Google_Protobuf_Timestamp(date: Date(timeIntervalSince1970: d.decidedAt))
        withdrawnByDecisionID = d.withdrawnByDecisionID ?? ""
    }
}

extension Kunskapsloop_Common_V1_OrganisationRef {
    public init(_ organisation: Organisation) {
        self.init()
        id = organisation.id
        name = organisation.name
        level = organisation.level.contract
    }

    public init(id: String) {
        self.init()
        self.id = id
    }
}
