import Domain
import Foundation
import PostgresNIO
import Storage

/// An indicator as stored, with when and by whom it changed.
struct StoredIndicator: Sendable {
    var indicator: Indicator
    var createdAt: Date
    var updatedAt: Date
    var updatedBy: String
    /// The indicator's latest period with a value anywhere (its grid's end); nil before any value.
    var latestOrdinal: Int?

    var latestPeriod: Period? { latestOrdinal.map { Period(ordinal: $0, granularity: indicator.granularity) } }
}

extension FollowUpStore {
    static let indicatorColumns = """
        code, name, definition, programme_area_id, knowledge_support_id, value_type, rate_multiplier, unit_label, direction_of_good,
        target, granularity, chart_type, rule_set, strata::text, source_kind, source_name, built_in, active, latest_ordinal,
        created_at, updated_at, updated_by
        """

    /// The indicators with these codes, by code; with `lock`, their rows are locked in code order
    /// until the transaction ends (re-analyses of one indicator run one at a time).
    func indicators(_ codes: Set<String>, lock: Bool = false, on connection: PostgresConnection) async throws -> [String: StoredIndicator] {
        guard !codes.isEmpty else { return [:] }
        let rows = try await connection.query(
            """
            SELECT \(unescaped: Self.indicatorColumns) FROM \(unescaped: table("indicators"))
            WHERE code = ANY(\(Array(codes))::text[]) ORDER BY code \(unescaped: lock ? "FOR UPDATE" : "")
            """, logger: logger)
        return try await decodeIndicators(rows).reduce(into: [:]) { $0[$1.indicator.code] = $1 }
    }

    func indicator(_ code: String, lock: Bool = false, on connection: PostgresConnection) async throws -> StoredIndicator? {
        try await indicators([code], lock: lock, on: connection)[code]
    }

    /// Indicators by name then code, after a position, with filters.
    func listIndicators(
        areaID: String?, supportID: String?, includeInactive: Bool, excludeBuiltIn: Bool, after: [String]?, limit: Int,
        on connection: PostgresConnection
    ) async throws -> (page: [StoredIndicator], total: Int) {
        let afterName = after?.first
        let afterCode = after?.last
        let rows = try await connection.query(
            """
            SELECT \(unescaped: Self.indicatorColumns) FROM \(unescaped: table("indicators"))
            WHERE (\(areaID)::text IS NULL OR programme_area_id = \(areaID)) AND (\(supportID)::text IS NULL OR knowledge_support_id = \(supportID))
              AND (\(includeInactive) OR active) AND NOT (\(excludeBuiltIn) AND built_in)
              AND (\(afterName)::text IS NULL OR (name, code) > (\(afterName), \(afterCode)))
            ORDER BY name, code LIMIT \(limit)
            """, logger: logger)
        let page = try await decodeIndicators(rows)
        let total =
            try await connection.query(
                """
                SELECT count(*) FROM \(unescaped: table("indicators"))
                WHERE (\(areaID)::text IS NULL OR programme_area_id = \(areaID)) AND (\(supportID)::text IS NULL OR knowledge_support_id = \(supportID))
                  AND (\(includeInactive) OR active) AND NOT (\(excludeBuiltIn) AND built_in)
                """, logger: logger
            ).all(Int.self).first ?? 0
        return (page, total)
    }

    /// Every indicator that has a measurement at one of `organisations`.
    func indicatorCodes(withMeasurementsAt organisations: [String], on connection: PostgresConnection) async throws -> Set<String> {
        guard !organisations.isEmpty else { return [] }
        let rows = try await connection.query(
            """
            SELECT DISTINCT indicator_code FROM \(unescaped: table("measurements")) WHERE organisation_id = ANY(\(organisations)::text[])
            """, logger: logger
        ).all(String.self)
        return Set(rows)
    }

    /// Stores a new indicator; false when the code is taken.
    func insert(_ indicator: Indicator, actor: String, at now: Date, on connection: PostgresConnection) async throws -> Bool {
        let (sourceKind, sourceName) = Self.source(indicator.source)
        let rows = try await connection.query(
            """
            INSERT INTO \(unescaped: table("indicators")) (code, name, definition, programme_area_id, knowledge_support_id, value_type,
                rate_multiplier, unit_label, direction_of_good, target, granularity, chart_type, rule_set, strata, source_kind, source_name,
                built_in, active, created_at, updated_at, updated_by)
            VALUES (\(indicator.code), \(indicator.name), \(indicator.definition), \(indicator.programmeAreaID), \(indicator.knowledgeSupportID),
                \(indicator.valueType.rawValue), \(indicator.rateMultiplier), \(indicator.unitLabel), \(indicator.directionOfGood.rawValue),
                \(indicator.target), \(indicator.granularity.rawValue), \(indicator.chartType.rawValue), \(indicator.ruleSet.rawValue),
                \(StrataJSON.encode(indicator.strata))::jsonb, \(sourceKind), \(sourceName), \(indicator.builtIn), \(indicator.active),
                \(now), \(now), \(actor))
            ON CONFLICT (code) DO NOTHING RETURNING 1
            """, logger: logger
        ).all(Int.self)
        return !rows.isEmpty
    }

