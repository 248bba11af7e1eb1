import Foundation

/// A real server of the tests' own, run from `scripts/test-servers/` with Python (the packages
/// come from `scripts/notification-test-deps.sh`): what it received is read back from its file.
public final class TestServer: Sendable {
    public let port: Int
    public let output: URL
    private let process: Process

    private init(port: Int, output: URL, process: Process) {
        self.port = port
        self.output = output
        self.process = process
    }

    /// Starts `script` with `arguments` and waits until it has written its port.
    public static func start(_ script: String, _ arguments: [String] = []) async throws -> TestServer {
        let deps = try await runProcess("/bin/bash", [LocalStack.root.appendingPathComponent("scripts/notification-test-deps.sh").path])
        guard deps.status == 0 else { throw TestServerError("notification-test-deps.sh failed: \(deps.stderr)") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kl-notify-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let output = dir.appendingPathComponent("received.jsonl")
        let portFile = dir.appendingPathComponent("port")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            [
                "python3", LocalStack.root.appendingPathComponent("scripts/test-servers/\(script)").path,
                "--out", output.path, "--port-file", portFile.path,
            ] + arguments
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        try await eventually(timeout: .seconds(30), "\(script) to listen") { FileManager.default.fileExists(atPath: portFile.path) }
        guard let text = try? String(contentsOf: portFile, encoding: .utf8), let port = Int(text) else {
            kill(process.processIdentifier, SIGKILL)
            throw TestServerError("\(script) wrote no port")
        }
        return TestServer(port: port, output: output, process: process)
    }

    /// Every record received so far.
    public func records() -> [[String: Any]] {
        guard let text = try? String(contentsOf: output, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// SIGKILL, not SIGTERM: a child spawned from the test process inherits its blocked signal
    /// mask (SIGTERM included, blocked by the runtime's threads), so a SIGTERM never arrives.
    public func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

/// Runs `body` with a server started from `script`, stopping it afterwards.
public func withTestServer<T: Sendable>(_ script: String, _ arguments: [String] = [], _ body: (TestServer) async throws -> T) async throws -> T {
    let server = try await TestServer.start(script, arguments)
    do {
        let result = try await body(server)
        server.stop()
        return result
    } catch {
        server.stop()
        throw error
    }
}

/// A test server that could not be started.
public struct TestServerError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
