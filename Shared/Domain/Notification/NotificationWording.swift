/// The words of notifications in the recipient's language: what a signal shows, periods, one-line
/// summaries and subjects. Swedish first; English for recipients who chose it.
public enum NotificationWording {
    /// "Förbättring", "Försämring", "Undersök" (English: "Improvement", "Deterioration", "Investigate").
    public static func direction(_ direction: NotificationEvent.Direction, _ language: Recipient.Language) -> String {
        switch (direction, language) {
        case (.improvement, .sv): "Förbättring"
        case (.deterioration, .sv): "Försämring"
        case (.neither, .sv): "Undersök"
        case (.improvement, .en): "Improvement"
        case (.deterioration, .en): "Deterioration"
        case (.neither, .en): "Investigate"
        }
    }

    /// What the chart shows, as a sentence for the body.
    public static func chartReading(_ direction: NotificationEvent.Direction, _ language: Recipient.Language) -> String {
        switch (direction, language) {
        case (.improvement, .sv): "Diagrammet visar en förbättring: mer än slumpmässig variation åt det bättre hållet."
        case (.deterioration, .sv): "Diagrammet visar en försämring: mer än slumpmässig variation åt det sämre hållet."
        case (.neither, .sv): "Diagrammet visar en förändring som bör undersökas: mer än slumpmässig variation."
        case (.improvement, .en): "The chart shows an improvement: more than random variation, in the good direction."
        case (.deterioration, .en): "The chart shows a deterioration: more than random variation, in the bad direction."
        case (.neither, .en): "The chart shows a change to investigate: more than random variation."
        }
    }

    /// "v. 14 2026", "mars 2026" (English: "week 14 2026", "March 2026").
    public static func period(_ period: Period, _ language: Recipient.Language) -> String {
        guard language == .en else { return period.swedishLabel }
        switch period.granularity {
        case .isoWeek: return "week \(period.index) \(period.year)"
        case .month: return "\(englishMonths[period.index - 1]) \(period.year)"
        case .quarter: return "Q\(period.index) \(period.year)"
        case .year: return "\(period.year)"
        }
    }

    static let englishMonths = [
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ]

    /// One line about a signal: "Försämring: Andel uppföljda inom 30 dagar, Akademiska sjukhuset,
    /// sedan v. 14 2026", or for a closed one "Avslutad signal: …".
    public static func signal(
        closed: Bool, direction: NotificationEvent.Direction, indicator: String, organisation: String, onset: Period?,
        _ language: Recipient.Language
    ) -> String {
        let since = onset.map { (language == .sv ? ", sedan " : ", since ") + period($0, language) } ?? ""
        let lead =
            closed
            ? (language == .sv
                ? "Avslutad signal (\(self.direction(direction, language).lowercased()))"
                : "Signal closed (\(self.direction(direction, language).lowercased()))") : self.direction(direction, language)
        return "\(lead): \(indicator), \(organisation)\(since)"
    }

    /// "Nästa steg försenat 3 dagar: <åtgärd>, <organisation>".
    public static func nextStepOverdue(action: String, organisation: String, daysOverdue: Int, _ language: Recipient.Language) -> String {
        language == .sv
            ? "Nästa steg försenat \(daysOverdue) \(daysOverdue == 1 ? "dag" : "dagar"): \(action), \(organisation)"
            : "Next step overdue by \(daysOverdue) \(daysOverdue == 1 ? "day" : "days"): \(action), \(organisation)"
    }

    /// "Dags att se över: <titel> (senast 2026-05-01)" or "Översyn försenad: …".
    public static func reviewDue(title: String, dueOn: CivilDate?, overdue: Bool, _ language: Recipient.Language) -> String {
        let date = dueOn.map { language == .sv ? " (senast \($0))" : " (due \($0))" } ?? ""
        switch (overdue, language) {
        case (false, .sv): return "Dags att se över kunskapsstödet: \(title)\(date)"
        case (true, .sv): return "Översynen av kunskapsstödet är försenad: \(title)\(date)"
        case (false, .en): return "Review of the knowledge support approaching: \(title)\(date)"
        case (true, .en): return "Review of the knowledge support overdue: \(title)\(date)"
        }
    }

    /// "Meddelande från <system> avvisades: <skäl>".
    public static func feedbackRejected(sourceApp: String, reason: String, _ language: Recipient.Language) -> String {
        let app = sourceApp.isEmpty ? (language == .sv ? "okänt system" : "unknown system") : sourceApp
        return language == .sv ? "Återkoppling från \(app) avvisades: \(reason)" : "Feedback from \(app) was rejected: \(reason)"
    }

    /// The subject of a message carrying `summaries` (oldest first): the one summary itself, or
    /// how many there are and the most severe first line.
    public static func subject(summaries: [String], digest: Bool, _ language: Recipient.Language) -> String {
        let prefix = "Kunskapsloop: "
        if summaries.count == 1 && !digest { return prefix + clip(summaries[0]) }
        let count = summaries.count
        switch (digest, language) {
        case (true, .sv): return prefix + "daglig sammanfattning, \(count) \(count == 1 ? "händelse" : "händelser")"
        case (true, .en): return prefix + "daily digest, \(count) \(count == 1 ? "event" : "events")"
        case (false, .sv): return prefix + "\(count) händelser, bland dem \(clip(summaries[0], 80))"
        case (false, .en): return prefix + "\(count) events, among them \(clip(summaries[0], 80))"
        }
    }

    /// Why a delivery was not sent, in Swedish (as `Delivery.suppressed_reason` shows it).
    public static func suppressedRaisedAndClosed(window: Duration) -> String {
        "signalen öppnades och stängdes inom \(window.components.seconds) s"
    }

    public static let suppressedDeactivated = "mottagaren inaktiverad"
    public static let suppressedUnsubscribed = "mottagaren avregistrerade sig från e-post"
    public static let suppressedDigestRaisedAndClosed = "signalen öppnades och stängdes före sammanfattningen"
    public static let suppressedRaisedAgain = "signalen öppnades igen innan meddelandet gick iväg; det senaste läget skickas"

    static func clip(_ text: String, _ limit: Int = 140) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
