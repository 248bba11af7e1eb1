import CatalogProjection
import Domain
import Foundation
import PostgresNIO

/// A signal as stored: its lifecycle record and what the service says about it.
struct StoredSignal: Sendable {
    var record: SignalRecord
    /// `anhoej` or `nhs` (the indicator's rule set when found).
    var ruleSet: String
    var ruleSetVersion: String
    var reading: String
    var closeReading: String
}

/// Filters of a signal listing (empty ones do not filter).
struct SignalFilter: Sendable, Hashable, Codable {
    var statuses: [String] = []
    var indicatorCode: String?
    var organisationID: String?
    var includeDescendants = false
    var programmeAreaID: String?
    var rules: [String] = []
    var directions: [String] = []
    var minimumSeverity = 0
    var changedSince: Date?
}

extension FollowUpStore {
    static let signalColumns = """
        s.id::text, s.indicator_code, s.organisation_id, s.population, s.rule, s.onset_ordinal, s.side, s.direction, s.severity, s.phase,
        s.periods, s.status, s.close_reason, s.comparison_parent_id, s.rule_set, s.rule_set_version, s.reading, s.close_reading,
        s.raised_at, s.updated_at, s.closed_at, s.history::text
        """

    static let signalColumnsWithoutHistory = signalColumns.replacingOccurrences(of: "s.history::text", with: "'[]'::text")

    /// The open signals of these indicators, without their history (the lifecycle only appends to it).
    func openSignals(_ codes: Set<String>, granularity: [String: Period.Granularity], on connection: PostgresConnection) async throws -> [StoredSignal] {
        guard !codes.isEmpty else { return [] }
        return try await decodeSignals(
            connection.query(
                """
                SELECT \(unescaped: Self.signalColumnsWithoutHistory) FROM \(unescaped: table("signals")) s
                WHERE s.indicator_code = ANY(\(Array(codes))::text[]) AND s.status = 'open'
                """, logger: logger), granularity: granularity)
    }

    /// The signals (open or closed) with these identities, without their history.
    func signals(keys: [SignalKey], granularity: [String: Period.Granularity], on connection: PostgresConnection) async throws -> [StoredSignal] {
        guard !keys.isEmpty else { return [] }
        return try await decodeSignals(
            connection.query(
                """
                SELECT \(unescaped: Self.signalColumnsWithoutHistory) FROM \(unescaped: table("signals")) s
                JOIN unnest(\(keys.map(\.indicatorCode))::text[], \(keys.map(\.organisationID))::text[], \(keys.map(\.population))::text[],
                            \(keys.map(\.rule.rawValue))::text[], \(keys.map(\.onset.ordinal))::int[]) AS k(c, o, p, r, n)
                  ON s.indicator_code = k.c AND s.organisation_id = k.o AND s.population = k.p AND s.rule = k.r AND s.onset_ordinal = k.n
                """, logger: logger), granularity: granularity)
    }

