import Contracts
import Domain
import Foundation
import RPC
import ServiceRuntime
import Storage

/// ReportMeasurements: the broker's batch, by RPC; refused rows answered in the reply.
struct MeasurementMethods: Sendable {
    let parts: FollowUpParts

    func register(_ router: inout RPCRouter) {
        router.register("ReportMeasurements") { (request: Kunskapsloop_Followup_V1_ReportMeasurementsRequest, context) in
            try await report(request, key: context.messageID)
        }
    }

    func report(_ request: Kunskapsloop_Followup_V1_ReportMeasurementsRequest, key: String?) async throws -> Kunskapsloop_Followup_V1_ReportMeasurementsResponse
    {
        let batch = request.batch
        if let problem = MeasurementIntake.batchProblem(batch) {
            throw RPCError.invalidArgument(problem.english, field: "batch." + problem.field)
        }
        let actor = request.actor.trimmingWhitespaceAndNewlines
        let reportedBy = actor.isEmpty ? batch.sourceSystem : "\(batch.sourceSystem) (\(actor.prefix(200)))"
        return try await parts.database.idempotent("ReportMeasurements", key: key) { tx in
            let (outcome, events) = try await parts.intake.take(batch, reportedBy: reportedBy, messageID: key ?? "", at: Date(), on: tx.connection)
            tx.emit(events)
            var response = Kunskapsloop_Followup_V1_ReportMeasurementsResponse()
            switch outcome {
            case .duplicate:
                response.duplicate = true
            case .refused(let problem):
                throw RPCError.invalidArgument(problem.english, field: "batch." + problem.field)
            case .stored(let accepted, let problems):
                response.acceptedCount = Int32(accepted)
                response.problems = problems.map { p in
                    Kunskapsloop_Followup_V1_MeasurementProblem(p, row: p.index >= 0 && p.index < batch.measurements.count ? batch.measurements[p.index] : nil)
                }
            }
            return response
        }
    }
}
