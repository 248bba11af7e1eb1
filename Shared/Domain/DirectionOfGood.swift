/// Which way a measure should move to count as better.
///
/// Signals are called improvement or deterioration from this: a shift above the centre is an
/// improvement when higher is better and a deterioration when lower is better.
public enum DirectionOfGood: String, Sendable, Hashable, Codable, CaseIterable {
    /// Higher values are better (for example the share of patients treated in time).
    case higher
    /// Lower values are better (for example infections per 1,000 bed days).
    case lower
    /// Neither direction is better in itself; signals are only reported as changes.
    case neither
}
