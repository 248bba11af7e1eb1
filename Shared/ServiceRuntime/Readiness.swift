import Logging
import Messaging
import PostgresNIO
import Storage
import Synchronization

/// What `/readyz` checks: start-up done (migrations, topology), the database answering, and
/// every part that reports (broker connections, the outbox relay, consumers) able to work.
public final class Readiness: Sendable {
    let database: Database
    private let parts = Mutex<[any ReadinessReporting]>([])
    private let started = Mutex<String?>("starting up (migrations and topology not applied yet)")

    init(database: Database, parts: [any ReadinessReporting]) {
        self.database = database
        self.parts.withLock { $0 = parts }
    }

    func markStarted() { started.withLock { $0 = nil } }

    /// Says why start-up waits (the database or the broker is not there yet).
    func startupWaits(_ reason: String) { started.withLock { $0 = "starting up: \(reason)" } }

    func watch(_ more: [any ReadinessReporting]) { parts.withLock { $0 += more } }

    /// Empty when ready; otherwise why not, one reason per line.
    func problems(logger: Logger) async -> [String] {
        var problems: [String] = []
        if let waiting = started.withLock({ $0 }) { problems.append(waiting) }
        problems += parts.withLock { $0 }.compactMap(\.readinessProblem)
        let database = database
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    _ = try await database.read { try await $0.query("SELECT 1", logger: logger).collect() }
                }
                group.addTask {
                    try await Task.sleep(for: .seconds(2))
                    throw CancellationError()
                }
                defer { group.cancelAll() }
                try await group.next()
            }
        } catch {
            problems.append("database does not answer within 2 s")
        }
        return problems
    }
}
