extension Indicator {
    /// Checks a definition before it is stored.
    /// - Throws: ``IndicatorError`` naming the first field at fault (as the contract spells it,
    ///   under `indicator.`).
    public func validate() throws(IndicatorError) {
        try Self.validateCode(code)
        let trimmedName = name.trimmingSpaces
        guard !trimmedName.isEmpty else { throw .invalid("indicator.name", "a name is required") }
        guard name.count <= 200 else { throw .invalid("indicator.name", "the name is longer than 200 characters") }
        guard definition.count <= 4000 else { throw .invalid("indicator.definition", "the definition is longer than 4000 characters") }
        guard unitLabel.count <= 60 else { throw .invalid("indicator.unit_label", "the unit label is longer than 60 characters") }
        if valueType == .rate {
            guard rateMultiplier >= 1 else {
                throw .invalid("indicator.rate_multiplier", "a rate needs rate_multiplier ≥ 1 (e.g. 1000 for per 1 000 bed days)")
            }
        } else if rateMultiplier != 0 {
            throw .invalid("indicator.rate_multiplier", "rate_multiplier is only for rates; leave it 0 for a \(valueType.rawValue)")
        }
        guard granularity != .year else {
            throw .invalid("indicator.granularity", "values are reported per ISO week, month or quarter, not per year")
        }
        guard valueType.allowedCharts.contains(chartType) else {
            let allowed = valueType.allowedCharts.map(\.rawValue).sorted().joined(separator: ", ")
            throw .invalid("indicator.chart_type", "a \(chartType.rawValue) chart does not fit a \(valueType.rawValue); use one of \(allowed)")
        }
        if let target {
            guard target.isFinite else { throw .invalid("indicator.target", "the target is not a finite number") }
            if valueType == .proportion, !(0...1).contains(target) {
                throw .invalid("indicator.target", "a proportion's target is between 0 and 1 (0.9 for 90 %)")
            }
        }
        try Self.validate(strata)
    }

    /// `hjartsvikt-uppfoljning-30d`: lower-case letters, digits, '-' and '.', 3–100 characters.
    public static func validateCode(_ code: String) throws(IndicatorError) {
        guard !code.isEmpty else { throw .invalid("indicator.code", "a code is required") }
        guard (3...100).contains(code.count), code.unicodeScalars.allSatisfy(isCodeScalar),
            let first = code.unicodeScalars.first, ("a"..."z").contains(first) || ("0"..."9").contains(first)
        else {
            throw .invalid("indicator.code", "the code must be 3–100 characters of a–z, 0–9, '-' and '.', starting with a letter or digit")
        }
    }

    static func isCodeScalar(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("0"..."9").contains(s) || s == "-" || s == "."
    }

    static func validate(_ strata: [StratumDimension]) throws(IndicatorError) {
        var dimensions = Set<String>()
        for (i, dimension) in strata.enumerated() {
            let field = "indicator.strata[\(i)]"
            guard Stratum.isCode(dimension.code) else {
                throw .invalid("\(field).code", "a dimension's code is 1–40 characters of a–z, 0–9, '-' and '_'")
            }
            guard dimensions.insert(dimension.code).inserted else { throw .invalid("\(field).code", "the dimension '\(dimension.code)' is listed twice") }
            guard !dimension.name.trimmingSpaces.isEmpty else { throw .invalid("\(field).name", "a dimension needs a name") }
            guard dimension.values.count >= 2 else { throw .invalid("\(field).values", "a dimension needs at least two values") }
            var values = Set<String>()
            for (j, value) in dimension.values.enumerated() {
                guard Stratum.isCode(value.code) else {
                    throw .invalid("\(field).values[\(j)].code", "a value's code is 1–40 characters of a–z, 0–9, '-' and '_'")
                }
                guard values.insert(value.code).inserted else { throw .invalid("\(field).values[\(j)].code", "the value '\(value.code)' is listed twice") }
            }
            if let reference = dimension.gapReferenceValue, !values.contains(reference) {
                throw .invalid("\(field).gap_reference_value", "the gap reference '\(reference)' is not one of the dimension's values")
            }
        }
    }

    /// Whether `new` keeps every dimension and value of `old` that measurements may already use
    /// (dimensions and values can be added, not removed).
    public static func keepsStrata(of old: [StratumDimension], in new: [StratumDimension]) -> Bool {
        old.allSatisfy { dimension in
            guard let kept = new.first(where: { $0.code == dimension.code }) else { return false }
            return dimension.values.allSatisfy { value in kept.values.contains { $0.code == value.code } }
        }
    }
}
