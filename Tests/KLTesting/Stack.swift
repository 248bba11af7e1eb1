import Foundation

extension LocalStack {
    /// The repository root (for scripts/stack.sh).
    public static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Runs `scripts/stack.sh ARGS` and fails unless it exits 0.
    @discardableResult
    public static func stack(_ arguments: String...) async throws -> String {
        let result = try await runProcess(root.appendingPathComponent("scripts/stack.sh").path, arguments)
        guard result.status == 0 else { throw StackError(command: arguments.joined(separator: " "), output: result.stderr + result.stdout) }
        return result.stdout
    }
}

public struct StackError: Error, CustomStringConvertible {
    public let command: String
    public let output: String
    public var description: String { "scripts/stack.sh \(command) failed: \(output)" }
}
