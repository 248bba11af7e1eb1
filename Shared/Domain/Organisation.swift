/// An organisation in the Swedish knowledge-governance hierarchy: the nation, a healthcare region
/// (sjukvårdsregion), a region, or a unit (vårdenhet).
public struct Organisation: Sendable, Hashable, Codable, Identifiable {
    public enum Level: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
        case national
        case healthcareRegion = "healthcare_region"
        case region
        case unit

        /// Nation first, units last.
        public var depth: Int {
            switch self {
            case .national: 0
            case .healthcareRegion: 1
            case .region: 2
            case .unit: 3
            }
        }

        /// The level a parent of an organisation at this level has (units may also sit under units).
        public var allowedParentLevels: Set<Level> {
            switch self {
            case .national: []
            case .healthcareRegion: [.national]
            case .region: [.healthcareRegion]
            case .unit: [.region, .unit]
            }
        }

        public static func < (a: Level, b: Level) -> Bool { a.depth < b.depth }
    }

    public let id: String
    public var name: String
    public let level: Level
    /// The organisation above this one; `nil` only for the nation.
    public var parentID: String?
    /// County code (länskod) for regions.
    public var countyCode: String?
    /// HSA-id for units, where given.
    public var hsaID: String?

    public init(id: String, name: String, level: Level, parentID: String?, countyCode: String? = nil, hsaID: String? = nil) {
        self.id = id
        self.name = name
        self.level = level
        self.parentID = parentID
        self.countyCode = countyCode
        self.hsaID = hsaID
    }
}
