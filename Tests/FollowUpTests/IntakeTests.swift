import Contracts
import Foundation
import KLTesting
import Messaging
import PostgresNIO
import RPC
import SwiftProtobuf
import Testing

@testable import FollowUp

@Suite("Measurements in: each bad row refused on its own, the good kept; whole batches refused and dead-lettered; revisions; repeated batches")
struct IntakeTests {
    @Test("a batch with good and bad rows through the broker: the good rows are stored, each bad one named in one rejected event")
    func goodAndBadRows() async throws {
        try await withFollowUp { f in
            try await f.smallTree()
            try await f.define("andel")
            try await f.define("antal", .count, granularity: .isoWeek)
            let rows: [Row] = [
                ratio("andel", "u11", 2024, 1, 40, 50),
                ratio("okand", "u11", 2024, 1, 40, 50),
                ratio("andel", "u99", 2024, 1, 40, 50),
                ratio("andel", "u12", 2024, 1, 60, 50),
                ratio("andel", "u12", 2024, 2, -1, 50),
                ratio("andel", "u21", 2099, 1, 1, 2),
                Row.with {
                    $0.indicatorCode = "andel"
                    $0.organisationID = "u21"
                    $0.period = .with {
                        $0.granularity = .month
                        $0.year = 2024
                        $0.index = 3
                    }
                    $0.count = 4
                },
                Row.with {
                    $0.indicatorCode = "andel"
                    $0.organisationID = "u21"
                    $0.period = .with {
                        $0.granularity = .isoWeek
                        $0.year = 2024
                        $0.index = 3
                    }
                    $0.ratio.denominator = 1
                },
                Row.with {
                    $0.indicatorCode = "antal"
                    $0.organisationID = "u21"
                    $0.period = .with {
                        $0.granularity = .isoWeek
                        $0.year = 2024
                        $0.index = 3
                    }
                    $0.count = 7
                },
                ratio("andel", "u11", 2024, 1, 41, 50),
            ]
            let batchID = UUID().uuidString.lowercased()
            try await f.publish(
                Batch.with {
                    $0.batchID = batchID
                    $0.sourceSystem = "Registret"
                    $0.measurements = rows
                })
            let rejected = try await f.events.first(FollowUpEvents.measurementsRejected, Rejected.self) { $0.batchID == batchID }
            #expect(rejected.measurementCount == 10 && rejected.acceptedCount == 2)
            #expect(rejected.problems.map(\.measurementIndex) == [1, 2, 3, 4, 5, 6, 7, 9])
            #expect(
                rejected.problems.map(\.reason) == [
                    .unknownIndicator, .unknownOrganisation, .numeratorAboveDenominator, .negativeValue,
                    .periodInFuture, .wrongShape, .periodGranularityMismatch, .duplicateInBatch,
                ])
            #expect(
                rejected.problems.map(\.field) == [
                    "indicator_code", "organisation_id", "ratio.numerator", "ratio.numerator", "period", "count",
                    "period.granularity", "",
                ])
            #expect(rejected.problems[0].measurement.indicatorCode == "okand" && !rejected.problems[0].messageSv.isEmpty)
            #expect(rejected.sourceAppID == "test-register")
            #expect(try await f.count("SELECT count(*) FROM \(unescaped: f.service).measurements") == 2)
            // The good row is analysed, and the units' parents get their aggregate.
            let r1 = try await f.analysis("andel", "R1")
            #expect(r1.points.first?.origin == .aggregated && r1.points.first?.numerator == 40)
        }
    }

    @Test("a batch that cannot be read is rejected whole, says why, and stays in the dead-letter queue")
    func unreadable() async throws {
        try await withFollowUp { f in
            let garbage = UUID().uuidString.lowercased()
            let wrongType = UUID().uuidString.lowercased()
            let noBatch = UUID().uuidString.lowercased()
            try await f.publish([0xff, 0xff, 0xff, 0x01], messageID: garbage)
            try await f.publish([], messageID: wrongType, type: "kunskapsloop.feedback.v1.FeedbackSubmitted")
            try await f.publish(
                Batch.with {
                    $0.sourceSystem = "Registret"
                    $0.measurements = [ratio("x", "y", 2024, 1, 1, 2)]
                }, messageID: noBatch)
            let a = try await f.events.first(FollowUpEvents.measurementsRejected, Rejected.self) { $0.originalMessageID == garbage }
            let b = try await f.events.first(FollowUpEvents.measurementsRejected, Rejected.self) { $0.originalMessageID == wrongType }
            let c = try await f.events.first(FollowUpEvents.measurementsRejected, Rejected.self) { $0.originalMessageID == noBatch }
            #expect(a.problems.map(\.reason) == [.undecodable] && a.problems[0].measurementIndex == -1)
            #expect(b.problems.map(\.reason) == [.wrongMessageType])
            #expect(c.problems.map(\.reason) == [.missingField] && c.problems[0].field == "batch_id" && c.measurementCount == 1)
            try await eventually(timeout: .seconds(30), "three copies in the dead-letter queue") { try await f.deadLettered() == 3 }
        }
    }

    @Test("too many rows refuse the batch whole")
    func tooMany() async throws {
        try await withFollowUp { f in
            let batchID = UUID().uuidString.lowercased()
            let rows = (0..<10_001).map { _ in ratio("andel", "u11", 2024, 1, 1, 2) }
            try await f.publish(
                Batch.with {
                    $0.batchID = batchID
                    $0.sourceSystem = "Registret"
                    $0.measurements = rows
                })
            let rejected = try await f.events.first(FollowUpEvents.measurementsRejected, Rejected.self) { $0.batchID == batchID }
            #expect(rejected.problems.map(\.reason) == [.tooManyMeasurements] && rejected.problems[0].measurementIndex == -1)
            #expect(rejected.problems[0].hasMeasurement == false)
        }
    }

    @Test("a re-sent value replaces the earlier one, which is kept as a revision; a repeated batch_id has no second effect")
    func revisionsAndRepeats() async throws {
        try await withFollowUp { f in
            try await f.smallTree()
            try await f.define("andel")
            let first = try await f.report([ratio("andel", "u11", 2024, 1, 40, 50)], batchID: "b-1")
            #expect(first.acceptedCount == 1 && !first.duplicate)
            let again = try await f.report([ratio("andel", "u11", 2024, 1, 10, 50)], batchID: "b-1")
            #expect(again.duplicate && again.acceptedCount == 0)
            // The same batch id through the broker: nothing stored, no event.
            try await f.publish(
                Batch.with {
                    $0.batchID = "b-1"
                    $0.sourceSystem = "Registret"
                    $0.measurements = [ratio("andel", "u11", 2024, 1, 5, 50)]
                })
            let revised = try await f.report([ratio("andel", "u11", 2024, 1, 45, 50)], batchID: "b-2")
            #expect(revised.acceptedCount == 1)
            // The broker copy came before b-2 was sent by RPC? Not ordered with RPC: wait for the queue to be empty.
            try await eventually("the intake queue drained") { try await managementCount(f.inbound) == 0 }
            let point = try await f.analysis("andel", "u11").points[0]
            #expect(point.numerator == 45 && point.revision == 2 && point.reportedBy == "Testregistret (test)")
            #expect(try await f.count("SELECT count(*) FROM \(unescaped: f.service).measurement_revisions WHERE numerator = 40") == 1)
            #expect(try await f.count("SELECT count(*) FROM \(unescaped: f.service).measurement_revisions") == 1)
            #expect(f.events.all(FollowUpEvents.measurementsRejected, Rejected.self).isEmpty)
        }
    }

    @Test("by RPC: refused rows come back in the reply, a batch refused whole is INVALID_ARGUMENT naming the field")
    func byRPC() async throws {
        try await withFollowUp { f in
            try await f.smallTree()
            try await f.define("andel")
            let response = try await f.report([ratio("andel", "u11", 2024, 1, 40, 50), ratio("andel", "nope", 2024, 1, 1, 2)])
            #expect(response.acceptedCount == 1 && response.problems.map(\.measurementIndex) == [1])
            await #expect(throws: (any Error).self) {
                _ = try await f.call(
                    "ReportMeasurements", Kunskapsloop_Followup_V1_ReportMeasurementsRequest.with { $0.batch.sourceSystem = "x" },
                    returning: Kunskapsloop_Followup_V1_ReportMeasurementsResponse.self)
            }
            do {
                _ = try await f.call(
                    "ReportMeasurements", Kunskapsloop_Followup_V1_ReportMeasurementsRequest.with { $0.batch.sourceSystem = "x" },
                    returning: Kunskapsloop_Followup_V1_ReportMeasurementsResponse.self)
            } catch let error as RPCError {
                #expect(error.code == .invalidArgument && error.field == "batch.batch_id")
            }
        }
    }
}
