import Contracts
import Domain
import Foundation
import Logging
import Messaging
import ServiceRuntime
import Storage
import SwiftProtobuf

/// `MeasurementsReported` from other systems (`followup.inbound`): a batch that cannot be read is
/// answered with a whole-batch `followup.measurements.rejected.v1` and dead-lettered; a readable
/// one is taken, and its refused rows answered in one rejected event.
struct MeasurementConsumer: Sendable {
    typealias Batch = Kunskapsloop_Followup_V1_MeasurementsReported
    let intake: MeasurementIntake
    let events: FollowUpEvents

    var inbound: InboundIntake<Batch> {
        InboundIntake<Batch>(
            reject: { envelope, problem in
                events.event(Self.rejected(envelope, problem), FollowUpEvents.measurementsRejected, traceparent: envelope.traceparent)
            },
            handle: { messages, context in try await handle(messages, &context) })
    }

    func handle(_ messages: [InboundMessage<Batch>], _ context: inout TransactionalConsumer.Context) async throws -> [TransactionalConsumer.Disposition] {
        // Every indicator the batch of messages names, locked at once in code order, so two
        // consumers never wait on each other's locks in a circle.
        _ = try await intake.store.indicators(
            messages.reduce(into: Set<String>()) { $0.formUnion(MeasurementIntake.indicatorCodes($1.body)) },
            lock: true, on: context.connection)
        var dispositions: [TransactionalConsumer.Disposition] = []
        for message in messages {
            let now = Date()
            let batch = message.body
            let (outcome, signalEvents) = try await intake.take(
                batch, reportedBy: batch.sourceSystem, messageID: message.envelope.messageID,
                at: now, on: context.connection)
            for event in signalEvents { context.emit(event) }
            switch outcome {
            case .duplicate:
                context.logger.info("batch seen before; no second effect", metadata: ["batch_id": "\(batch.batchID)"])
                dispositions.append(.processed)
            case .refused(let problem):
                context.emit(
                    events.event(
                        Self.rejected(batch, message.envelope, problems: [problem], accepted: 0, at: now),
                        FollowUpEvents.measurementsRejected, traceparent: message.envelope.traceparent))
                dispositions.append(.rejected(reason: problem.description))
            case .stored(let accepted, let problems):
                if !problems.isEmpty {
                    context.emit(
                        events.event(
                            Self.rejected(batch, message.envelope, problems: problems, accepted: accepted, at: now),
                            FollowUpEvents.measurementsRejected, traceparent: message.envelope.traceparent))
                }
                dispositions.append(.processed)
            }
        }
        return dispositions
    }

    /// The rejected event of a readable batch.
    static func rejected(
        _ batch: Batch, _ envelope: InboundEnvelope, problems: [MeasurementProblem], accepted: Int, at now: Date
    )
        -> Kunskapsloop_Followup_V1_MeasurementsRejected
    {
        .with {
            $0.batchID = batch.batchID
            $0.sourceSystem = batch.sourceSystem
            $0.problems = problems.map { p in
                Kunskapsloop_Followup_V1_MeasurementProblem(p, row: p.index >= 0 && p.index < batch.measurements.count ? batch.measurements[p.index] : nil)
            }
            $0.measurementCount = Int32(batch.measurements.count)
            $0.acceptedCount = Int32(accepted)
            $0.originalMessageID = envelope.messageID
            $0.sourceAppID = envelope.appID
            $0.originalType = envelope.type
            $0.rejectedAt = .init(date: now)
        }
    }

    /// The rejected event of a message that could not be read at all.
    static func rejected(_ envelope: InboundEnvelope, _ problem: InboundProblem) -> Kunskapsloop_Followup_V1_MeasurementsRejected {
        .with {
            $0.problems = [
                .with {
                    $0.measurementIndex = -1
                    $0.reason = problem.reason == .wrongMessageType ? .wrongMessageType : .undecodable
                    $0.field = problem.field
                    $0.messageEn = problem.english
                    $0.messageSv = problem.swedish
                }
            ]
            $0.originalMessageID = envelope.messageID
            $0.sourceAppID = envelope.appID
            $0.originalType = envelope.type
            $0.rejectedAt = .init(date: Date())
        }
    }
}
