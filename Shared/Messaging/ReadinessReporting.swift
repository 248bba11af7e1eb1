/// A part of a service that can say why it cannot do its work right now. `/readyz` answers 503
/// with what its parts say, one line each.
public protocol ReadinessReporting: Sendable {
    /// nil while the part can work; otherwise one line saying what is wrong, and since when.
    var readinessProblem: String? { get }
}

extension AMQPConnection: ReadinessReporting {
    public var readinessProblem: String? {
        let status = status
        let name = configuration.connectionName
        if !status.connected { return "broker connection \(name) is down" + (status.lastError.map { ": \($0)" } ?? "") }
        if let blocked = status.blockedReason { return "broker blocks publishing on \(name): \(blocked)" }
        return nil
    }
}
