/// Free text after `Redactor.redact(_:)`: the text with personal data replaced by markers, and how
/// many replacements of each category were made.
public struct RedactedText: Sendable, Hashable, CustomStringConvertible {
    /// The text with every match replaced by its category's marker (`[personnummer]`, …); the
    /// input itself when nothing matched.
    public let text: String
    // Three counters rather than a dictionary: the ingestion path redacts thousands of texts a
    // second and a dictionary would cost an allocation each.
    private let personalIdentityNumbers: Int
    private let emails: Int
    private let phones: Int

    /// - Parameters:
    ///   - text: The redacted text.
    ///   - counts: Replacements by category; default none.
    public init(text: String, counts: [Redactor.Category: Int] = [:]) {
        self.init(
            text: text, personalIdentityNumbers: counts[.personalIdentityNumber] ?? 0,
            emails: counts[.email] ?? 0, phones: counts[.phone] ?? 0)
    }

    init(text: String, personalIdentityNumbers: Int, emails: Int, phones: Int) {
        self.text = text
        self.personalIdentityNumbers = personalIdentityNumbers
        self.emails = emails
        self.phones = phones
    }

    /// Replacements by category; categories without replacements are absent, never zero.
    public var counts: [Redactor.Category: Int] {
        var counts: [Redactor.Category: Int] = [:]
        for category in Redactor.Category.allCases where count(of: category) > 0 { counts[category] = count(of: category) }
        return counts
    }

    /// Replacements of one category (0 when none).
    public func count(of category: Redactor.Category) -> Int {
        switch category {
        case .personalIdentityNumber: personalIdentityNumbers
        case .email: emails
        case .phone: phones
        }
    }

    /// All replacements together (what `FeedbackItem.redaction_count` adds up).
    public var total: Int { personalIdentityNumbers + emails + phones }

    /// Whether anything was replaced.
    public var isRedacted: Bool { total > 0 }

    public var description: String { text }
}
