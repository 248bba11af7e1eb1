/// A national programme area (nationellt programområde, NPO), such as "Reumatiska sjukdomar".
public struct ProgrammeArea: Sendable, Hashable, Codable, Identifiable {
    /// A stable slug, e.g. `reumatiska-sjukdomar`.
    public let id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}
