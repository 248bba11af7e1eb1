/// A unit's adoption of a knowledge support as the catalog records it: where the unit stands,
/// with the version it was recorded against, the unit's name, why, by whom and when.
public struct AdoptionRecord: Sendable, Hashable {
    public var adoption: KnowledgeSupportAdoption
    public var knowledgeSupportVersion: Int
    public var unitName: String
    /// Why it does not apply (required then), or a note.
    public var reason: String
    public var recordedBy: String
    public var recordedAt: Instant

    public init(
        adoption: KnowledgeSupportAdoption, knowledgeSupportVersion: Int, unitName: String, reason: String = "",
        recordedBy: String = "", recordedAt: Instant
    ) {
        self.adoption = adoption
        self.knowledgeSupportVersion = knowledgeSupportVersion
        self.unitName = unitName
        self.reason = reason
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }
}

/// How many units stand where with a support (or with any support) across a subtree.
public struct AdoptionTally: Sendable, Hashable {
    public var adopted = 0
    public var planned = 0
    public var notApplicable = 0
    /// Units with no record (counted only for one support).
    public var unrecorded = 0

    public init(adopted: Int = 0, planned: Int = 0, notApplicable: Int = 0, unrecorded: Int = 0) {
        self.adopted = adopted
        self.planned = planned
        self.notApplicable = notApplicable
        self.unrecorded = unrecorded
    }

    /// Units with a record, whatever it says.
    public var recorded: Int { adopted + planned + notApplicable }

    /// Units with a record that says `status`.
    public func count(of status: KnowledgeSupportAdoption.Status) -> Int {
        switch status {
        case .adopted: adopted
        case .planned: planned
        case .notApplicable: notApplicable
        }
    }
}
