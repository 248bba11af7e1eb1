import Domain
import Foundation
import NIOCore
import PostgresNIO

/// One analysed series as stored: its grid values and the summary of its latest analysis.
struct StoredSeries: Sendable {
    let indicatorCode: String
    let organisationID: String
    let population: String
    let firstOrdinal: Int
    let points: [SeriesPoint?]
    let fingerprint: Int64
    var revision: Int64
    let analysedAt: Date
    let ruleSetVersion: String
    /// `common_cause`, `improvement`, `concern`, `neither`, `too_few_points`.
    let status: String
    let statusSide: String
    let targetAssessment: String?
    let reading: String
    let latestValue: Double?
    let latestOrdinal: Int?
}

/// The key of a series.
struct SeriesID: Sendable, Hashable {
    let indicatorCode: String
    let organisationID: String
    let population: String
}

extension FollowUpStore {
    /// Fingerprint and revision of every stored series of these indicators.
    func seriesFingerprints(_ codes: Set<String>, on connection: PostgresConnection) async throws -> [SeriesID: (fingerprint: Int64, revision: Int64)] {
        guard !codes.isEmpty else { return [:] }
        let rows = try await connection.query(
            """
            SELECT indicator_code, organisation_id, population, fingerprint, revision FROM \(unescaped: table("series"))
            WHERE indicator_code = ANY(\(Array(codes))::text[])
            """, logger: logger)
        var result: [SeriesID: (Int64, Int64)] = [:]
        for try await (code, org, population, fingerprint, revision) in rows.decode((String, String, String, Int64, Int64).self) {
            result[SeriesID(indicatorCode: code, organisationID: org, population: population)] = (fingerprint, revision)
        }
        return result
    }

    /// Writes the series whose analysis changed and removes those that no longer have a value.
    func write(_ series: [StoredSeries], removing removed: [SeriesID], on connection: PostgresConnection) async throws {
        if !removed.isEmpty {
            try await connection.query(
                """
                DELETE FROM \(unescaped: table("series")) AS s USING unnest(\(removed.map(\.indicatorCode))::text[],
                    \(removed.map(\.organisationID))::text[], \(removed.map(\.population))::text[]) AS u(c, o, p)
                WHERE s.indicator_code = u.c AND s.organisation_id = u.o AND s.population = u.p
                """, logger: logger)
        }
        guard !series.isEmpty else { return }
        let blobs = series.map { ByteBuffer(bytes: PackedPoints.encode($0.points)) }
        try await connection.query(
            """
            INSERT INTO \(unescaped: table("series")) AS s (indicator_code, organisation_id, population, first_ordinal, points, fingerprint, revision,
                analysed_at, rule_set_version, status, status_side, target_assessment, reading, latest_value, latest_ordinal)
            SELECT c, o, p, f, b, h, r, a, v, st, sd, nullif(ta, ''), rd, nullif(lv, 'NaN'::float8), nullif(lo, -2147483648)
            FROM unnest(\(series.map(\.indicatorCode))::text[], \(series.map(\.organisationID))::text[], \(series.map(\.population))::text[],
                        \(series.map(\.firstOrdinal))::int[], \(blobs)::bytea[], \(series.map(\.fingerprint))::int8[],
                        \(series.map(\.revision))::int8[], \(series.map(\.analysedAt))::timestamptz[], \(series.map(\.ruleSetVersion))::text[],
                        \(series.map(\.status))::text[], \(series.map(\.statusSide))::text[], \(series.map { $0.targetAssessment ?? "" })::text[],
                        \(series.map(\.reading))::text[], \(series.map { SQLNaN.encode($0.latestValue) })::float8[],
                        \(series.map { $0.latestOrdinal ?? Int(Int32.min) })::int[])
                AS u(c, o, p, f, b, h, r, a, v, st, sd, ta, rd, lv, lo)
            ON CONFLICT (indicator_code, organisation_id, population) DO UPDATE SET first_ordinal = EXCLUDED.first_ordinal,
                points = EXCLUDED.points, fingerprint = EXCLUDED.fingerprint, revision = EXCLUDED.revision, analysed_at = EXCLUDED.analysed_at,
                rule_set_version = EXCLUDED.rule_set_version, status = EXCLUDED.status, status_side = EXCLUDED.status_side,
                target_assessment = EXCLUDED.target_assessment, reading = EXCLUDED.reading, latest_value = EXCLUDED.latest_value,
                latest_ordinal = EXCLUDED.latest_ordinal
            """, logger: logger)
    }

    static let seriesColumns = """
        indicator_code, organisation_id, population, first_ordinal, points, fingerprint, revision, analysed_at, rule_set_version, status,
        status_side, target_assessment, reading, latest_value, latest_ordinal
        """

    /// One stored series.
    func series(_ id: SeriesID, on connection: PostgresConnection) async throws -> StoredSeries? {
        try await decodeSeries(
            connection.query(
                """
                SELECT \(unescaped: Self.seriesColumns) FROM \(unescaped: table("series"))
                WHERE indicator_code = \(id.indicatorCode) AND organisation_id = \(id.organisationID) AND population = \(id.population)
                """, logger: logger)
        ).first
    }

    /// The series of one indicator and population at these organisations.
    func series(indicatorCode: String, population: String, organisations: [String], on connection: PostgresConnection) async throws -> [StoredSeries] {
        try await decodeSeries(
            connection.query(
                """
                SELECT \(unescaped: Self.seriesColumns) FROM \(unescaped: table("series"))
                WHERE indicator_code = \(indicatorCode) AND population = \(population) AND organisation_id = ANY(\(organisations)::text[])
                """, logger: logger))
    }

    /// Every series of one organisation (all indicators, all populations), or of one indicator there.
    func series(organisationID: String, indicatorCode: String? = nil, on connection: PostgresConnection) async throws -> [StoredSeries] {
        try await decodeSeries(
            connection.query(
                """
                SELECT \(unescaped: Self.seriesColumns) FROM \(unescaped: table("series"))
                WHERE organisation_id = \(organisationID) AND (\(indicatorCode)::text IS NULL OR indicator_code = \(indicatorCode))
                """, logger: logger))
    }

    private func decodeSeries(_ rows: PostgresRowSequence) async throws -> [StoredSeries] {
        var result: [StoredSeries] = []
        for try await row in rows {
            let (code, org, population, first, blob, fingerprint, revision, at, version, status) =
                try row.decode((String, String, String, Int, ByteBuffer, Int64, Int64, Date, String, String).self)
            let r = row.makeRandomAccess()
            let side = try r[10].decode(String.self)
            let target = try r[11].decode(String?.self)
            let reading = try r[12].decode(String.self)
            let latestValue = try r[13].decode(Double?.self)
            let latestOrdinal = try r[14].decode(Int?.self)
            guard let points = PackedPoints.decode(Array(buffer: blob)) else {
                logger.error("series \(code)/\(org)/\(population) has points this build cannot read; left out")
                continue
            }
            result.append(
                StoredSeries(
                    indicatorCode: code, organisationID: org, population: population, firstOrdinal: first, points: points,
                    fingerprint: fingerprint, revision: revision, analysedAt: at, ruleSetVersion: version, status: status,
                    statusSide: side, targetAssessment: target, reading: reading, latestValue: latestValue,
                    latestOrdinal: latestOrdinal))
        }
        return result
    }
}