    /// Writes a changed definition (the code stays).
    func update(_ indicator: Indicator, actor: String, at now: Date, on connection: PostgresConnection) async throws {
        let (sourceKind, sourceName) = Self.source(indicator.source)
        try await connection.query(
            """
            UPDATE \(unescaped: table("indicators")) SET name = \(indicator.name), definition = \(indicator.definition),
                programme_area_id = \(indicator.programmeAreaID), knowledge_support_id = \(indicator.knowledgeSupportID),
                value_type = \(indicator.valueType.rawValue), rate_multiplier = \(indicator.rateMultiplier), unit_label = \(indicator.unitLabel),
                direction_of_good = \(indicator.directionOfGood.rawValue), target = \(indicator.target),
                granularity = \(indicator.granularity.rawValue), chart_type = \(indicator.chartType.rawValue),
                rule_set = \(indicator.ruleSet.rawValue), strata = \(StrataJSON.encode(indicator.strata))::jsonb,
                source_kind = \(sourceKind), source_name = \(sourceName), active = \(indicator.active),
                updated_at = \(now), updated_by = \(actor)
            WHERE code = \(indicator.code)
            """, logger: logger)
    }

    func setLatestOrdinals(_ latest: [String: Int?], on connection: PostgresConnection) async throws {
        guard !latest.isEmpty else { return }
        let codes = Array(latest.keys)
        try await connection.query(
            """
            UPDATE \(unescaped: table("indicators")) AS i SET latest_ordinal = nullif(u.o, -2147483648)
            FROM unnest(\(codes)::text[], \(codes.map { latest[$0].flatMap { $0 } ?? Int(Int32.min) })::int[]) AS u(c, o)
            WHERE i.code = u.c AND i.latest_ordinal IS DISTINCT FROM nullif(u.o, -2147483648)
            """, logger: logger)
    }

    func hasMeasurements(_ code: String, on connection: PostgresConnection) async throws -> Bool {
        !(try await connection.query(
            "SELECT 1 FROM \(unescaped: table("measurements")) WHERE indicator_code = \(code) LIMIT 1",
            logger: logger
        ).all(Int.self)).isEmpty
    }

    private static func source(_ source: Indicator.Source) -> (String, String) {
        switch source {
        case .reportingSystem(let name): ("reporting_system", name)
        case .feedbackHelpfulness: ("feedback_helpfulness", "")
        }
    }

    private func decodeIndicators(_ rows: PostgresRowSequence) async throws -> [StoredIndicator] {
        var result: [StoredIndicator] = []
        for try await row in rows {
            let (code, name, definition, area, support, valueType, multiplier, unit, good) =
                try row.decode((String, String, String, String?, String?, String, Int, String, String).self)
            let r = row.makeRandomAccess()
            let target = try r[9].decode(Double?.self)
            let granularity = try r[10].decode(String.self)
            let chart = try r[11].decode(String.self)
            let rules = try r[12].decode(String.self)
            let strata = try r[13].decode(String.self)
            let sourceKind = try r[14].decode(String.self)
            let sourceName = try r[15].decode(String.self)
            let builtIn = try r[16].decode(Bool.self)
            let active = try r[17].decode(Bool.self)
            let latest = try r[18].decode(Int?.self)
            let created = try r[19].decode(Date.self)
            let updated = try r[20].decode(Date.self)
            let by = try r[21].decode(String.self)
            guard let valueType = Indicator.ValueType(rawValue: valueType), let good = DirectionOfGood(rawValue: good),
                let granularity = Period.Granularity(rawValue: granularity), let chart = ChartType(rawValue: chart),
                let rules = Indicator.RuleSetKind(rawValue: rules)
            else {
                logger.error("indicator \(code) has values this build cannot read; left out")
                continue
            }
            let indicator = Indicator(
                code: code, name: name, definition: definition, programmeAreaID: area, knowledgeSupportID: support, valueType: valueType,
                rateMultiplier: multiplier, unitLabel: unit, directionOfGood: good, target: target, granularity: granularity, chartType: chart,
                ruleSet: rules, strata: StrataJSON.decode(strata),
                source: sourceKind == "feedback_helpfulness" ? .feedbackHelpfulness : .reportingSystem(sourceName), builtIn: builtIn, active: active)
            result.append(StoredIndicator(indicator: indicator, createdAt: created, updatedAt: updated, updatedBy: by, latestOrdinal: latest))
        }
        return result
    }
}

/// Stratum dimensions as the `strata` jsonb column holds them.
enum StrataJSON {
    private struct Dimension: Codable {
        struct Value: Codable {
            let code: String
            let name: String
        }
        let code: String
        let name: String
        let values: [Value]
        let gapReferenceValue: String?
    }

    static func encode(_ strata: [StratumDimension]) -> String {
        let dimensions = strata.map { d in
            Dimension(code: d.code, name: d.name, values: d.values.map { .init(code: $0.code, name: $0.name) }, gapReferenceValue: d.gapReferenceValue)
        }
        return String(decoding: (try? JSONEncoder().encode(dimensions)) ?? Data("[]".utf8), as: UTF8.self)
    }

    static func decode(_ text: String) -> [StratumDimension] {
        guard let dimensions = try? JSONDecoder().decode([Dimension].self, from: Data(text.utf8)) else { return [] }
        return dimensions.map { d in
            StratumDimension(
                code: d.code, name: d.name, values: d.values.map { StratumValue(code: $0.code, name: $0.name) },
                gapReferenceValue: d.gapReferenceValue)
        }
    }
}
