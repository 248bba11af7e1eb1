import Foundation
import KLTesting
import Testing

extension Disruptive {
    /// A real service process while its database goes away: readiness says so and recovers, and
    /// SIGTERM ends the process within its shutdown timeout even while the database is down.
    @Suite("A service process without its database")
    struct ServiceOutageTests {
        static func readyz(_ port: Int) async throws -> (status: Int, body: String) {
            let probe = try await runProcess(
                "/usr/bin/curl", ["-sS", "-o", "-", "-w", "\\n%{http_code}", "--max-time", "10", "http://127.0.0.1:\(port)/readyz"])
            let lines = probe.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
        }

        @Test func readinessFollowsTheDatabaseAndSIGTERMEndsTheProcessWhileItIsDown() async throws {
            let port = Int.random(in: 20_000..<30_000)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: LocalStack.executable("feedback-service"))
            var environment = ProcessInfo.processInfo.environment
            environment["KL_HTTP_PORT"] = "\(port)"
            environment["KL_SHUTDOWN_TIMEOUT_SECONDS"] = "5"
            environment["KL_LOG_FORMAT"] = "json"
            process.environment = environment
            let log = Pipe()
            process.standardError = log
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
            try await eventually(timeout: .seconds(60), "the service to be ready") { try await Self.readyz(port).status == 200 }

            try await whileDatabaseStopped {
                try await eventually("readiness to name the lost database") {
                    let (status, body) = try await Self.readyz(port)
                    return status == 503 && body.contains("database")
                }
            }
            try await eventually(timeout: .seconds(60), "readiness to recover after the restart") { try await Self.readyz(port).status == 200 }

            let exited = try await whileDatabaseStopped {
                try await eventually("readiness to name the lost database") { try await Self.readyz(port).status == 503 }
                kill(process.processIdentifier, SIGTERM)
                // Bounded by the setting (5 s), the backstop (5 s more) and some slack; the bound only
                // keeps a broken test from hanging.
                return try await withTimeout(.seconds(30), "the process to exit after SIGTERM") {
                    await withCheckedContinuation { continuation in
                        Thread {
                            process.waitUntilExit()
                            continuation.resume(returning: process.terminationStatus)
                        }.start()
                    }
                }
            }
            #expect(exited == 0, "ended by its own shutdown, not the backstop")
            let lines = String(decoding: log.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n")
            #expect(lines.contains { $0.contains("database unavailable") }, "the outage was logged")
            #expect(lines.contains { $0.contains("\"msg\":\"stopped\"") })
        }
    }
}
