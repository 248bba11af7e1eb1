/// An organisation as the catalog keeps it: with its place in the tree (every ancestor's id,
/// root first, parent last) and when it was created and last changed.
public struct OrganisationRecord: Sendable, Hashable {
    public var organisation: Organisation
    public var ancestorIDs: [String]
    public var createdAt: Instant
    public var updatedAt: Instant

    public init(organisation: Organisation, ancestorIDs: [String], createdAt: Instant, updatedAt: Instant) {
        self.organisation = organisation
        self.ancestorIDs = ancestorIDs
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var id: String { organisation.id }
}
