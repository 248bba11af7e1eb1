import Foundation
import ServiceLifecycle

/// Runs `service` in the background while `body` runs, then cancels it (a hard stop, as a
/// crash or kill would be: nothing is flushed).
public func whileRunning<T: Sendable>(_ service: some Service, _ body: @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await service.run() }
        defer { group.cancelAll() }
        return try await body()
    }
}

/// Waits for `condition` (polling), failing after `timeout`: for effects that happen in the
/// background. Not a timing assertion: the timeout only bounds how long a broken test hangs, so
/// it is generous (the whole suite runs in parallel on two cores in CI, where 300 messages with a
/// poison one once took longer than 20 s).
public func eventually(
    timeout: Duration = .seconds(60), _ what: String = "condition",
    _ condition: @Sendable () async throws -> Bool
) async throws {
    let end = ContinuousClock.now.advanced(by: timeout)
    while ContinuousClock.now < end {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    throw EventuallyError(what: what)
}

/// Runs `body`, failing with `EventuallyError` when it has not finished after `timeout` (which
/// only bounds how long a broken test hangs).
public func withTimeout<T: Sendable>(
    _ timeout: Duration, _ what: String, _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: timeout)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else { throw EventuallyError(what: what) }
        return value
    }
}

public struct EventuallyError: Error, CustomStringConvertible {
    public let what: String
    public init(what: String) { self.what = what }
    public var description: String { "gave up waiting for \(what)" }
}

extension LocalStack {
    /// A product of this package (`catalog-service`, `kl`), built next to the test bundle.
    public static func executable(_ name: String) -> String {
        let bin = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let beside = bin.appendingPathComponent(name).path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return bin.deletingLastPathComponent().appendingPathComponent(name).path
    }
}
