import Contracts
import Foundation
import KLTesting
import Messaging
import PostgresNIO
import SwiftProtobuf
import Testing

@testable import FollowUp

/// The example measurement publishers a register would copy — Python (pika + protobuf) and C
/// (librabbitmq + protobuf-c) — run as real processes, as the `integration` user.
@Suite("Foreign clients: the Python and C measurement publishers")
struct ForeignClientTests {
    static var clients: URL { LocalStack.root.appendingPathComponent("clients") }

    @Test func measurementsFromPythonAndC() async throws {
        let built = try await runProcess("/usr/bin/make", ["-s", "-C", Self.clients.appendingPathComponent("c").path])
        try #require(built.status == 0, "building the C publisher: \(built.stderr)")
        try await withFollowUp { f in
            try await f.smallTree()
            try await f.define("andel")
            try await f.define("fall", .rate) {
                $0.rateMultiplier = 1000
                $0.directionOfGood = .lower
            }
            let url = "amqp://integration:integration@\(LocalStack.host):\(LocalStack.amqpPort)/\(LocalStack.vhost)"
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(f.service).csv")
            try """
            # a register's export
            indicator,organisation,period,numerator,denominator,stratum,note
            andel,u11,2024-01,40,50,,
            andel,u12,2024-01,30,50,,Ny mall
            andel,u99,2024-01,1,2,,
            andel,u21,2024-01,60,50,,
            """.write(to: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: file) }
            let c = try await runProcess(
                Self.clients.appendingPathComponent("c/build/publish_measurements").path,
                [
                    "--amqp-url", url, "--routing-key", f.intakeRoutingKey, "--source-system", "RegisterC",
                    "--batch-id", "c-\(f.service)", file.path,
                ])
            #expect(c.status == 0, "c: \(c.stderr)")
            #expect(c.stdout.contains("c-\(f.service) 4"), "\(c.stdout)")
            let rejected = try await f.events.first(FollowUpEvents.measurementsRejected, Rejected.self) { $0.batchID == "c-\(f.service)" }
            #expect(rejected.problems.map(\.measurementIndex) == [2, 3] && rejected.acceptedCount == 2 && rejected.sourceAppID == "RegisterC")
            #expect(rejected.problems.map(\.reason) == [.unknownOrganisation, .numeratorAboveDenominator])

            let rates = FileManager.default.temporaryDirectory.appendingPathComponent("\(f.service)-rates.csv")
            try "indicator;organisation;period;numerator;denominator\nfall;u11;2024-02;3;1250,5\nfall;u12;2024-02;0;0\n"
                .write(to: rates, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: rates) }
            let python = try await runProcess(
                "/usr/bin/python3",
                [
                    Self.clients.appendingPathComponent("python/publish_measurements.py").path,
                    "--amqp-url", url, "--routing-key", f.intakeRoutingKey, "--source-system", "RegisterPy",
                    "--shape", "rate", "--batch-id", "py-\(f.service)", rates.path,
                ])
            #expect(python.status == 0, "python: \(python.stderr)")
            #expect(python.stdout.contains("py-\(f.service) 2"))
            try await eventually("both batches stored") {
                try await f.count("SELECT count(*) FROM \(unescaped: f.service).batches") == 2
            }
            #expect(try await f.count("SELECT count(*) FROM \(unescaped: f.service).measurements WHERE reported_by = 'RegisterC'") == 2)
            let point = try await f.analysis("fall", "u11").points[0]
            #expect(abs(point.value - 3 / 1250.5 * 1000) < 1e-9 && point.reportedBy == "RegisterPy")
            #expect(try await f.analysis("andel", "u12").points[0].note == "Ny mall")
            // Bad input is refused at home, naming the line.
            let badFile = FileManager.default.temporaryDirectory.appendingPathComponent("\(f.service)-bad.csv")
            try "indicator,organisation,period,value\na,b,2026-1x,1\n".write(to: badFile, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: badFile) }
            let bad = try await runProcess(
                Self.clients.appendingPathComponent("c/build/publish_measurements").path,
                ["--source-system", "x", "--amqp-url", url, badFile.path])
            #expect(bad.status == 2 && bad.stderr.contains("line 2"))
        }
    }
}
