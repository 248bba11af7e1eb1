import Foundation

/// When a new delivery goes out: at the end of the recipient's open coalescing window (or a new
/// window from now), or at the next digest hour in Stockholm.
public enum DeliverySchedule {
    /// - Parameters:
    ///   - now: when the event is taken in.
    ///   - window: the coalescing window (0: at once).
    ///   - openWindowEnd: when the recipient's pending, not yet sent deliveries on this channel
    ///     go out, if any are waiting: a new one joins them.
    public static func due(
        now: Date, mode: Recipient.DeliveryMode, window: Duration, openWindowEnd: Date?
    ) -> Date {
        switch mode {
        case .immediate:
            if let openWindowEnd, openWindowEnd >= now { return openWindowEnd }
            return now.addingTimeInterval(seconds(window))
        case .dailyDigest(let hour):
            return nextDigest(after: now, hour: hour)
        }
    }

    /// The first instant strictly after `instant` when Stockholm's clock shows `hour`:00. On the
    /// spring day the hour 02 does not exist: 03:00 CEST is taken. On the autumn day 02:00 comes
    /// twice: the first.
    public static func nextDigest(after instant: Date, hour: Int) -> Date {
        let now = Int64(instant.timeIntervalSince1970.rounded(.down))
        var date = StockholmTime.date(at: now)
        for _ in 0..<3 {
            let at = instantOf(date, hour: hour)
            if at > now { return Date(timeIntervalSince1970: TimeInterval(at)) }
            date = date.adding(days: 1)
        }
        return Date(timeIntervalSince1970: TimeInterval(instantOf(date, hour: hour)))
    }

    /// The UTC instant of `hour`:00 on Stockholm's `date`.
    static func instantOf(_ date: CivilDate, hour: Int) -> Int64 {
        let local = Int64(date.daysSinceEpoch) * 86_400 + Int64(hour) * 3_600
        // Try winter time first (the earlier instant when the hour comes twice), then summer time.
        for offset in [Int64(7_200), 3_600] where StockholmTime.utcOffset(at: local - offset) == offset {
            return local - offset
        }
        // The hour does not exist (spring forward): the switch itself, 03:00 CEST.
        return local - 3_600
    }

    /// A duration in seconds, fractions kept.
    public static func seconds(_ duration: Duration) -> TimeInterval {
        TimeInterval(duration.components.seconds) + TimeInterval(duration.components.attoseconds) / 1e18
    }
}
