import Domain
import Foundation
import PostgresNIO

/// A reported value's bookkeeping, for the chart's table: how often it was sent, by whom, when.
struct ReportedMeta: Sendable {
    let revision: Int
    let reportedBy: String
    let reportedAt: Date
    let note: String
}

/// The reported points of one indicator, by stratum key ('' for the total) and organisation.
typealias ReportedValues = [String: [String: [Int: SeriesPoint]]]

extension FollowUpStore {
    /// Whether the batch id was taken before; otherwise claims it (the claim commits with the batch).
    func claimBatch(
        _ batchID: String, sourceSystem: String, messageID: String, rows: Int, accepted: Int, at now: Date,
        on connection: PostgresConnection
    ) async throws -> Bool {
        let claimed = try await connection.query(
            """
            INSERT INTO \(unescaped: table("batches")) (batch_id, source_system, message_id, received_at, row_count, accepted_count)
            VALUES (\(batchID), \(sourceSystem), \(messageID), \(now), \(rows), \(accepted))
            ON CONFLICT (batch_id) DO NOTHING RETURNING 1
            """, logger: logger
        ).all(Int.self)
        return !claimed.isEmpty
    }

    /// Stores measurements: a new key is inserted; a known key is replaced, the earlier value
    /// kept as a revision (by the table's trigger) and its revision count raised.
    func upsert(_ measurements: [Domain.Measurement], reportedBy: String, batchID: String, at now: Date, on connection: PostgresConnection) async throws {
        guard !measurements.isEmpty else { return }
        var codes: [String] = []
        var orgs: [String] = []
        var strata: [String] = []
        var ordinals: [Int] = []
        var numerators: [Double] = []
        var denominators: [Double] = []
        var notes: [String] = []
        for m in measurements {
            codes.append(m.indicatorCode)
            orgs.append(m.organisationID)
            strata.append(m.stratum?.description ?? "")
            ordinals.append(m.period.ordinal)
            let parts = m.value.parts
            numerators.append(parts.numerator)
            denominators.append(SQLNaN.encode(parts.denominator))
            notes.append(m.note)
        }
        try await connection.query(
            """
            INSERT INTO \(unescaped: table("measurements")) AS m (indicator_code, organisation_id, stratum, period_ordinal, numerator, denominator,
                note, reported_by, reported_at, batch_id)
            SELECT c, o, s, p, n, nullif(d, 'NaN'::float8), t, \(reportedBy), \(now), \(batchID)
            FROM unnest(\(codes)::text[], \(orgs)::text[], \(strata)::text[], \(ordinals)::int[], \(numerators)::float8[],
                        \(denominators)::float8[], \(notes)::text[]) AS u(c, o, s, p, n, d, t)
            ON CONFLICT (indicator_code, organisation_id, stratum, period_ordinal) DO UPDATE SET
                numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator, note = EXCLUDED.note,
                reported_by = EXCLUDED.reported_by, reported_at = EXCLUDED.reported_at, batch_id = EXCLUDED.batch_id,
                revision = m.revision + 1
            """, logger: logger)
    }

    /// Stores a value computed from a feedback summary unless a later summary revision is stored.
    /// - Returns: whether it was stored.
    func upsertSummary(
        _ measurement: Domain.Measurement, summaryRevision: Int, messageID: String, at now: Date, on connection: PostgresConnection
    ) async throws -> Bool {
        let parts = measurement.value.parts
        let rows = try await connection.query(
            """
            INSERT INTO \(unescaped: table("measurements")) AS m (indicator_code, organisation_id, stratum, period_ordinal, numerator, denominator,
                note, reported_by, reported_at, batch_id, source_revision)
            VALUES (\(measurement.indicatorCode), \(measurement.organisationID), '', \(measurement.period.ordinal), \(parts.numerator),
                \(parts.denominator), '', 'feedback', \(now), \(messageID), \(summaryRevision))
            ON CONFLICT (indicator_code, organisation_id, stratum, period_ordinal) DO UPDATE SET
                numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator, reported_at = EXCLUDED.reported_at,
                batch_id = EXCLUDED.batch_id, source_revision = EXCLUDED.source_revision, revision = m.revision + 1
            WHERE m.source_revision < EXCLUDED.source_revision
            RETURNING 1
            """, logger: logger
        ).all(Int.self)
        return !rows.isEmpty
    }

    /// Every reported value of these indicators, by indicator, stratum and organisation.
    func reportedValues(_ codes: Set<String>, on connection: PostgresConnection) async throws -> [String: ReportedValues] {
        guard !codes.isEmpty else { return [:] }
        // One row per series with its values as arrays: far fewer rows to decode than one per value.
        let rows = try await connection.query(
            """
            SELECT indicator_code, organisation_id, stratum, array_agg(period_ordinal ORDER BY period_ordinal),
                   array_agg(numerator ORDER BY period_ordinal), array_agg(coalesce(denominator, 'NaN'::float8) ORDER BY period_ordinal)
            FROM \(unescaped: table("measurements")) WHERE indicator_code = ANY(\(Array(codes))::text[])
            GROUP BY indicator_code, organisation_id, stratum
            """, logger: logger)
        var result: [String: ReportedValues] = [:]
        for try await (code, org, stratum, ordinals, numerators, denominators) in rows.decode((String, String, String, [Int], [Double], [Double]).self) {
            var points: [Int: SeriesPoint] = [:]
            points.reserveCapacity(ordinals.count)
            for k in ordinals.indices where k < numerators.count && k < denominators.count {
                points[ordinals[k]] = .reported(numerators[k], denominators[k].isNaN ? nil : denominators[k])
            }
            result[code, default: [:]][stratum, default: [:]][org] = points
        }
        return result
    }

    /// The bookkeeping of the values reported for one organisation's series, by period ordinal.
    func reportedMeta(indicatorCode: String, organisationID: String, stratum: String, on connection: PostgresConnection) async throws -> [Int: ReportedMeta] {
        let rows = try await connection.query(
            """
            SELECT period_ordinal, revision, reported_by, reported_at, note FROM \(unescaped: table("measurements"))
            WHERE indicator_code = \(indicatorCode) AND organisation_id = \(organisationID) AND stratum = \(stratum)
            """, logger: logger)
        var result: [Int: ReportedMeta] = [:]
        for try await (ordinal, revision, by, at, note) in rows.decode((Int, Int, String, Date, String).self) {
            result[ordinal] = ReportedMeta(revision: revision, reportedBy: by, reportedAt: at, note: note)
        }
        return result
    }
}
