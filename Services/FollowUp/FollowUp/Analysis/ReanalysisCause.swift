/// Why series are re-analysed: decides how signals that disappear are closed, and what their
/// history names as the cause.
enum ReanalysisCause: Sendable {
    /// New or revised values (a batch, a feedback summary). An open signal that disappears was
    /// removed by revised data when a value at or before its last period changed, else it ended.
    /// - Parameter earliestChanged: per indicator, the earliest period ordinal that changed.
    case data(String, earliestChanged: [String: Int])
    /// The catalog moved an organisation: aggregates changed under it.
    case catalog(String)
    /// A phase break, baseline or withdrawal.
    case decision(String)
    /// The indicator's definition changed (or it was deactivated).
    case definition(String)

    /// For the signal's history: `batch:<id>`, `catalog:<message id>`, `decision:<id>`, `indicator:<actor>`.
    var text: String {
        switch self {
        case .data(let t, _), .catalog(let t), .decision(let t), .definition(let t): t
        }
    }
}
