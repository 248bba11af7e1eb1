/// Where a unit stands with a knowledge support: adopted, planned, or not applicable, as the
/// catalog records it.
public struct KnowledgeSupportAdoption: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case adopted
        case planned
        case notApplicable = "not_applicable"
    }

    public let knowledgeSupportID: String
    public let organisationID: String
    public var status: Status
    /// When the unit adopted it (status adopted).
    public var adoptedOn: CivilDate?
    /// When the unit plans to (status planned).
    public var plannedOn: CivilDate?

    public init(knowledgeSupportID: String, organisationID: String, status: Status, adoptedOn: CivilDate? = nil, plannedOn: CivilDate? = nil) {
        self.knowledgeSupportID = knowledgeSupportID
        self.organisationID = organisationID
        self.status = status
        self.adoptedOn = adoptedOn
        self.plannedOn = plannedOn
    }
}
