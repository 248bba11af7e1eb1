public import Domain

/// How a funnel plot's limits are computed.
public struct FunnelOptions: Sendable, Hashable {
    public enum Method: Sendable, Hashable {
        /// Binomial quantiles interpolated as in Spiegelhalter (2005), appendix A.1.1 (upper limit
        /// mirrored from the lower limit of 1 − p̄).
        case exactBinomial
        /// p̄ ± z·√(φ·p̄(1 − p̄)/n).
        case normal(Overdispersion)
    }

    /// The multiplicative over-dispersion factor φ of the normal approximation.
    public enum Overdispersion: Sendable, Hashable {
        /// φ = 1.
        case none
        /// φ estimated from the units' z-scores, winsorised at 10 % each side (Spiegelhalter
        /// 2005); a φ below 1 is taken as 1.
        case estimated
        /// A given φ (values below 1 are taken as 1).
        case fixed(Double)
    }

    public var method: Method
    public var directionOfGood: DirectionOfGood

    /// Creates options.
    /// - Parameters:
    ///   - method: Defaults to ``Method/exactBinomial``.
    ///   - directionOfGood: Defaults to ``DirectionOfGood/neither``.
    public init(method: Method = .exactBinomial, directionOfGood: DirectionOfGood = .neither) {
        self.method = method
        self.directionOfGood = directionOfGood
    }
}
