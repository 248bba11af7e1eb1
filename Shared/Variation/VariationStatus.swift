/// The headline reading of the latest phase, as NHS variation icons show it.
public enum VariationStatus: Sendable, Hashable {
    /// No signal: only common-cause variation.
    case commonCause
    /// A special cause on the good side.
    case improvement(Signal.Side)
    /// A special cause on the bad side.
    case concern(Signal.Side)
    /// A special cause where neither direction is better (or no side, as few crossings).
    case neither(Signal.Side)
    /// Too few useful points to read runs (``RuleSet/minimumUsefulPoints``), and no limit was
    /// crossed: too early to call the variation common cause, on run and control charts alike.
    case tooFewPoints
}
