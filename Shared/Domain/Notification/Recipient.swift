/// A leader who receives notifications: who they are, what they subscribe to, and how it reaches
/// them. Checked by `validated()`; matched against events by `wants(_:ancestorIDs:)`.
public struct Recipient: Sendable, Hashable {
    public enum Role: String, Sendable, Hashable, CaseIterable, Codable {
        case verksamhetschef
        case halsoOchSjukvardsdirektor = "halso_och_sjukvardsdirektor"
        case processledare
        case npoOrdforande = "npo_ordforande"
        case other
    }

    public enum Channel: String, Sendable, Hashable, CaseIterable, Codable {
        case email
        case webhook
        case inApp = "in_app"
    }

    public enum DeliveryMode: Sendable, Hashable {
        /// As events come, coalesced within the service's window.
        case immediate
        /// Once a day at this local hour (Europe/Stockholm, 0–23).
        case dailyDigest(hour: Int)
    }

    public enum DirectionFilter: String, Sendable, Hashable, Codable {
        /// Deteriorations and signals with no good direction.
        case deteriorations
        /// Improvements too.
        case all
    }

    public enum Language: String, Sendable, Hashable, Codable {
        case sv, en
    }

    /// The part of the organisation tree a recipient hears about.
    public struct Scope: Sendable, Hashable {
        public var organisationID: String
        /// False: only events about the organisation itself.
        public var includesDescendants: Bool

        public init(organisationID: String, includesDescendants: Bool = true) {
            self.organisationID = organisationID
            self.includesDescendants = includesDescendants
        }
    }

    /// Where webhook notifications go; `secret` nil when unchanged or not shown.
    public struct Webhook: Sendable, Hashable {
        public var url: String
        public var secret: String?

        public init(url: String, secret: String?) {
            self.url = url
            self.secret = secret
        }
    }

    public var id: String
    public var name: String
    public var email: String
    public var role: Role
    public var roleTitle: String
    /// Nil: the whole tree.
    public var scope: Scope?
    /// Empty: every programme area.
    public var programmeAreaIDs: [String]
    public var eventKinds: Set<NotificationEvent.Kind>
    public var minimumSeverity: NotificationEvent.Severity
    public var directionFilter: DirectionFilter
    /// Feedback rejections only from these sending systems; empty: all.
    public var sourceAppIDs: [String]
    public var channels: [Channel]
    public var webhook: Webhook?
    public var deliveryMode: DeliveryMode
    public var language: Language
    public var active: Bool

    public init(
        id: String, name: String, email: String, role: Role, roleTitle: String = "", scope: Scope? = nil,
        programmeAreaIDs: [String] = [], eventKinds: Set<NotificationEvent.Kind> = [], minimumSeverity: NotificationEvent.Severity = .info,
        directionFilter: DirectionFilter = .deteriorations, sourceAppIDs: [String] = [], channels: [Channel],
        webhook: Webhook? = nil, deliveryMode: DeliveryMode = .immediate, language: Language = .sv, active: Bool = true
    ) {
        self.id = id
        self.name = name
        self.email = email
        self.role = role
        self.roleTitle = roleTitle
        self.scope = scope
        self.programmeAreaIDs = programmeAreaIDs
        self.eventKinds = eventKinds
        self.minimumSeverity = minimumSeverity
        self.directionFilter = directionFilter
        self.sourceAppIDs = sourceAppIDs
        self.channels = channels
        self.webhook = webhook
        self.deliveryMode = deliveryMode
        self.language = language
        self.active = active
    }
}
