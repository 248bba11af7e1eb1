/// Checks the rows of a batch, each on its own: the good ones become measurements, every bad one
/// a ``MeasurementProblem`` naming its index, field and reason. Nothing in a row can stop the
/// others.
public struct MeasurementCheck: Sendable {
    /// The indicators rows may name, by code.
    public let indicators: [String: Indicator]
    /// The organisations the catalog knows.
    public let organisations: Set<String>
    /// Today in Europe/Stockholm: a period that starts after it is in the future.
    public let today: CivilDate
    /// Whether built-in indicators take values (only the service itself gives them).
    public let allowBuiltIn: Bool

    /// - Parameters:
    ///   - allowBuiltIn: Defaults to `false`: reported rows may not name built-in indicators.
    public init(indicators: [String: Indicator], organisations: Set<String>, today: CivilDate, allowBuiltIn: Bool = false) {
        self.indicators = indicators
        self.organisations = organisations
        self.today = today
        self.allowBuiltIn = allowBuiltIn
    }

    /// Checks every row; a key seen earlier in the batch refuses the later row.
    public func check(_ rows: [ReportedRow]) -> (accepted: [(index: Int, measurement: Measurement)], problems: [MeasurementProblem]) {
        var accepted: [(Int, Measurement)] = []
        var problems: [MeasurementProblem] = []
        var seen = Set<MeasurementKey>()
        accepted.reserveCapacity(rows.count)
        seen.reserveCapacity(rows.count)
        for (index, row) in rows.enumerated() {
            switch check(row, index: index) {
            case .failure(let problem):
                problems.append(problem)
            case .success(let measurement):
                if seen.insert(measurement.key).inserted {
                    accepted.append((index, measurement))
                } else {
                    problems.append(
                        MeasurementProblem(
                            index: index, .duplicateInBatch, field: "",
                            english: "the same indicator, organisation, period and stratum came earlier in this batch; the earlier row was taken",
                            swedish: "samma indikator, organisation, period och stratum fanns tidigare i sändningen; den tidigare raden togs"))
                }
            }
        }
        return (accepted, problems)
    }

    /// Checks one row.
    public func check(_ row: ReportedRow, index: Int) -> Result<Measurement, MeasurementProblem> {
        func problem(_ reason: MeasurementProblem.Reason, _ field: String, _ english: String, _ swedish: String) -> Result<Measurement, MeasurementProblem> {
            .failure(MeasurementProblem(index: index, reason, field: field, english: english, swedish: swedish))
        }
        func missing(_ field: String) -> Result<Measurement, MeasurementProblem> {
            problem(.missingField, field, "\(field) is required", "\(field) saknas")
        }
        guard !row.indicatorCode.trimmingSpaces.isEmpty else { return missing("indicator_code") }
        guard !row.organisationID.trimmingSpaces.isEmpty else { return missing("organisation_id") }
        guard let parts = row.period else { return missing("period") }
        guard let value = row.value else { return missing("result") }
        let code = Self.quote(row.indicatorCode)
        guard let indicator = indicators[row.indicatorCode] else {
            return problem(.unknownIndicator, "indicator_code", "no indicator has the code \(code)", "ingen indikator har koden \(code)")
        }
        guard indicator.active else {
            return problem(
                .unknownIndicator, "indicator_code", "the indicator \(code) is no longer followed (inactive) and takes no new values",
                "indikatorn \(code) följs inte längre upp (inaktiv) och tar inte emot nya värden")
        }
        guard allowBuiltIn || !indicator.builtIn else {
            return problem(
                .builtInIndicator, "indicator_code", "the indicator \(code) is computed by the service and takes no reported values",
                "indikatorn \(code) beräknas av tjänsten och tar inte emot rapporterade värden")
        }
        guard organisations.contains(row.organisationID) else {
            let id = Self.quote(row.organisationID)
            return problem(
                .unknownOrganisation, "organisation_id", "no organisation in the catalog has the id \(id)",
                "ingen organisation i katalogen har id \(id)")
        }
        if let stratum = row.stratum {
            guard let dimension = indicator.dimension(stratum.dimension) else {
                let d = Self.quote(stratum.dimension)
                return problem(
                    .unknownStratum, "stratum.dimension", "the indicator has no stratum dimension \(d)", "indikatorn har ingen stratumdimension \(d)")
            }
            guard dimension.value(stratum.value) != nil else {
                let v = Self.quote(stratum.value)
                return problem(
                    .unknownStratum, "stratum.value", "the dimension '\(dimension.code)' has no value \(v)",
                    "dimensionen '\(dimension.code)' har inget värde \(v)")
            }
        }
        let period: Period
        switch Self.period(parts) {
        case .failure(let error):
            return problem(.invalidPeriod, "period", error.message, "perioden finns inte: \(error.message)")
        case .success(let p):
            period = p
        }
        guard period.granularity == indicator.granularity else {
            return problem(
                .periodGranularityMismatch, "period.granularity",
                "\(period) is a \(period.granularity.rawValue); the indicator is reported per \(indicator.granularity.rawValue)",
                "\(period) är fel sorts period; indikatorn rapporteras per \(Self.swedish(indicator.granularity))")
        }
        guard period.hasStarted(on: today) else {
            return problem(
                .periodInFuture, "period", "\(period) has not started yet (it starts \(period.start))",
                "\(period) har inte börjat än (den börjar \(period.start))")
        }
        if let shapeProblem = Self.shapeProblem(value, indicator: indicator) {
            return problem(shapeProblem.0, shapeProblem.1, shapeProblem.2, shapeProblem.3)
        }
        return .success(
            Measurement(
                indicatorCode: row.indicatorCode, organisationID: row.organisationID, period: period,
                stratum: row.stratum, value: value, note: row.note))
    }

