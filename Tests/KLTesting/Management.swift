import Foundation

/// Messages in a queue, from the management API (more reliable than `rabbitmqctl` for quorum queues).
public func managementCount(_ queue: String) async throws -> Int {
    let name = queue.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "._-"))) ?? queue
    let output = try await runProcess("/usr/bin/curl", ["-fsS", "-u", "admin:admin",
        "http://\(LocalStack.host):\(LocalStack.managementPort)/api/queues/\(LocalStack.vhost)/\(name)?columns=messages"])
    let json = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
    return json?["messages"] as? Int ?? 0
}

/// Closes every broker connection whose client-provided name is `name` (a network failure, seen from the client).
public func closeConnections(named name: String) async throws {
    let output = try await runProcess("/usr/bin/curl", ["-fsS", "-u", "admin:admin",
        "http://\(LocalStack.host):\(LocalStack.managementPort)/api/connections?columns=name,client_properties"])
    let list = (try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]]) ?? []
    for connection in list {
        let props = connection["client_properties"] as? [String: Any]
        guard props?["connection_name"] as? String == name, let id = connection["name"] as? String else { continue }
        let encoded = id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? id
        _ = try await runProcess("/usr/bin/curl", ["-fsS", "-u", "admin:admin", "-X", "DELETE",
            "http://\(LocalStack.host):\(LocalStack.managementPort)/api/connections/\(encoded)"])
    }
}

public struct ProcessOutput: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

/// Runs a program to completion on a thread of its own (never blocking the cooperative pool).
public func runProcess(_ path: String, _ arguments: [String], environment: [String: String]? = nil) async throws -> ProcessOutput {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            do {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: path)
                process.arguments = arguments
                if let environment { process.environment = environment }
                let out = Pipe()
                let err = Pipe()
                process.standardOutput = out
                process.standardError = err
                try process.run()
                let stdout = out.fileHandleForReading.readDataToEndOfFile()
                let stderr = err.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(returning: ProcessOutput(status: process.terminationStatus,
                                                             stdout: String(decoding: stdout, as: UTF8.self),
                                                             stderr: String(decoding: stderr, as: UTF8.self)))
            } catch {
                continuation.resume(throwing: error)
            }
        }
        thread.start()
    }
}
