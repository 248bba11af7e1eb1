import Logging
import Messaging
import PostgresNIO
import Synchronization

/// What `/readyz` checks: migrations done, the database answering, both broker connections up
/// and not blocked by a resource alarm.
public final class Readiness: Sendable {
    let client: PostgresClient
    let connections: [AMQPConnection]
    private let started = Mutex<String?>("starting up (migrations and topology not applied yet)")

    init(client: PostgresClient, connections: [AMQPConnection]) {
        self.client = client
        self.connections = connections
    }

    func markStarted() { started.withLock { $0 = nil } }

    /// Empty when ready; otherwise why not, one reason per line.
    func problems(logger: Logger) async -> [String] {
        var problems: [String] = []
        if let waiting = started.withLock({ $0 }) { problems.append(waiting) }
        for connection in connections {
            let status = connection.status
            let name = connection.configuration.connectionName
            if !status.connected {
                problems.append("broker connection \(name) is down" + (status.lastError.map { ": \($0)" } ?? ""))
            } else if let blocked = status.blockedReason {
                problems.append("broker blocks publishing on \(name): \(blocked)")
            }
        }
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await self.client.query("SELECT 1", logger: logger) }
                group.addTask {
                    try await Task.sleep(for: .seconds(2))
                    throw CancellationError()
                }
                try await group.next()
                group.cancelAll()
            }
        } catch {
            problems.append("database does not answer")
        }
        return problems
    }
}