    /// Why a result does not fit its indicator: reason, field, English, Swedish; nil when it fits.
    static func shapeProblem(_ value: MeasurementValue, indicator: Indicator) -> (MeasurementProblem.Reason, String, String, String)? {
        guard value.valueType == indicator.valueType else {
            let expected = ["proportion": "ratio", "rate": "rate", "count": "count", "measurement": "value"][indicator.valueType.rawValue] ?? ""
            return (
                .wrongShape, value.fieldName, "a \(value.fieldName) does not fit a \(indicator.valueType.rawValue) indicator; send \(expected)",
                "\(value.fieldName) passar inte en indikator av typen \(indicator.valueType.rawValue); skicka \(expected)"
            )
        }
        func negative(_ field: String) -> (MeasurementProblem.Reason, String, String, String) {
            (.negativeValue, field, "\(field) is negative", "\(field) är negativt")
        }
        func notFinite(_ field: String) -> (MeasurementProblem.Reason, String, String, String) {
            (.notFinite, field, "\(field) is not a finite number", "\(field) är inget ändligt tal")
        }
        switch value {
        case .ratio(let n, let d):
            if n < 0 { return negative("ratio.numerator") }
            if d < 0 { return negative("ratio.denominator") }
            if n > d {
                return (
                    .numeratorAboveDenominator, "ratio.numerator", "the numerator \(n) is above the denominator \(d)",
                    "täljaren \(n) är större än nämnaren \(d)"
                )
            }
        case .rate(let c, let e):
            if c < 0 { return negative("rate.count") }
            if !e.isFinite { return notFinite("rate.exposure") }
            if e < 0 { return negative("rate.exposure") }
        case .count(let c):
            if c < 0 { return negative("count") }
        case .value(let v):
            if !v.isFinite { return notFinite("value") }
            if v < 0 { return negative("value") }
        }
        return nil
    }

    /// The period the parts name, or why none exists.
    public static func period(_ parts: ReportedRow.PeriodParts) -> Result<Period, PeriodError> {
        guard let granularity = parts.granularity else { return .failure(PeriodError(.invalidPeriod, "the period has no granularity")) }
        guard (1...9999).contains(parts.year) else { return .failure(PeriodError(.invalidPeriod, "the year \(parts.year) is out of range")) }
        do throws(PeriodError) {
            switch granularity {
            case .isoWeek: return .success(try Period.isoWeek(parts.year, parts.index))
            case .month: return .success(try Period.month(parts.year, parts.index))
            case .quarter: return .success(try Period.quarter(parts.year, parts.index))
            case .year:
                guard parts.index == 1 || parts.index == 0 else { return .failure(PeriodError(.invalidPeriod, "a year's index is 1")) }
                return .success(Period.year(parts.year))
            }
        } catch {
            return .failure(error)
        }
    }

    static func swedish(_ g: Period.Granularity) -> String {
        switch g {
        case .isoWeek: "vecka"
        case .month: "månad"
        case .quarter: "kvartal"
        case .year: "år"
        }
    }

    /// A value from the row, at most 60 characters, in quotes.
    static func quote(_ text: String) -> String {
        text.count > 60 ? "'\(text.prefix(60))…'" : "'\(text)'"
    }
}
