/// "Det här blir mitt nästa steg": the agreed step of a self-assessment statement, with the
/// leader who answers for it (by e-mail) and a due date.
public struct NextStep: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case open, done, cancelled
    }

    public var action: String
    public var responsibleEmail: String
    public var responsibleName: String
    public var dueOn: CivilDate
    public var status: Status

    public init(action: String, responsibleEmail: String, responsibleName: String = "", dueOn: CivilDate, status: Status = .open) {
        self.action = action
        self.responsibleEmail = responsibleEmail
        self.responsibleName = responsibleName
        self.dueOn = dueOn
        self.status = status
    }

    /// Days past the due date on `today` (Europe/Stockholm): ≥ 1 from the day after it, for an
    /// open step; nil otherwise.
    public func daysOverdue(on today: CivilDate) -> Int? {
        guard status == .open else { return nil }
        let days = dueOn.days(to: today)
        return days >= 1 ? days : nil
    }

    /// Checks a step about to be agreed.
    /// - Throws: ``IndicatorError`` naming the field under `next_step.`.
    public func validate() throws(IndicatorError) {
        guard !action.trimmingSpaces.isEmpty else { throw .invalid("next_step.action", "say what will be done") }
        guard action.count <= 2000 else { throw .invalid("next_step.action", "the action is longer than 2000 characters") }
        guard Self.isEmail(responsibleEmail) else {
            throw .invalid("next_step.responsible.email", "the responsible leader is named by an e-mail address (name@example.se)")
        }
        guard status != .done else { throw .invalid("next_step.status", "a step is marked done with CompleteNextStep") }
    }

    /// A plain check: something@domain.tld, no spaces, at most 254 characters.
    public static func isEmail(_ text: String) -> Bool {
        guard text.count <= 254, !text.contains(where: \.isWhitespace) else { return false }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { return false }
        let domain = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return domain.count >= 2 && domain.allSatisfy { !$0.isEmpty }
    }
}
