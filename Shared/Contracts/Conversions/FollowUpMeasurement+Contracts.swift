import Domain
import Foundation
import SwiftProtobuf

extension ReportedRow {
    /// A row as received, for ``MeasurementCheck``: absent parts are nil.
    public init(_ m: Kunskapsloop_Followup_V1_Measurement) {
        let period: PeriodParts? =
            m.hasPeriod
            ? PeriodParts(granularity: Period.Granularity(m.period.granularity), year: Int(m.period.year), index: Int(m.period.index))
            : nil
        let value: MeasurementValue? =
            switch m.result {
            case .ratio(let r)?: .ratio(numerator: r.numerator, denominator: r.denominator)
            case .rate(let r)?: .rate(count: r.count, exposure: r.exposure)
            case .count(let c)?: .count(c)
            case .value(let v)?: .value(v)
            case nil: nil
            }
        self.init(
            indicatorCode: m.indicatorCode, organisationID: m.organisationID, period: period,
            stratum: m.hasStratum ? m.stratum.domain : nil, value: value, note: m.note)
    }
}

extension Kunskapsloop_Followup_V1_Measurement {
    /// A row to send (its parts as they are; the service checks them).
    public init(_ row: ReportedRow) {
        self.init()
        indicatorCode = row.indicatorCode
        organisationID = row.organisationID
        if let p = row.period {
            period = .with {
                $0.granularity = p.granularity?.contract ?? .unspecified
                $0.year = Int32(clamping: p.year)
                $0.index = Int32(clamping: p.index)
            }
        }
        if let s = row.stratum { stratum = Kunskapsloop_Followup_V1_Stratum(s) }
        switch row.value {
        case .ratio(let n, let d)?:
            ratio = .with {
                $0.numerator = n
                $0.denominator = d
            }
        case .rate(let c, let e)?:
            rate = .with {
                $0.count = c
                $0.exposure = e
            }
        case .count(let c)?: count = c
        case .value(let v)?: value = v
        case nil: break
        }
        note = row.note
    }

    public init(_ m: Domain.Measurement) {
        self.init()
        indicatorCode = m.indicatorCode
        organisationID = m.organisationID
        period = Kunskapsloop_Common_V1_Period(m.period)
        if let s = m.stratum { stratum = Kunskapsloop_Followup_V1_Stratum(s) }
        switch m.value {
        case .ratio(let n, let d):
            ratio = .with {
                $0.numerator = n
                $0.denominator = d
            }
        case .rate(let c, let e):
            rate = .with {
                $0.count = c
                $0.exposure = e
            }
        case .count(let c): count = c
        case .value(let v): value = v
        }
        note = m.note
    }
}

extension MeasurementProblem.Reason {
    public var contract: Kunskapsloop_Followup_V1_MeasurementProblemReason {
        switch self {
        case .undecodable: .undecodable
        case .wrongMessageType: .wrongMessageType
        case .tooManyMeasurements: .tooManyMeasurements
        case .missingField: .missingField
        case .unknownIndicator: .unknownIndicator
        case .unknownOrganisation: .unknownOrganisation
        case .unknownStratum: .unknownStratum
        case .wrongShape: .wrongShape
        case .numeratorAboveDenominator: .numeratorAboveDenominator
        case .negativeValue: .negativeValue
        case .notFinite: .notFinite
        case .invalidPeriod: .invalidPeriod
        case .periodGranularityMismatch: .periodGranularityMismatch
        case .periodInFuture: .periodInFuture
        case .duplicateInBatch: .duplicateInBatch
        case .builtInIndicator: .builtInIndicator
        }
    }
}

extension Kunskapsloop_Followup_V1_MeasurementProblem {
    /// - Parameter row: the refused row as received (nil for a whole-batch problem).
    public init(_ p: MeasurementProblem, row: Kunskapsloop_Followup_V1_Measurement?) {
        self.init()
        measurementIndex = Int32(p.index)
        reason = p.reason.contract
        field = p.field
        messageEn = p.english
        messageSv = p.swedish
        if let row { measurement = row }
    }
}
