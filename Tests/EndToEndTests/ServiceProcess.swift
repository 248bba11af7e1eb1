import Foundation
import KLTesting
import Synchronization

/// One of the suite's executables running as its own process, as an operator starts it, with its
/// log in a file (a pipe nobody reads would stall it). The running `Process` sits behind a mutex:
/// a restart replaces it while other tasks may signal or wait for it.
final class ServiceProcess: Sendable {
    let name: String
    let port: Int
    let log: URL
    private let environment: [String: String]
    private let process: Mutex<Process?>

    init(_ name: String, port: Int, environment: [String: String], logDirectory: URL) throws {
        self.name = name
        self.port = port
        log = logDirectory.appendingPathComponent("\(name).log")
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        env["KL_HTTP_PORT"] = "\(port)"
        self.environment = env
        process = Mutex(nil)
        try start()
    }

    /// Starts (or starts again) the executable, appending to its log.
    func start() throws {
        let (log, name, environment) = (log, name, environment)
        try process.withLock { current in
            if !FileManager.default.fileExists(atPath: log.path) { _ = FileManager.default.createFile(atPath: log.path, contents: nil) }
            let handle = try FileHandle(forWritingTo: log)
            handle.seekToEndOfFile()
            let started = Process()
            started.executableURL = URL(fileURLWithPath: LocalStack.executable("\(name)-service"))
            started.environment = environment
            started.standardOutput = handle
            started.standardError = handle
            try started.run()
            current = started
        }
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
        process.withLock { current in
            guard let current else { return }
            Foundation.kill(current.processIdentifier, SIGKILL)
            current.waitUntilExit()
        }
    }

    /// SIGTERM, then the exit status, waited for on a thread of its own (not the cooperative
    /// pool); the bound only keeps a broken test from hanging.
    func terminate() async throws -> Int32 {
        process.withLock { current in
            if let current { Foundation.kill(current.processIdentifier, SIGTERM) }
        }
        return try await withTimeout(.seconds(60), "\(name) to exit after SIGTERM") {
            await withCheckedContinuation { continuation in
                Thread {
                    let status = self.process.withLock { current -> Int32 in
                        guard let current else { return -1 }
                        current.waitUntilExit()
                        return current.terminationStatus
                    }
                    continuation.resume(returning: status)
                }.start()
            }
        }
    }

    /// Kills a process a failed test left running.
    func killIfRunning() {
        process.withLock { current in
            guard let current, current.isRunning else { return }
            Foundation.kill(current.processIdentifier, SIGKILL)
            current.waitUntilExit()
        }
    }
}
