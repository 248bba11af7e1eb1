import Foundation

/// An event the notification service tells leaders about, as routing sees it: what kind, about
/// what, where in the organisation tree, how severe, and which way it points.
public struct NotificationEvent: Sendable, Hashable {
    /// The kinds of event a recipient subscribes to.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        case signalRaised = "signal_raised"
        case signalClosed = "signal_closed"
        case nextStepOverdue = "next_step_overdue"
        case reviewDue = "review_due"
        case feedbackRejected = "feedback_rejected"
    }

    /// How urgent: a recipient's minimum lets through that severity and above.
    public enum Severity: Int, Sendable, Hashable, Comparable, CaseIterable, Codable {
        case info = 1
        case warning = 2
        case critical = 3
        public static func < (a: Severity, b: Severity) -> Bool { a.rawValue < b.rawValue }
    }

    /// A signal read against the indicator's direction of good.
    public enum Direction: String, Sendable, Hashable, CaseIterable, Codable {
        /// "förbättring"
        case improvement
        /// "försämring"
        case deterioration
        /// "undersök": no good direction, or no side.
        case neither
    }

    public var kind: Kind
    /// The AMQP message id of the event.
    public var sourceMessageID: String
    /// What it is about: a signal id, `<assessment>/<statement>`, a support id, a message id.
    public var subjectID: String
    /// The organisation it concerns; nil for kinds routed otherwise (feedback rejections).
    public var organisationID: String?
    /// The programme area it belongs to, when any.
    public var programmeAreaID: String?
    public var severity: Severity
    /// Signals only.
    public var direction: Direction?
    /// Feedback rejections: the sending system's AMQP app_id.
    public var sourceAppID: String?
    /// Overdue next steps: the responsible leader's e-mail, who gets it whatever they subscribe to.
    public var responsibleEmail: String?
    public var occurredAt: Date

    public init(
        kind: Kind, sourceMessageID: String, subjectID: String, organisationID: String? = nil, programmeAreaID: String? = nil,
        severity: Severity, direction: Direction? = nil, sourceAppID: String? = nil, responsibleEmail: String? = nil,
        occurredAt: Date
    ) {
        self.kind = kind
        self.sourceMessageID = sourceMessageID
        self.subjectID = subjectID
        self.organisationID = organisationID
        self.programmeAreaID = programmeAreaID
        self.severity = severity
        self.direction = direction
        self.sourceAppID = sourceAppID
        self.responsibleEmail = responsibleEmail
        self.occurredAt = occurredAt
    }
}
