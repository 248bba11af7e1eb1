/// A knowledge support as the catalog shows it: the support itself, the names of its owner and
/// programme area, its structure (building blocks and links from both ends), its published
/// versions and when it was created and last changed.
public struct KnowledgeSupportRecord: Sendable, Hashable {
    public var support: KnowledgeSupport
    public var ownerName: String
    public var ownerLevel: Organisation.Level
    /// The programme area named by `support.programmeAreaID`, with its name.
    public var programmeArea: ProgrammeArea?
    /// What changed in the version in force (empty for the first).
    public var revisionNote: String
    /// In position order.
    public var buildingBlocks: [KnowledgeSupport.BuildingBlock]
    /// Links stated from either end, seen from this support, oldest first.
    public var links: [KnowledgeSupport.Link]
    /// The published version numbers, ascending.
    public var publishedVersions: [Int]
    public var createdAt: Instant
    public var updatedAt: Instant

    public init(
        support: KnowledgeSupport, ownerName: String, ownerLevel: Organisation.Level, programmeArea: ProgrammeArea? = nil,
        revisionNote: String = "", buildingBlocks: [KnowledgeSupport.BuildingBlock] = [], links: [KnowledgeSupport.Link] = [],
        publishedVersions: [Int] = [], createdAt: Instant, updatedAt: Instant
    ) {
        self.support = support
        self.ownerName = ownerName
        self.ownerLevel = ownerLevel
        self.programmeArea = programmeArea
        self.revisionNote = revisionNote
        self.buildingBlocks = buildingBlocks
        self.links = links
        self.publishedVersions = publishedVersions
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var id: String { support.id }

    /// The short reference other supports show.
    public var reference: KnowledgeSupport.Reference {
        KnowledgeSupport.Reference(
            id: support.id, slug: support.slug, title: support.title, kind: support.kind,
            retired: support.status == .retired)
    }
}
