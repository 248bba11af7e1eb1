import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import Storage

/// Takes a batch of measurements, from the broker or by RPC, inside the caller's transaction:
/// whole-batch checks, each row checked on its own, the good rows stored (replacing earlier
/// values, which are kept as revisions), and every affected indicator re-analysed.
struct MeasurementIntake: Sendable {
    let store: FollowUpStore
    let reanalysis: Reanalysis

    enum Outcome: Sendable {
        /// The good rows were stored; `problems` lists the bad ones.
        case stored(accepted: Int, problems: [MeasurementProblem])
        /// The batch id was taken before: nothing stored, nothing published.
        case duplicate
        /// The batch as a whole cannot be taken.
        case refused(MeasurementProblem)
    }

    /// The whole-batch problem, if any: no batch id or source, or too many rows.
    static func batchProblem(_ batch: Kunskapsloop_Followup_V1_MeasurementsReported) -> MeasurementProblem? {
        func missing(_ field: String) -> MeasurementProblem {
            MeasurementProblem(index: -1, .missingField, field: field, english: "\(field) is required", swedish: "\(field) saknas")
        }
        if batch.batchID.trimmingWhitespaceAndNewlines.isEmpty { return missing("batch_id") }
        if batch.batchID.count > 200 {
            return MeasurementProblem(
                index: -1, .missingField, field: "batch_id", english: "batch_id is longer than 200 characters",
                swedish: "batch_id är längre än 200 tecken")
        }
        if batch.sourceSystem.trimmingWhitespaceAndNewlines.isEmpty { return missing("source_system") }
        if batch.measurements.count > MeasurementProblem.maximumRows {
            return MeasurementProblem(
                index: -1, .tooManyMeasurements, field: "measurements",
                english: "the batch holds \(batch.measurements.count) measurements; at most \(MeasurementProblem.maximumRows) are taken",
                swedish: "sändningen har \(batch.measurements.count) mätvärden; högst \(MeasurementProblem.maximumRows) tas emot")
        }
        return nil
    }

    /// The indicators a batch names (to lock before taking it).
    static func indicatorCodes(_ batch: Kunskapsloop_Followup_V1_MeasurementsReported) -> Set<String> {
        Set(batch.measurements.map(\.indicatorCode).filter { !$0.isEmpty && $0.count <= 100 })
    }

    /// Takes one batch.
    /// - Parameters:
    ///   - reportedBy: kept with each value (the batch's source system, and the actor for RPC).
    ///   - messageID: the AMQP message id (or the RPC's), kept with the batch.
    /// - Returns: what happened and the signal events to publish.
    func take(
        _ batch: Kunskapsloop_Followup_V1_MeasurementsReported, reportedBy: String, messageID: String, at now: Date,
        on connection: PostgresConnection
    ) async throws -> (outcome: Outcome, events: [OutboxEvent]) {
        if let problem = Self.batchProblem(batch) { return (.refused(problem), []) }
        let rows = batch.measurements.map(ReportedRow.init)
        // Indicators locked in code order: the batch's re-analysis runs alone for each of them.
        let indicators = try await store.indicators(Self.indicatorCodes(batch), lock: true, on: connection)
        let organisations = try await store.knownOrganisations(
            Set(rows.map(\.organisationID).filter { !$0.isEmpty && $0.count <= 200 }),
            on: connection)
        let check = MeasurementCheck(
            indicators: indicators.mapValues(\.indicator), organisations: organisations,
            today: StockholmTime.date(at: Int64(now.timeIntervalSince1970)))
        let (accepted, problems) = check.check(rows)
        guard
            try await store.claimBatch(
                batch.batchID, sourceSystem: batch.sourceSystem, messageID: messageID, rows: rows.count,
                accepted: accepted.count, at: now, on: connection)
        else { return (.duplicate, []) }
        let measurements = accepted.map(\.measurement)
        try await store.upsert(measurements, reportedBy: reportedBy, batchID: batch.batchID, at: now, on: connection)
        var earliest: [String: Int] = [:]
        for m in measurements { earliest[m.indicatorCode] = min(earliest[m.indicatorCode] ?? Int.max, m.period.ordinal) }
        let (events, outcome) = try await reanalysis.run(
            Set(earliest.keys), cause: .data("batch:\(batch.batchID)", earliestChanged: earliest),
            at: now, on: connection)
        store.logger.debug(
            "batch taken",
            metadata: [
                "batch_id": "\(batch.batchID)", "accepted": "\(accepted.count)", "refused": "\(problems.count)",
                "series": "\(outcome.seriesAnalysed)", "written": "\(outcome.seriesWritten)", "raised": "\(outcome.raised)", "closed": "\(outcome.closed)",
            ])
        return (.stored(accepted: accepted.count, problems: problems), events)
    }
}

extension String {
    /// Without leading and trailing white space and newlines.
    var trimmingWhitespaceAndNewlines: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
