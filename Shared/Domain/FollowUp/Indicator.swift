/// A quality measure followed over time per organisation, period and stratum: what kind of number
/// it is, which way is good, how its series are read (chart, rule set) and where its values come
/// from. Decisions (phase breaks, baselines) are kept apart, as ``ChartDecision``s.
public struct Indicator: Sendable, Hashable {
    /// What kind of number an indicator is: it decides the measurement's shape, how values add up
    /// the organisation tree and the default chart.
    public enum ValueType: String, Sendable, Hashable, CaseIterable {
        /// numerator of denominator, 0–1; sums of numerators and denominators aggregate.
        case proportion
        /// events per exposure, shown per ``Indicator/rateMultiplier``; counts and exposures aggregate.
        case rate
        /// events per period; counts aggregate.
        case count
        /// a continuous value (median waiting days); never aggregated.
        case measurement

        /// The chart a new indicator of this type gets unless one is chosen.
        public var defaultChart: ChartType {
            switch self {
            case .proportion: .p
            case .rate: .u
            case .count: .c
            case .measurement: .i
            }
        }

        /// The charts this type may be read on.
        public var allowedCharts: Set<ChartType> {
            switch self {
            case .proportion: [.run, .p, .pPrime]
            case .rate: [.run, .u, .uPrime]
            case .count: [.run, .c, .i]
            case .measurement: [.run, .i]
            }
        }

        /// Whether values of organisations below add up to their parent's.
        public var aggregates: Bool { self != .measurement }
    }

    /// The named rule sets an indicator can be read with.
    public enum RuleSetKind: String, Sendable, Hashable, CaseIterable {
        /// Anhøj's runs rules, and points beyond 3 sigma on control charts (qicharts2).
        case anhoej
        /// NHS Making Data Count: shift 7, trend 6, beyond 3 sigma, 2 of 3 beyond 2 sigma.
        case nhs
    }

    /// Where the values come from.
    public enum Source: Sendable, Hashable {
        /// Reported by other systems; the name of the usual sender, for people.
        case reportingSystem(String)
        /// Built in: the helpfulness share from the feedback service's summaries.
        case feedbackHelpfulness
    }

    public var code: String
    public var name: String
    /// What is measured and how, in Swedish.
    public var definition: String
    public var programmeAreaID: String?
    /// The catalog id of the knowledge support it follows up.
    public var knowledgeSupportID: String?
    public var valueType: ValueType
    /// Exposure units a rate is shown per (1000 for "per 1 000 vårddagar"); 0 for other types.
    public var rateMultiplier: Int
    public var unitLabel: String
    public var directionOfGood: DirectionOfGood
    /// On the chart's scale (proportions 0–1, rates per ``rateMultiplier``).
    public var target: Double?
    public var granularity: Period.Granularity
    public var chartType: ChartType
    public var ruleSet: RuleSetKind
    public var strata: [StratumDimension]
    public var source: Source
    public var builtIn: Bool
    public var active: Bool

    /// Creates an indicator.
    /// - Parameters:
    ///   - chartType: Defaults to `nil`: the value type's ``ValueType/defaultChart``.
    ///   - ruleSet: Defaults to ``RuleSetKind/anhoej``.
    ///   - rateMultiplier: Defaults to 0 (required ≥ 1 for rates).
    ///   - source: Defaults to a reporting system without a name.
    public init(
        code: String, name: String, definition: String = "", programmeAreaID: String? = nil, knowledgeSupportID: String? = nil,
        valueType: ValueType, rateMultiplier: Int = 0, unitLabel: String = "", directionOfGood: DirectionOfGood = .neither,
        target: Double? = nil, granularity: Period.Granularity, chartType: ChartType? = nil, ruleSet: RuleSetKind = .anhoej,
        strata: [StratumDimension] = [], source: Source = .reportingSystem(""), builtIn: Bool = false, active: Bool = true
    ) {
        self.code = code
        self.name = name
        self.definition = definition
        self.programmeAreaID = programmeAreaID
        self.knowledgeSupportID = knowledgeSupportID
        self.valueType = valueType
        self.rateMultiplier = rateMultiplier
        self.unitLabel = unitLabel
        self.directionOfGood = directionOfGood
        self.target = target
        self.granularity = granularity
        self.chartType = chartType ?? valueType.defaultChart
        self.ruleSet = ruleSet
        self.strata = strata
        self.source = source
        self.builtIn = builtIn
        self.active = active
    }

    /// Factor from the analysed value (numerator / denominator) to the chart's scale.
    public var displayScale: Double { valueType == .rate ? Double(max(rateMultiplier, 1)) : 1 }

    /// The dimension with this code.
    public func dimension(_ code: String) -> StratumDimension? { strata.first { $0.code == code } }

    /// Every population analysed for an organisation: the total, each stratum value, and each
    /// equity gap (value − reference) of dimensions that name a reference.
    public var populations: [SeriesPopulation] {
        var result: [SeriesPopulation] = [.total]
        for dimension in strata {
            for value in dimension.values { result.append(.stratum(Stratum(dimension: dimension.code, value: value.code))) }
        }
        for dimension in strata {
            guard let reference = dimension.gapReferenceValue else { continue }
            for value in dimension.values where value.code != reference {
                result.append(.gap(Stratum(dimension: dimension.code, value: value.code), reference: reference))
            }
        }
        return result
    }
}

extension Indicator {
    /// The code of the built-in helpfulness indicator of a knowledge support at a granularity:
    /// `feedback-helpful-week.<id>` or `feedback-helpful-month.<id>`.
    public static func helpfulnessCode(knowledgeSupportID: String, granularity: Period.Granularity) -> String {
        "feedback-helpful-\(granularity == .isoWeek ? "week" : "month").\(knowledgeSupportID.lowercased())"
    }

    /// The built-in indicator "Andel som fick hjälp av informationen" for a knowledge support:
    /// a proportion, higher is better, on a p chart, per ISO week or month.
    public static func helpfulness(knowledgeSupportID: String, supportTitle: String?, granularity: Period.Granularity) -> Indicator {
        let per = granularity == .isoWeek ? "vecka" : "månad"
        let about = supportTitle.map { " om ”\($0)”" } ?? ""
        return Indicator(
            code: helpfulnessCode(knowledgeSupportID: knowledgeSupportID, granularity: granularity),
            name: "Andel som fick hjälp av informationen",
            definition: "Andelen svar ”ja” av alla svar på frågan ”Hjälpte informationen dig?”\(about), per \(per), "
                + "ur återkopplingstjänstens sammanställningar. Svar utan organisation räknas för hela landet.",
            knowledgeSupportID: knowledgeSupportID.lowercased(), valueType: .proportion, unitLabel: "%", directionOfGood: .higher,
            granularity: granularity, chartType: .p, source: .feedbackHelpfulness, builtIn: true)
    }
}
