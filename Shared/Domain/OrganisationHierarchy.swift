/// The organisation tree, with the ancestor and descendant queries that scoping needs (a region
/// leader sees the units below the region; a unit's feedback counts for its region too).
///
/// Built once from a list of organisations and then immutable; `inserting(_:)` returns a new tree.
public struct OrganisationHierarchy: Sendable {
    public private(set) var organisations: [String: Organisation]
    private var children: [String: [String]]

    /// Builds the tree, refusing a missing parent, a parent at the wrong level, a duplicate id or a cycle.
    public init(_ list: [Organisation]) throws(OrganisationError) {
        organisations = [:]
        children = [:]
        for org in list {
            guard organisations[org.id] == nil else { throw OrganisationError(.duplicateID, org.id, "\(org.id) is listed twice") }
            organisations[org.id] = org
        }
        for org in list {
            try validateParent(of: org)
            if let parent = org.parentID { children[parent, default: []].append(org.id) }
        }
        for key in children.keys { children[key]!.sort() }
    }

    public subscript(id: String) -> Organisation? { organisations[id] }

    public var count: Int { organisations.count }

    /// The nation at the root (the organisation without a parent).
    public var roots: [Organisation] {
        organisations.values.filter { $0.parentID == nil }.sorted { $0.id < $1.id }
    }

    /// Direct children, sorted by id.
    public func children(of id: String) -> [Organisation] {
        (children[id] ?? []).compactMap { organisations[$0] }
    }

    /// Parent, grandparent, … up to the root, nearest first.
    public func ancestors(of id: String) -> [Organisation] {
        var result: [Organisation] = []
        var current = organisations[id]?.parentID
        while let parentID = current, let parent = organisations[parentID] {
            result.append(parent)
            current = parent.parentID
        }
        return result
    }

    /// Every organisation below `id`, depth first, in id order at each level (not `id` itself).
    public func descendants(of id: String) -> [Organisation] {
        var result: [Organisation] = []
        var stack = Array((children[id] ?? []).reversed())
        while let next = stack.popLast() {
            guard let org = organisations[next] else { continue }
            result.append(org)
            stack.append(contentsOf: (children[next] ?? []).reversed())
        }
        return result
    }

    /// Whether `id` is `ancestorID` or lies below it.
    public func isWithin(_ id: String, _ ancestorID: String) -> Bool {
        id == ancestorID || ancestors(of: id).contains { $0.id == ancestorID }
    }

    /// The nearest organisation at `level` at or above `id` (a unit's region, a region's healthcare region).
    public func enclosing(_ id: String, at level: Organisation.Level) -> Organisation? {
        guard let org = organisations[id] else { return nil }
        if org.level == level { return org }
        return ancestors(of: id).first { $0.level == level }
    }

    /// A new tree with `organisation` added or replaced (a unit moved to another parent).
    public func inserting(_ organisation: Organisation) throws(OrganisationError) -> OrganisationHierarchy {
        if let existing = organisations[organisation.id], existing.level != organisation.level {
            throw OrganisationError(.levelChange, organisation.id, "\(organisation.id) is a \(existing.level.rawValue); its level cannot change")
        }
        if let parent = organisation.parentID, parent == organisation.id || isWithin(parent, organisation.id) {
            throw OrganisationError(.cycle, organisation.id, "moving \(organisation.id) under \(parent) would make a cycle")
        }
        var list = organisations
        list[organisation.id] = organisation
        return try OrganisationHierarchy(list.values.sorted { $0.id < $1.id })
    }

    private func validateParent(of org: Organisation) throws(OrganisationError) {
        guard let parentID = org.parentID else {
            guard org.level == .national else {
                throw OrganisationError(.missingParent, org.id, "\(org.id) (\(org.level.rawValue)) needs a parent")
            }
            return
        }
        guard let parent = organisations[parentID] else {
            throw OrganisationError(.unknownParent, org.id, "\(org.id) names parent \(parentID), which does not exist")
        }
        guard org.level.allowedParentLevels.contains(parent.level) else {
            throw OrganisationError(.wrongParentLevel, org.id, "a \(org.level.rawValue) cannot sit under a \(parent.level.rawValue) (\(parentID))")
        }
    }
}
