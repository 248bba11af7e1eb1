extension Recipient {
    /// Whether the recipient is told about `event`.
    ///
    /// - An overdue next step always reaches its responsible leader (by e-mail, any case), whatever
    ///   they subscribe to.
    /// - Otherwise the kind must be subscribed, the severity at least the minimum (a closed signal
    ///   counts with the severity it was raised with), a deterioration or "undersök" always passes
    ///   the direction filter and an improvement only with `.all`.
    /// - Feedback rejections are matched by sending system, not by organisation or programme area.
    /// - Everything else must lie in the scope (the organisation itself, or below it unless the
    ///   scope excludes descendants) and, when the recipient names programme areas, in one of them.
    ///
    /// - Parameters:
    ///   - ancestorIDs: the event organisation's ancestors as the service's projection knows them.
    public func wants(_ event: NotificationEvent, ancestorIDs: [String]) -> Bool {
        guard active else { return false }
        if event.kind == .nextStepOverdue, let responsible = event.responsibleEmail,
            responsible.lowercased() == email.lowercased()
        {
            return true
        }
        guard eventKinds.contains(event.kind), event.severity >= minimumSeverity else { return false }
        if event.direction == .improvement && directionFilter != .all { return false }
        if event.kind == .feedbackRejected {
            guard !sourceAppIDs.isEmpty else { return true }
            return event.sourceAppID.map(sourceAppIDs.contains) ?? false
        }
        if !programmeAreaIDs.isEmpty {
            guard let area = event.programmeAreaID, programmeAreaIDs.contains(area) else { return false }
        }
        guard let scope else { return true }
        guard let organisation = event.organisationID else { return false }
        if organisation == scope.organisationID { return true }
        return scope.includesDescendants && ancestorIDs.contains(scope.organisationID)
    }
}
