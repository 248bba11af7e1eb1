import Foundation
import KLTesting
import Testing

/// The service executables as real processes.
@Suite("Service processes: configuration errors and graceful shutdown")
struct ServiceProcessTests {
    /// The executables sit next to the test bundle in the build folder.
    static var binDirectory: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    }

    static func executable(_ name: String) -> String {
        let inBundleDir = binDirectory.appendingPathComponent(name).path
        if FileManager.default.isExecutableFile(atPath: inBundleDir) { return inBundleDir }
        return binDirectory.deletingLastPathComponent().appendingPathComponent(name).path
    }

    static func environment(_ extra: [String: String]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env.merge(extra) { $1 }
        return env
    }

    @Test(
        "a malformed setting stops the process with one line naming it",
        arguments: [
            ("KL_AMQP_URL", "http://nope", "KL_AMQP_URL: invalid AMQP URL 'http://nope': scheme must be amqp or amqps"),
            (
                "KL_AMQP_URL", "amqp://u:secret@host:5672/kunskapsloop?frobnicate=1",
                "KL_AMQP_URL: invalid AMQP URL 'amqp://u:***@host:5672/kunskapsloop?frobnicate=1': unknown option 'frobnicate'"
            ),
            ("KL_DATABASE_URL", "postgres://only-a-host", "KL_DATABASE_URL: invalid database URL 'postgres://only-a-host': no user"),
            ("KL_HTTP_PORT", "eighty", "KL_HTTP_PORT: 'eighty' is not a whole number in 1…65535"),
            ("KL_LOG_FORMAT", "xml", "KL_LOG_FORMAT: 'xml' is not one of text, json"),
        ])
    func badSetting(variable: String, value: String, expected: String) async throws {
        let result = try await runProcess(Self.executable("feedback-service"), [], environment: Self.environment([variable: value]))
        #expect(result.status == 2)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "one line, not a trace: \(result.stderr)")
        #expect(lines.first.map(String.init)?.hasPrefix("feedback-service: \(expected)") == true, "got: \(result.stderr)")
        #expect(!result.stderr.contains("secret"), "passwords never reach the output")
    }

    @Test("SIGTERM drains and exits 0", arguments: ["notification", "catalog", "feedback"])
    func sigtermDrainsAndExitsZero(service: String) async throws {
        let port = Int.random(in: 20_000..<30_000)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable("\(service)-service"))
        process.environment = Self.environment(["KL_HTTP_PORT": "\(port)", "KL_LOG_FORMAT": "json"])
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        try await eventually("the service to be ready") {
            let probe = try await runProcess("/usr/bin/curl", ["-fsS", "http://127.0.0.1:\(port)/readyz"])
            return probe.status == 0 && probe.stdout == "ready\n"
        }
        let metrics = try await runProcess("/usr/bin/curl", ["-fsS", "http://127.0.0.1:\(port)/metrics"])
        #expect(metrics.stdout.contains("kl_outbox_pending{schema=\"\(service)\"}"))
        kill(process.processIdentifier, SIGTERM)
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            Thread {
                process.waitUntilExit()
                continuation.resume(returning: process.terminationStatus)
            }.start()
        }
        #expect(status == 0)
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let lines = log.split(separator: "\n")
        #expect(lines.allSatisfy { $0.hasPrefix("{\"ts\":") && $0.hasSuffix("}") }, "JSON lines only")
        #expect(log.contains("\"msg\":\"stopped\""))
    }
}
