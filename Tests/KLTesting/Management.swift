import Foundation

/// Messages in a queue, from the management API (more reliable than `rabbitmqctl` for quorum queues).
public func managementCount(_ queue: String) async throws -> Int {
    let name = queue.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "._-"))) ?? queue
    let output = try await runProcess(
        "/usr/bin/curl",
        [
            "-fsS", "-u", "admin:admin",
            "http://\(LocalStack.host):\(LocalStack.managementPort)/api/queues/\(LocalStack.vhost)/\(name)?columns=messages",
        ])
    let json = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
    return json?["messages"] as? Int ?? 0
}

/// Closes every broker connection whose client-provided name is `name` (a network failure, seen from the client).
public func closeConnections(named name: String) async throws {
    let output = try await runProcess(
        "/usr/bin/curl",
        [
            "-fsS", "-u", "admin:admin",
            "http://\(LocalStack.host):\(LocalStack.managementPort)/api/connections?columns=name,client_properties",
        ])
    let list = (try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]]) ?? []
    for connection in list {
        let props = connection["client_properties"] as? [String: Any]
        guard props?["connection_name"] as? String == name, let id = connection["name"] as? String else { continue }
        let encoded = id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? id
        _ = try await runProcess(
            "/usr/bin/curl",
            [
                "-fsS", "-u", "admin:admin", "-X", "DELETE",
                "http://\(LocalStack.host):\(LocalStack.managementPort)/api/connections/\(encoded)",
            ])
    }
}

public struct ProcessOutput: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

/// Runs a program to completion on a thread of its own (never blocking the cooperative pool).
/// posix_spawn + waitpid rather than Foundation's `Process`, whose exit detection on Linux was
/// seen to miss a child that had started daemons (the script became a zombie, never reaped).
public func runProcess(_ path: String, _ arguments: [String], environment: [String: String]? = nil) async throws -> ProcessOutput {
    try await withCheckedThrowingContinuation { continuation in
        Thread {
            continuation.resume(with: Result { try spawnAndWait(path, arguments, environment: environment) })
        }.start()
    }
}

private func spawnAndWait(_ path: String, _ arguments: [String], environment: [String: String]?) throws -> ProcessOutput {
    let dir = FileManager.default.temporaryDirectory
    let outURL = dir.appendingPathComponent("kl-\(UUID().uuidString).out")
    let errURL = dir.appendingPathComponent("kl-\(UUID().uuidString).err")
    defer {
        try? FileManager.default.removeItem(at: outURL)
        try? FileManager.default.removeItem(at: errURL)
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, errURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    let envp = env.map { strdup($0) } + [nil]
    defer {
        for pointer in argv { free(pointer) }
        for pointer in envp { free(pointer) }
    }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, path, &actions, nil, argv, envp)
    guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EINVAL) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    // WIFEXITED / WEXITSTATUS, spelled out (they are macros).
    let exitStatus: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return ProcessOutput(
        status: exitStatus,
        stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
        stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
}
