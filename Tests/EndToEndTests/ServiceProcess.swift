import Foundation
import KLTesting

/// One of the suite's executables running as its own process, as an operator starts it, with its
/// log in a file (a pipe nobody reads would stall it).
final class ServiceProcess: @unchecked Sendable {
    let name: String
    let port: Int
    let log: URL
    private let environment: [String: String]
    private var process: Process

    init(_ name: String, port: Int, environment: [String: String], logDirectory: URL) throws {
        self.name = name
        self.port = port
        log = logDirectory.appendingPathComponent("\(name).log")
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        env["KL_HTTP_PORT"] = "\(port)"
        self.environment = env
        process = Process()
        try start()
    }

    /// Starts (or starts again) the executable, appending to its log.
    func start() throws {
        if !FileManager.default.fileExists(atPath: log.path) { _ = FileManager.default.createFile(atPath: log.path, contents: nil) }
        let handle = try FileHandle(forWritingTo: log)
        handle.seekToEndOfFile()
        process = Process()
        process.executableURL = URL(fileURLWithPath: LocalStack.executable("\(name)-service"))
        process.environment = environment
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    /// Waits until /readyz answers 200.
    func ready() async throws {
        try await eventually(timeout: .seconds(90), "\(name) to be ready") {
            let probe = try await runProcess("/usr/bin/curl", ["-fsS", "-o", "/dev/null", "--max-time", "5", "http://127.0.0.1:\(port)/readyz"])
            return probe.status == 0
        }
    }

    /// SIGKILL, as a crash: nothing is flushed.
    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGTERM, then the exit status (the bound only keeps a broken test from hanging).
    func terminate() async throws -> Int32 {
        let process = process
        Foundation.kill(process.processIdentifier, SIGTERM)
        return try await withTimeout(.seconds(60), "\(name) to exit after SIGTERM") {
            await withCheckedContinuation { continuation in
                Thread {
                    process.waitUntilExit()
                    continuation.resume(returning: process.terminationStatus)
                }.start()
            }
        }
    }

    /// Kills a process a failed test left running.
    func killIfRunning() { if process.isRunning { kill() } }
}
