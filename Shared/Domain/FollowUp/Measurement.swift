/// One result: one value per indicator × organisation × period × stratum, in the shape its
/// indicator's value type takes.
public struct Measurement: Sendable, Hashable {
    public let indicatorCode: String
    public let organisationID: String
    public let period: Period
    /// nil for the total.
    public let stratum: Stratum?
    public let value: MeasurementValue
    public let note: String

    public init(indicatorCode: String, organisationID: String, period: Period, stratum: Stratum?, value: MeasurementValue, note: String = "") {
        self.indicatorCode = indicatorCode
        self.organisationID = organisationID
        self.period = period
        self.stratum = stratum
        self.value = value
        self.note = note
    }

    /// What makes two rows the same value: indicator × organisation × period × stratum.
    public var key: MeasurementKey {
        MeasurementKey(indicatorCode: indicatorCode, organisationID: organisationID, period: period, stratum: stratum)
    }
}

/// indicator × organisation × period × stratum: a later value for the same key replaces the
/// earlier one, which is kept as a revision.
public struct MeasurementKey: Sendable, Hashable {
    public let indicatorCode: String
    public let organisationID: String
    public let period: Period
    public let stratum: Stratum?

    public init(indicatorCode: String, organisationID: String, period: Period, stratum: Stratum?) {
        self.indicatorCode = indicatorCode
        self.organisationID = organisationID
        self.period = period
        self.stratum = stratum
    }
}

/// A measurement's result, one shape per value type.
public enum MeasurementValue: Sendable, Hashable {
    case ratio(numerator: Int64, denominator: Int64)
    case rate(count: Int64, exposure: Double)
    case count(Int64)
    case value(Double)

    /// The value type this shape belongs to.
    public var valueType: Indicator.ValueType {
        switch self {
        case .ratio: .proportion
        case .rate: .rate
        case .count: .count
        case .value: .measurement
        }
    }

    /// Numerator (or count or value) and denominator (or exposure; nil for counts and values),
    /// as the analysis reads them.
    public var parts: (numerator: Double, denominator: Double?) {
        switch self {
        case .ratio(let n, let d): (Double(n), Double(d))
        case .rate(let c, let e): (Double(c), e)
        case .count(let c): (Double(c), nil)
        case .value(let v): (v, nil)
        }
    }

    /// The field name of the shape in the contract (`ratio`, `rate`, `count`, `value`).
    public var fieldName: String {
        switch self {
        case .ratio: "ratio"
        case .rate: "rate"
        case .count: "count"
        case .value: "value"
        }
    }
}

/// A row as received, before checking: any field may be missing or malformed.
public struct ReportedRow: Sendable, Hashable {
    /// A period as received: its parts, not yet known to exist.
    public struct PeriodParts: Sendable, Hashable {
        public let granularity: Period.Granularity?
        public let year: Int
        public let index: Int

        public init(granularity: Period.Granularity?, year: Int, index: Int) {
            self.granularity = granularity
            self.year = year
            self.index = index
        }
    }

    public var indicatorCode: String
    public var organisationID: String
    /// nil when absent.
    public var period: PeriodParts?
    /// nil (or both parts empty) for the total.
    public var stratum: Stratum?
    /// nil when no result member is set.
    public var value: MeasurementValue?
    public var note: String

    public init(
        indicatorCode: String, organisationID: String, period: PeriodParts?, stratum: Stratum? = nil,
        value: MeasurementValue?, note: String = ""
    ) {
        self.indicatorCode = indicatorCode
        self.organisationID = organisationID
        self.period = period
        self.stratum = stratum
        self.value = value
        self.note = note
    }
}