    /// The full histories of these signals, by id.
    func histories(_ ids: [String], granularity: [String: Period.Granularity], on connection: PostgresConnection) async throws -> [String: [SignalChange]] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await connection.query(
            """
            SELECT id::text, indicator_code, history::text FROM \(unescaped: table("signals")) WHERE id = ANY(\(ids)::uuid[])
            """, logger: logger
        ).all(String.self, String.self, String.self)
        var result: [String: [SignalChange]] = [:]
        for (id, code, history) in rows {
            guard let g = granularity[code] else { continue }
            result[id] = SignalHistoryJSON.decode(history, granularity: g)
        }
        return result
    }

    /// The comparison signals of one indicator, population and period.
    func funnelSignals(indicatorCode: String, population: String, onset: Period, on connection: PostgresConnection) async throws -> [StoredSignal] {
        try await decodeSignals(
            connection.query(
                """
                SELECT \(unescaped: Self.signalColumnsWithoutHistory) FROM \(unescaped: table("signals")) s
                WHERE s.indicator_code = \(indicatorCode) AND s.population = \(population) AND s.rule = 'funnel_outlier'
                  AND s.onset_ordinal = \(onset.ordinal)
                """, logger: logger), granularity: [indicatorCode: onset.granularity])
    }

    /// The signals of one series.
    func signals(of id: SeriesID, granularity: Period.Granularity, on connection: PostgresConnection) async throws -> [StoredSignal] {
        try await decodeSignals(
            connection.query(
                """
                SELECT \(unescaped: Self.signalColumns) FROM \(unescaped: table("signals")) s
                WHERE s.indicator_code = \(id.indicatorCode) AND s.organisation_id = \(id.organisationID) AND s.population = \(id.population)
                ORDER BY s.onset_ordinal, s.rule
                """, logger: logger), granularity: [id.indicatorCode: granularity])
    }

    func signal(id: String, granularity: (String) async throws -> Period.Granularity?, on connection: PostgresConnection) async throws -> StoredSignal? {
        guard UUID(uuidString: id) != nil else { return nil }
        let rows = try await connection.query(
            """
            SELECT indicator_code FROM \(unescaped: table("signals")) WHERE id = \(id)::uuid
            """, logger: logger
        ).all(String.self)
        guard let code = rows.first, let g = try await granularity(code) else { return nil }
        return try await decodeSignals(
            connection.query(
                """
                SELECT \(unescaped: Self.signalColumns) FROM \(unescaped: table("signals")) s WHERE s.id = \(id)::uuid
                """, logger: logger), granularity: [code: g]
        ).first
    }

    /// A page of signals: open first, then by time changed, newest first.
    func listSignals(
        _ filter: SignalFilter, offset: Int, limit: Int, granularity: [String: Period.Granularity],
        on connection: PostgresConnection
    ) async throws -> (page: [StoredSignal], total: Int) {
        let page = try await decodeSignals(
            connection.query(
                signalQuery(
                    filter, select: "SELECT \(Self.signalColumns)",
                    tail: "ORDER BY (s.status <> 'open'), s.updated_at DESC, s.id LIMIT \(limit) OFFSET \(offset)"),
                logger: logger), granularity: granularity)
        let total = try await connection.query(signalQuery(filter, select: "SELECT count(*)", tail: ""), logger: logger).all(Int.self).first ?? 0
        return (page, total)
    }

    private func signalQuery(_ filter: SignalFilter, select: String, tail: String) -> PostgresQuery {
        let (statuses, rules, directions) = (filter.statuses, filter.rules, filter.directions)
        let org = filter.organisationID
        let descend = filter.includeDescendants
        return """
            \(unescaped: select) FROM \(unescaped: table("signals")) s
            WHERE (cardinality(\(statuses)::text[]) = 0 OR s.status = ANY(\(statuses)::text[]))
              AND (\(filter.indicatorCode)::text IS NULL OR s.indicator_code = \(filter.indicatorCode))
              AND (\(org)::text IS NULL OR s.organisation_id = \(org) OR (\(descend) AND EXISTS (
                  SELECT 1 FROM \(unescaped: catalog.table("organisations")) o WHERE o.id = s.organisation_id AND \(org) = ANY(o.ancestor_ids))))
              AND (\(filter.programmeAreaID)::text IS NULL OR EXISTS (SELECT 1 FROM \(unescaped: table("indicators")) i
                  WHERE i.code = s.indicator_code AND i.programme_area_id = \(filter.programmeAreaID)))
              AND (cardinality(\(rules)::text[]) = 0 OR s.rule = ANY(\(rules)::text[]))
              AND (cardinality(\(directions)::text[]) = 0 OR s.direction = ANY(\(directions)::text[]))
              AND s.severity >= \(filter.minimumSeverity)
              AND (\(filter.changedSince)::timestamptz IS NULL OR s.updated_at >= \(filter.changedSince))
            \(unescaped: tail)
            """
    }

    /// Inserts new signals and rewrites changed ones; a record's `history` holds the entries to
    /// append (a new signal's whole history).
    func write(_ signals: [StoredSignal], on connection: PostgresConnection) async throws {
        guard !signals.isEmpty else { return }
        let r = signals.map(\.record)
        let periods = r.map { "{" + $0.periods.map { String($0.ordinal) }.joined(separator: ",") + "}" }
        try await connection.query(
            """
            INSERT INTO \(unescaped: table("signals")) AS s (id, indicator_code, organisation_id, population, rule, onset_ordinal, side, direction,
                severity, phase, periods, status, close_reason, comparison_parent_id, rule_set, rule_set_version, reading, close_reading,
                raised_at, updated_at, closed_at, history)
            SELECT id, c, o, p, ru, on_, si, di, se, ph, pe::int[], st, nullif(cr, ''), nullif(cp, ''), rs, rv, rd, cd, ra, ua,
                   nullif(ca, 'epoch'::timestamptz), h::jsonb
            FROM unnest(\(r.map(\.id))::uuid[], \(r.map(\.key.indicatorCode))::text[], \(r.map(\.key.organisationID))::text[],
                        \(r.map(\.key.population))::text[], \(r.map(\.key.rule.rawValue))::text[], \(r.map(\.key.onset.ordinal))::int[],
                        \(r.map(\.side.rawValue))::text[], \(r.map(\.direction.rawValue))::text[], \(r.map(\.severity.rawValue))::int2[],
                        \(r.map(\.phase))::int[], \(periods)::text[], \(r.map(\.status.rawValue))::text[],
                        \(r.map { $0.closeReason?.rawValue ?? "" })::text[], \(r.map { $0.comparisonParentID ?? "" })::text[],
                        \(signals.map(\.ruleSet))::text[], \(signals.map(\.ruleSetVersion))::text[], \(signals.map(\.reading))::text[],
                        \(signals.map(\.closeReading))::text[], \(r.map { Date(timeIntervalSince1970: $0.raisedAt) })::timestamptz[],
                        \(r.map { Date(timeIntervalSince1970: $0.updatedAt) })::timestamptz[],
                        \(r.map { Date(timeIntervalSince1970: $0.closedAt ?? 0) })::timestamptz[],
                        \(r.map { SignalHistoryJSON.encode($0.history) })::text[])
                AS u(id, c, o, p, ru, on_, si, di, se, ph, pe, st, cr, cp, rs, rv, rd, cd, ra, ua, ca, h)
            ON CONFLICT (id) DO UPDATE SET side = EXCLUDED.side, direction = EXCLUDED.direction, severity = EXCLUDED.severity,
                phase = EXCLUDED.phase, periods = EXCLUDED.periods, status = EXCLUDED.status, close_reason = EXCLUDED.close_reason,
                comparison_parent_id = EXCLUDED.comparison_parent_id, rule_set = EXCLUDED.rule_set, rule_set_version = EXCLUDED.rule_set_version,
                reading = EXCLUDED.reading, close_reading = EXCLUDED.close_reading, updated_at = EXCLUDED.updated_at,
                closed_at = EXCLUDED.closed_at, history = s.history || EXCLUDED.history
            """, logger: logger)
    }

    private func decodeSignals(_ rows: PostgresRowSequence, granularity: [String: Period.Granularity]) async throws -> [StoredSignal] {
        var result: [StoredSignal] = []
        for try await row in rows {
            let (id, code, org, population, rule, onset, side, direction, severity, phase) =
                try row.decode((String, String, String, String, String, Int, String, String, Int, Int).self)
            let r = row.makeRandomAccess()
            let periods = try r[10].decode([Int].self)
            let status = try r[11].decode(String.self)
            let reason = try r[12].decode(String?.self)
            let parent = try r[13].decode(String?.self)
            let ruleSet = try r[14].decode(String.self)
            let version = try r[15].decode(String.self)
            let reading = try r[16].decode(String.self)
            let closeReading = try r[17].decode(String.self)
            let raised = try r[18].decode(Date.self)
            let updated = try r[19].decode(Date.self)
            let closed = try r[20].decode(Date?.self)
            let history = try r[21].decode(String.self)
            guard let g = granularity[code], let rule = SignalRule(rawValue: rule), let side = SignalSide(rawValue: side),
                let direction = SignalDirection(rawValue: direction), let severity = Severity(rawValue: severity),
                let status = SignalRecord.Status(rawValue: status)
            else {
                logger.error("signal \(id) has values this build cannot read; left out")
                continue
            }
            let key = SignalKey(
                indicatorCode: code, organisationID: org, population: population, rule: rule,
                onset: Period(ordinal: onset, granularity: g))
            let record = SignalRecord(
                id: id, key: key, side: side, direction: direction, severity: severity, phase: phase,
                periods: periods.map { Period(ordinal: $0, granularity: g) }, status: status,
                closeReason: reason.flatMap(SignalCloseReason.init(rawValue:)), comparisonParentID: parent,
                raisedAt: raised.timeIntervalSince1970, updatedAt: updated.timeIntervalSince1970, closedAt: closed?.timeIntervalSince1970,
                history: SignalHistoryJSON.decode(history, granularity: g))
            result.append(StoredSignal(record: record, ruleSet: ruleSet, ruleSetVersion: version, reading: reading, closeReading: closeReading))
        }
        return result
    }
}

