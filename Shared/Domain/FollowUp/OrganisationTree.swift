/// Parents and children of the organisations as the catalog has them now, for aggregation. More
/// lenient than ``OrganisationHierarchy``: levels are not checked and an unknown parent makes a
/// root, since a copy of the catalog built from events may be caught mid-change.
public struct OrganisationTree: Sendable {
    public private(set) var parent: [String: String] = [:]
    public private(set) var children: [String: [String]] = [:]

    /// - Parameter organisations: (id, parent id) pairs.
    public init(_ organisations: [(id: String, parentID: String?)]) {
        let known = Set(organisations.map(\.id))
        for org in organisations {
            guard let p = org.parentID, known.contains(p), p != org.id else { continue }
            parent[org.id] = p
            children[p, default: []].append(org.id)
        }
        for key in children.keys { children[key]?.sort() }
    }

    /// Parent, grandparent, … nearest first (stops at a cycle).
    public func ancestors(of id: String) -> [String] {
        var result: [String] = []
        var seen: Set<String> = [id]
        var current = parent[id]
        while let p = current, seen.insert(p).inserted {
            result.append(p)
            current = parent[p]
        }
        return result
    }
}

/// Values up the organisation tree: an organisation's value is the one reported for it, or else
/// (for proportions, rates and counts) the sum over the organisations directly below it, each
/// reported or itself aggregated. Measurements are never aggregated.
public enum Aggregation {
    /// The points of every organisation that has a value, reported or aggregated.
    /// - Parameters:
    ///   - reported: Reported points by organisation, each by period ordinal.
    ///   - tree: The catalog's tree as it is now (a moved unit takes its history along).
    ///   - aggregates: Whether values add up (``Indicator/ValueType/aggregates``).
    public static func values(reported: [String: [Int: SeriesPoint]], tree: OrganisationTree, aggregates: Bool) -> [String: [Int: SeriesPoint]] {
        guard aggregates else { return reported }
        // Organisations with a value: those reported and everything above them.
        var withData = Set(reported.keys)
        for id in reported.keys { withData.formUnion(tree.ancestors(of: id)) }
        var result: [String: [Int: SeriesPoint]] = [:]
        var visiting: Set<String> = []
        func compute(_ id: String) -> [Int: SeriesPoint] {
            if let done = result[id] { return done }
            guard visiting.insert(id).inserted else { return reported[id] ?? [:] }
            let kids = (tree.children[id] ?? []).filter(withData.contains).map { compute($0) }.filter { !$0.isEmpty }
            var points = reported[id] ?? [:]
            if !kids.isEmpty {
                var ordinals = Set<Int>()
                for kid in kids { ordinals.formUnion(kid.keys) }
                for ordinal in ordinals where points[ordinal] == nil {
                    var numerator = 0.0
                    var denominator: Double? = nil
                    var contributors = 0
                    var partial = false
                    for kid in kids {
                        guard let p = kid[ordinal] else { continue }
                        numerator += p.numerator
                        if let d = p.denominator { denominator = (denominator ?? 0) + d }
                        contributors += 1
                        partial = partial || p.partial
                    }
                    points[ordinal] = SeriesPoint(
                        numerator: numerator, denominator: denominator, origin: .aggregated, contributors: contributors,
                        expectedContributors: kids.count, partial: partial || contributors < kids.count)
                }
            }
            visiting.remove(id)
            result[id] = points
            return points
        }
        for id in withData.sorted() { _ = compute(id) }
        return result.filter { !$0.value.isEmpty }
    }
}

/// Equity gaps: a stratum's value minus its dimension's reference value, period by period.
public enum EquityGap {
    /// The gap series: for each period where both strata have a value, (minuend − reference) on
    /// the chart's scale; aggregated when either side is, partial when either is.
    /// - Parameters:
    ///   - scale: The indicator's display scale (the rate multiplier, else 1).
    public static func series(minuend: [Int: SeriesPoint], reference: [Int: SeriesPoint], scale: Double) -> [Int: SeriesPoint] {
        var result: [Int: SeriesPoint] = [:]
        for (ordinal, a) in minuend {
            guard let b = reference[ordinal], let va = a.value, let vb = b.value else { continue }
            let aggregated = a.origin == .aggregated || b.origin == .aggregated
            result[ordinal] = SeriesPoint(
                numerator: (va - vb) * scale, denominator: nil, origin: aggregated ? .aggregated : .reported,
                partial: a.partial || b.partial)
        }
        return result
    }
}
