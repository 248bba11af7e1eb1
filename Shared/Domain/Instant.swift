/// A moment in time to the microsecond, as PostgreSQL keeps `timestamptz`: microseconds since
/// 1970-01-01 00:00 UTC. Comparable, so "the newest state wins" is a comparison of instants.
public struct Instant: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let microsecondsSinceEpoch: Int64

    public init(microsecondsSinceEpoch: Int64) {
        self.microsecondsSinceEpoch = microsecondsSinceEpoch
    }

    /// Whole seconds since the epoch, rounded down (negative before it).
    public var secondsSinceEpoch: Int64 { StockholmTime.floorDivide(microsecondsSinceEpoch, 1_000_000) }

    /// The microseconds past `secondsSinceEpoch` (0..<1,000,000).
    public var microsecondsOfSecond: Int64 { microsecondsSinceEpoch - secondsSinceEpoch * 1_000_000 }

    public static func < (a: Instant, b: Instant) -> Bool { a.microsecondsSinceEpoch < b.microsecondsSinceEpoch }

    public var description: String { "\(secondsSinceEpoch).\(CivilDate.pad(Int(microsecondsOfSecond), 6))" }
}
