/// What a rule found in one series, before it has an identity: the rule, its side, its phase and
/// the grid indices of its points.
public struct SignalFinding: Sendable, Hashable {
    public let rule: SignalRule
    public let side: SignalSide
    public let phase: Int
    /// Indices into the series' period grid, ascending.
    public let indices: [Int]

    public init(rule: SignalRule, side: SignalSide, phase: Int, indices: [Int]) {
        self.rule = rule
        self.side = side
        self.phase = phase
        self.indices = indices
    }

    /// One signal per stretch: beyond-limit points, which the rule reports one by one, merge
    /// when they are consecutive among the phase's points with a value (a period without a value
    /// neither breaks nor joins a stretch), of one side, within one phase. Three points in a row
    /// beyond the upper limit are one signal; beyond, within, beyond are two. Other rules already
    /// report stretches and pass through. The result is ordered by first index, then rule.
    /// - Parameters:
    ///   - findings: As the rules report them.
    ///   - included: The grid indices of the points with a value, ascending.
    public static func merged(_ findings: [SignalFinding], included: [Int]) -> [SignalFinding] {
        var position: [Int: Int] = [:]
        position.reserveCapacity(included.count)
        for (k, i) in included.enumerated() { position[i] = k }
        var result = findings.filter { $0.rule != .pointBeyondLimit }
        let beyond = findings.filter { $0.rule == .pointBeyondLimit }
            .flatMap { f in f.indices.map { (index: $0, side: f.side, phase: f.phase) } }
            .sorted { $0.index < $1.index }
        var current: (side: SignalSide, phase: Int, indices: [Int])?
        for point in beyond {
            if var open = current, open.side == point.side, open.phase == point.phase,
                let last = open.indices.last, let p = position[last], let q = position[point.index], q == p + 1
            {
                open.indices.append(point.index)
                current = open
                continue
            }
            if let open = current { result.append(SignalFinding(rule: .pointBeyondLimit, side: open.side, phase: open.phase, indices: open.indices)) }
            current = (point.side, point.phase, [point.index])
        }
        if let open = current { result.append(SignalFinding(rule: .pointBeyondLimit, side: open.side, phase: open.phase, indices: open.indices)) }
        let order = Dictionary(uniqueKeysWithValues: SignalRule.allCases.enumerated().map { ($1, $0) })
        return result.sorted { ($0.indices.first ?? 0, order[$0.rule] ?? 0) < ($1.indices.first ?? 0, order[$1.rule] ?? 0) }
    }
}