/// A signal's history as the `history` jsonb column holds it.
enum SignalHistoryJSON {
    private struct Entry: Codable {
        let kind: String
        let at: Double
        let last: Int
        let reason: String?
        let cause: String
    }

    static func encode(_ history: [SignalChange]) -> String {
        let entries = history.map { Entry(kind: $0.kind.rawValue, at: $0.at, last: $0.lastPeriod.ordinal, reason: $0.closeReason?.rawValue, cause: $0.cause) }
        return String(decoding: (try? JSONEncoder().encode(entries)) ?? Data("[]".utf8), as: UTF8.self)
    }

    static func decode(_ text: String, granularity: Period.Granularity) -> [SignalChange] {
        guard let entries = try? JSONDecoder().decode([Entry].self, from: Data(text.utf8)) else { return [] }
        return entries.compactMap { e in
            guard let kind = SignalChange.Kind(rawValue: e.kind) else { return nil }
            return SignalChange(
                kind: kind, at: e.at, lastPeriod: Period(ordinal: e.last, granularity: granularity),
                closeReason: e.reason.flatMap(SignalCloseReason.init(rawValue:)), cause: e.cause)
        }
    }
}

extension FollowUpStore {
    /// Open signals at one organisation by indicator code and population key.
    func openSignalCounts(organisationID: String, indicatorCode: String? = nil, on connection: PostgresConnection) async throws -> [String: [String: Int]] {
        let rows = try await connection.query(
            """
            SELECT indicator_code, population, count(*)::int FROM \(unescaped: table("signals"))
            WHERE organisation_id = \(organisationID) AND status = 'open' AND (\(indicatorCode)::text IS NULL OR indicator_code = \(indicatorCode))
            GROUP BY indicator_code, population
            """, logger: logger
        ).all(String.self, String.self, Int.self)
        var result: [String: [String: Int]] = [:]
        for (code, population, n) in rows { result[code, default: [:]][population] = n }
        return result
    }
}
