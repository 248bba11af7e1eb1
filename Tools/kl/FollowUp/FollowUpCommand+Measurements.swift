import ArgumentParser
import Contracts
import Domain
import Foundation
import Messaging
import RPC
import SwiftProtobuf

extension FollowUpCommand {
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report one value.",
            discussion: """
                kl followup report hjartsvikt-30d SE-03 2026-02 --numerator 42 --denominator 50     (proportion)
                kl followup report fall SE-03 2026-02 --numerator 3 --denominator 1250              (rate: events and exposure)
                kl followup report fall-antal SE-03 2026-W07 --value 7                               (count or measurement)
                """)
        @OptionGroup var options: GlobalOptions
        @OptionGroup var actor: FollowUpActor
        @Argument(help: "The indicator's code.") var code: String
        @Argument(help: "The organisation's catalog id.") var organisation: String
        @Argument(help: "The period: 2026-W07, 2026-03 or 2026-Q1.") var period: String
        @Option(help: "Numerator (proportion) or events (rate).") var numerator: Double?
        @Option(help: "Denominator (proportion) or exposure (rate).") var denominator: Double?
        @Option(help: "The value (count or measurement).") var value: Double?
        @Option(help: "The stratum, dimension:value (e.g. kon:kvinnor).") var stratum: String?
        @Option(help: "A note shown on the chart.") var note: String = ""
        @Option(help: "The reporting system's name.") var source: String = "kl"

        func run() async throws {
            let text =
                "indicator,organisation,period,numerator,denominator,value,stratum\n"
                + [
                    code, organisation, period, numerator.map { "\($0)" } ?? "", denominator.map { "\($0)" } ?? "", value.map { "\($0)" } ?? "",
                    stratum ?? "",
                ].joined(separator: ",")
            let (lines, problems) = MeasurementCSV.parse(text)
            if let problem = problems.first { throw ValidationError(problem.message) }
            let rows = try await MeasurementUpload.rows(lines, options: options)
            if let problem = rows.problems.first { throw ValidationError(problem.message) }
            var row = Kunskapsloop_Followup_V1_Measurement(rows.rows[0].row)
            row.note = note
            let request = Kunskapsloop_Followup_V1_ReportMeasurementsRequest.with {
                $0.batch.batchID = UUID().lowercasedString
                $0.batch.sourceSystem = source
                $0.batch.measurements = [row]
                $0.batch.reportedAt = .init(date: Date())
                $0.actor = actor.actor
            }
            let response = try await Invocation.call(
                options, FollowUpSpelling.method("ReportMeasurements"), request, returning: Kunskapsloop_Followup_V1_ReportMeasurementsResponse.self)
            try print(
                Invocation.render(response, options) { r in
                    TextTable(
                        headers: ["ACCEPTED", "REASON", "FIELD", "MESSAGE"],
                        rows: r.problems.isEmpty ? [["\(r.acceptedCount)", "", "", ""]] : r.problems.map { ["0", "\($0.reason)", $0.field, $0.messageEn] })
                })
            if !response.problems.isEmpty { throw ExitCode(1) }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load the CSV a quality register exports.",
            discussion: """
                A header line names the columns: indicator, organisation, period, and numerator + denominator or value
                (optional: stratum as dimension:value, note). Swedish headers work too (indikator, enhet, täljare, nämnare, värde);
                with semicolons a decimal comma is read. Bad lines are reported with their line number and the good ones load.
                Rows go in batches of 10 000; each batch id is derived from --batch-id, so running the same import again has no effect.
                """)
        @OptionGroup var options: GlobalOptions
        @OptionGroup var actor: FollowUpActor
        @Argument(help: "The file ('-' reads standard input).") var file: String
        @Option(help: "The reporting system's name (kept with every value).") var source: String = "kl-import"
        @Option(name: .customLong("batch-id"), help: "The import's id (default: a hash of the file), so a repeat has no effect.") var batchID: String?

        func run() async throws {
            let data: Data
            if file == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                guard let d = FileManager.default.contents(atPath: file) else { Invocation.fail("cannot read \(file)") }
                data = d
            }
            let text = String(decoding: data, as: UTF8.self)
            let (lines, unreadable) = MeasurementCSV.parse(text)
            let shaped = try await MeasurementUpload.rows(lines, options: options)
            var results: [[String]] =
                unreadable.map { ["\($0.line)", "FAILED", "", $0.message] } + shaped.problems.map { ["\($0.line)", "FAILED", "", $0.message] }
            var accepted = 0
            let base = batchID ?? MeasurementUpload.fingerprint(text)
            let rows = shaped.rows
            for (chunk, start) in stride(from: 0, to: rows.count, by: MeasurementProblem.maximumRows).enumerated() {
                let part = Array(rows[start..<min(rows.count, start + MeasurementProblem.maximumRows)])
                let request = Kunskapsloop_Followup_V1_ReportMeasurementsRequest.with {
                    $0.batch.batchID = "\(base)-\(chunk + 1)"
                    $0.batch.sourceSystem = source
                    $0.batch.measurements = part.map { Kunskapsloop_Followup_V1_Measurement($0.row) }
                    $0.batch.reportedAt = .init(date: Date())
                    $0.actor = actor.actor
                }
                let response = try await Invocation.call(
                    options, FollowUpSpelling.method("ReportMeasurements"), request, returning: Kunskapsloop_Followup_V1_ReportMeasurementsResponse.self)
                if response.duplicate { results.append(["-", "skipped", "", "batch \(request.batch.batchID) was imported before; nothing changed"]) }
                accepted += Int(response.acceptedCount)
                for problem in response.problems where Int(problem.measurementIndex) < part.count {
                    results.append(["\(part[Int(problem.measurementIndex)].line)", "FAILED", problem.field, problem.messageEn])
                }
            }
            results.sort { (Int($0[0]) ?? 0) < (Int($1[0]) ?? 0) }
            let failed = results.filter { $0[1] == "FAILED" }.count
            if options.output == .json {
                let object: [String: Any] = [
                    "accepted": accepted, "failed": failed,
                    "problems": results.map { ["line": Int($0[0]) ?? 0, "outcome": $0[1], "field": $0[2], "reason": $0[3]] },
                ]
                let json = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
                print(String(decoding: json, as: UTF8.self))
            } else {
                print(
                    TextTable(
                        headers: ["LINE", "OUTCOME", "FIELD", "REASON"], rows: results,
                        footer: "\(accepted) stored, \(failed) failed"
                    ).rendered)
            }
            if failed > 0 { throw ExitCode(1) }
        }
    }
}

