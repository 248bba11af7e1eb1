/// The CSV a quality register exports: one value per line, with a header naming the columns
/// `indicator`, `organisation`, `period` and `numerator` + `denominator` or `value` (and
/// optionally `stratum` as `dimension:value` and `note`). Swedish headers are read too
/// (`indikator`, `enhet`, `täljare`, `nämnare`, `värde`). Comma- or semicolon-separated; with
/// semicolons a decimal comma is read as a decimal point, as Swedish spreadsheets write it.
/// Quoted fields may hold separators and doubled quotes.
public enum MeasurementCSV {
    /// One data line as read.
    public struct Line: Sendable, Hashable {
        /// 1-based line number in the file.
        public let number: Int
        public let indicatorCode: String
        public let organisationID: String
        public let period: Period
        public let numerator: Double?
        public let denominator: Double?
        public let value: Double?
        public let stratum: Stratum?
        public let note: String
    }

    /// A line that could not be read.
    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        public let line: Int
        public let message: String

        public init(line: Int, message: String) {
            self.line = line
            self.message = message
        }

        public var description: String { "line \(line): \(message)" }
    }

    static let aliases: [String: String] = [
        "indicator": "indicator", "indicator_code": "indicator", "indikator": "indicator",
        "organisation": "organisation", "organisation_id": "organisation", "organization": "organisation", "enhet": "organisation",
        "org": "organisation", "period": "period", "numerator": "numerator", "täljare": "numerator", "taljare": "numerator",
        "denominator": "denominator", "nämnare": "denominator", "namnare": "denominator", "value": "value", "värde": "value",
        "varde": "value", "count": "numerator", "antal": "numerator", "stratum": "stratum", "note": "note", "kommentar": "note",
    ]

    /// Reads a file: the lines that are measurements, and a problem for every line that is not.
    /// Blank lines and lines starting with `#` are skipped.
    public static func parse(_ text: String) -> (lines: [Line], problems: [Problem]) {
        let rows = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        guard let headerIndex = rows.firstIndex(where: { !$0.trimmingSpaces.isEmpty && !$0.hasPrefix("#") }) else {
            return ([], [Problem(line: 1, message: "the file has no header line")])
        }
        let header = rows[headerIndex]
        let separator: Character = header.filter { $0 == ";" }.count > header.filter { $0 == "," }.count ? ";" : ","
        let names = fields(header, separator: separator).map { aliases[$0.trimmingSpaces.lowercased()] ?? "" }
        for required in ["indicator", "organisation", "period"] where !names.contains(required) {
            return (
                [],
                [
                    Problem(
                        line: headerIndex + 1,
                        message: "the header has no \(required) column (indicator, organisation, period, numerator, denominator or value)")
                ]
            )
        }
        guard names.contains("value") || names.contains("numerator") else {
            return ([], [Problem(line: headerIndex + 1, message: "the header has neither a numerator nor a value column")])
        }
        var lines: [Line] = []
        var problems: [Problem] = []
        for index in (headerIndex + 1)..<rows.count {
            let raw = rows[index]
            if raw.trimmingSpaces.isEmpty || raw.hasPrefix("#") { continue }
            let cells = fields(raw, separator: separator)
            var byName: [String: String] = [:]
            for (name, cell) in zip(names, cells) where !name.isEmpty { byName[name] = String(cell.trimmingSpaces) }
            switch line(byName, number: index + 1, decimalComma: separator == ";") {
            case .success(let line): lines.append(line)
            case .failure(let problem): problems.append(problem)
            }
        }
        return (lines, problems)
    }

    static func line(_ cells: [String: String], number: Int, decimalComma: Bool) -> Result<Line, Problem> {
        func fail(_ message: String) -> Result<Line, Problem> { .failure(Problem(line: number, message: message)) }
        let indicator = cells["indicator"] ?? ""
        let organisation = cells["organisation"] ?? ""
        let periodText = cells["period"] ?? ""
        guard !indicator.isEmpty else { return fail("no indicator") }
        guard !organisation.isEmpty else { return fail("no organisation") }
        guard !periodText.isEmpty else { return fail("no period") }
        let period: Period
        do { period = try Period(parsing: periodText) } catch { return fail(error.message) }
        func parse(_ name: String) -> Result<Double?, Problem> {
            guard var text = cells[name], !text.isEmpty else { return .success(nil) }
            text = String(text.filter { $0 != " " && $0 != "\u{00A0}" })
            if decimalComma { text = String(text.map { $0 == "," ? "." : $0 }) }
            guard let x = Double(text), x.isFinite else { return .failure(Problem(line: number, message: "\(name) '\(text.prefix(40))' is not a number")) }
            return .success(x)
        }
        let numerator: Double?
        let denominator: Double?
        let value: Double?
        switch (parse("numerator"), parse("denominator"), parse("value")) {
        case (.success(let n), .success(let d), .success(let v)): (numerator, denominator, value) = (n, d, v)
        case (.failure(let p), _, _), (_, .failure(let p), _), (_, _, .failure(let p)): return .failure(p)
        }
        guard numerator != nil || value != nil else { return fail("neither a numerator nor a value") }
        var stratum: Stratum?
        if let text = cells["stratum"], !text.isEmpty {
            let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { return fail("stratum '\(text.prefix(40))' is not dimension:value (e.g. kon:kvinnor)") }
            stratum = Stratum(dimension: parts[0], value: parts[1])
        }
        return .success(
            Line(
                number: number, indicatorCode: indicator, organisationID: organisation, period: period, numerator: numerator,
                denominator: denominator, value: value, stratum: stratum, note: cells["note"] ?? ""))
    }

    /// The fields of one line; quotes may hold separators and doubled quotes.
    static func fields(_ line: String, separator: Character) -> [String] {
        var result: [String] = []
        var current = ""
        var quoted = false
        var iterator = line.makeIterator()
        while let c = iterator.next() {
            if quoted {
                if c == "\"" {
                    // A doubled quote is a quote; a single one ends the quoted part.
                    var lookahead = iterator
                    if lookahead.next() == "\"" {
                        current.append("\"")
                        iterator = lookahead
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == separator {
                result.append(current)
                current = ""
            } else if c != "\r" {
                current.append(c)
            }
        }
        result.append(current)
        return result
    }

    /// The row to report for a line, in the shape of the indicator's value type; nil with a
    /// reason when the line lacks what the type needs.
    public static func row(_ line: Line, valueType: Indicator.ValueType) -> Result<ReportedRow, Problem> {
        func fail(_ message: String) -> Result<ReportedRow, Problem> { .failure(Problem(line: line.number, message: message)) }
        func whole(_ x: Double, _ name: String) -> Int64? { x == x.rounded() && abs(x) < 9e15 ? Int64(x) : nil }
        let value: MeasurementValue
        switch valueType {
        case .proportion:
            guard let n = line.numerator, let d = line.denominator else { return fail("a proportion needs numerator and denominator") }
            guard let ni = whole(n, "numerator"), let di = whole(d, "denominator") else { return fail("numerator and denominator are whole numbers") }
            value = .ratio(numerator: ni, denominator: di)
        case .rate:
            guard let n = line.numerator, let d = line.denominator else { return fail("a rate needs numerator (events) and denominator (exposure)") }
            guard let ni = whole(n, "numerator") else { return fail("the numerator (events) is a whole number") }
            value = .rate(count: ni, exposure: d)
        case .count:
            guard let c = line.numerator ?? line.value, let ci = whole(c, "count") else { return fail("a count needs a whole number (numerator or value)") }
            value = .count(ci)
        case .measurement:
            guard let v = line.value ?? line.numerator else { return fail("a measurement needs a value") }
            value = .value(v)
        }
        return .success(
            ReportedRow(
                indicatorCode: line.indicatorCode, organisationID: line.organisationID,
                period: .init(granularity: line.period.granularity, year: line.period.year, index: line.period.index),
                stratum: line.stratum, value: value, note: line.note))
    }
}
