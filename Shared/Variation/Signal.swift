public import Domain

/// Something in a series that is unlikely to be chance: a rule that fired and the points behind it.
public struct Signal: Sendable, Hashable {
    public enum Rule: String, Sendable, Hashable, Codable, CaseIterable {
        /// A point beyond a control limit.
        case pointBeyondLimit
        /// A run on one side of the centre line longer than the rule set allows (a shift).
        case shift
        /// Fewer crossings of the centre line than chance allows (Anhøj).
        case fewCrossings
        /// Points in a row all increasing or all decreasing.
        case trend
        /// Two out of three points beyond 2 sigma on the same side.
        case twoOfThreeBeyondTwoSigma
        /// The target missed for several periods in a row.
        case targetMissed
    }

    /// Where the signal lies relative to the centre line (a rising trend counts as above).
    public enum Side: String, Sendable, Hashable, Codable {
        case above, below, none
    }

    public enum Direction: String, Sendable, Hashable, Codable {
        case improvement, deterioration, neither
    }

    public let rule: Rule
    public let side: Side
    public let direction: Direction
    /// The period of the first point behind the signal.
    public let onset: Period
    /// Indices into ``VariationAnalysis/points`` of every point behind the signal, ascending.
    public let pointIndices: [Int]
    /// The phase the signal was found in.
    public let phase: Int
}

extension Signal.Direction {
    /// The direction of a signal on `side` of the centre line given what counts as better.
    public init(side: Signal.Side, directionOfGood: DirectionOfGood) {
        switch (side, directionOfGood) {
        case (.above, .higher), (.below, .lower): self = .improvement
        case (.above, .lower), (.below, .higher): self = .deterioration
        default: self = .neither
        }
    }
}