/// Lines of a file as rows in the shape of their indicators' value types (fetched once each).
enum MeasurementUpload {
    struct Shaped {
        let line: Int
        let row: ReportedRow
    }

    static func rows(_ lines: [MeasurementCSV.Line], options: GlobalOptions) async throws -> (rows: [Shaped], problems: [MeasurementCSV.Problem]) {
        var types: [String: Indicator.ValueType] = [:]
        for code in Set(lines.map(\.indicatorCode)) {
            do {
                let response = try await withRPCClient(options) { client in
                    try await client.call(
                        FollowUpSpelling.method("GetIndicator"), Kunskapsloop_Followup_V1_GetIndicatorRequest.with { $0.code = code },
                        returning: Kunskapsloop_Followup_V1_GetIndicatorResponse.self, timeout: .seconds(options.timeout))
                }
                types[code] = Indicator.ValueType(response.indicator.valueType)
            } catch {
                types[code] = nil
            }
        }
        var rows: [Shaped] = []
        var problems: [MeasurementCSV.Problem] = []
        for line in lines {
            guard let type = types[line.indicatorCode] else {
                problems.append(.init(line: line.number, message: "no indicator has the code '\(line.indicatorCode.prefix(60))'"))
                continue
            }
            switch MeasurementCSV.row(line, valueType: type) {
            case .success(let row): rows.append(Shaped(line: line.number, row: row))
            case .failure(let problem): problems.append(problem)
            }
        }
        return (rows, problems)
    }

    /// FNV-1a of the file, hex: the default batch id.
    static func fingerprint(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return "csv-" + String(hash, radix: 16)
    }
}
