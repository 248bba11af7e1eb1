import Contracts
import Domain
import Foundation
import Messaging
import SwiftProtobuf

/// Reads the events notification routes (follow-up's signals and overdue steps, the catalog's
/// review-due supports, feedback's rejections) into routable events; others are nil.
enum EventReading {
    typealias SignalRaised = Kunskapsloop_Followup_V1_SignalRaised
    typealias SignalClosed = Kunskapsloop_Followup_V1_SignalClosed
    typealias NextStepOverdue = Kunskapsloop_Followup_V1_NextStepOverdue
    typealias ReviewDue = Kunskapsloop_Catalog_V1_KnowledgeSupportReviewDue
    typealias FeedbackRejected = Kunskapsloop_Feedback_V1_FeedbackRejected

    /// The types this service routes.
    static let routedTypes: Set<String> = [
        SignalRaised.protoMessageName, SignalClosed.protoMessageName, NextStepOverdue.protoMessageName,
        ReviewDue.protoMessageName, FeedbackRejected.protoMessageName,
    ]

    /// - Throws: `EventReadingError` when a routed type cannot be read.
    static func read(type: String, body: [UInt8], messageID: String, appID: String) throws(EventReadingError) -> RoutableEvent? {
        do {
            switch type {
            case SignalRaised.protoMessageName:
                let e = try SignalRaised(serializedBytes: body)
                return try signal(
                    e.signal, closed: false, ancestors: e.organisationAncestorIds, area: e.programmeArea.id,
                    reopened: e.reopened, occurredAt: e.occurredAt, messageID: messageID)
            case SignalClosed.protoMessageName:
                let e = try SignalClosed(serializedBytes: body)
                return try signal(
                    e.signal, closed: true, ancestors: e.organisationAncestorIds, area: e.programmeArea.id,
                    reopened: false, occurredAt: e.occurredAt, messageID: messageID)
            case NextStepOverdue.protoMessageName:
                return try overdue(try NextStepOverdue(serializedBytes: body), messageID: messageID)
            case ReviewDue.protoMessageName:
                return try reviewDue(try ReviewDue(serializedBytes: body), messageID: messageID)
            case FeedbackRejected.protoMessageName:
                return rejected(try FeedbackRejected(serializedBytes: body), messageID: messageID)
            default:
                return nil
            }
        } catch let error as EventReadingError {
            throw error
        } catch {
            throw EventReadingError(type: type, "undecodable: \(error)")
        }
    }

    private static func signal(
        _ s: Kunskapsloop_Followup_V1_Signal, closed: Bool, ancestors: [String], area: String, reopened: Bool,
        occurredAt: Google_Protobuf_Timestamp, messageID: String
    ) throws(EventReadingError) -> RoutableEvent {
        let type = closed ? SignalClosed.protoMessageName : SignalRaised.protoMessageName
        guard !s.id.isEmpty else { throw EventReadingError(type: type, "the signal has no id") }
        guard !s.organisation.id.isEmpty else { throw EventReadingError(type: type, "the signal has no organisation") }
        let direction = NotificationEvent.Direction(s.direction) ?? .neither
        let severity = NotificationEvent.Severity(s.severity) ?? (direction == .improvement ? .info : .warning)
        let indicator = s.indicator.name.isEmpty ? s.indicator.code : s.indicator.name
        let organisation = s.organisation.name.isEmpty ? s.organisation.id : s.organisation.name
        let stratum = s.stratum.label.isEmpty || s.stratum.label == "Alla" ? "" : " (\(s.stratum.label))"
        let onset = s.hasOnsetPeriod ? s.onsetPeriod.period : nil
        let last = s.hasLastPeriod ? s.lastPeriod.period : nil
        var summary: [String: String] = [:]
        var details: [String: [String]] = [:]
        for language in [Recipient.Language.sv, .en] {
            summary[language.rawValue] = NotificationWording.signal(
                closed: closed, direction: direction, indicator: indicator + stratum,
                organisation: organisation, onset: onset, language)
            // A closed signal says why it closed; an open one what the chart shows.
            var lines: [String] = []
            if closed {
                lines.append(
                    s.closeReadingSv.isEmpty
                        ? (language == .sv ? "Signalen är avslutad." : "The signal has closed.") : s.closeReadingSv)
            } else {
                lines.append(NotificationWording.chartReading(direction, language))
                if !s.readingSv.isEmpty { lines.append(s.readingSv) }
            }
            if let onset {
                let through = last.map { $0 == onset ? "" : " – " + NotificationWording.period($0, language) } ?? ""
                lines.append((language == .sv ? "Period: " : "Period: ") + NotificationWording.period(onset, language) + through)
            }
            if reopened { lines.append(language == .sv ? "Signalen har återkommit efter rättade värden." : "The signal came back after revised values.") }
            details[language.rawValue] = lines
        }
        let event = NotificationEvent(
            kind: closed ? .signalClosed : .signalRaised, sourceMessageID: messageID, subjectID: s.id,
            organisationID: s.organisation.id, programmeAreaID: area.isEmpty ? nil : area,
            severity: severity, direction: direction, occurredAt: occurredAt.date)
        return RoutableEvent(event: event, notice: notice(event, summary: summary, details: details, link: s.pageURL), carriedAncestorIDs: ancestors)
    }

    private static func overdue(_ e: NextStepOverdue, messageID: String) throws(EventReadingError) -> RoutableEvent {
        guard !e.organisation.id.isEmpty else { throw EventReadingError(type: NextStepOverdue.protoMessageName, "no organisation") }
        let organisation = e.organisation.name.isEmpty ? e.organisation.id : e.organisation.name
        let days = Int(max(1, e.daysOverdue))
        var summary: [String: String] = [:]
        var details: [String: [String]] = [:]
        for language in [Recipient.Language.sv, .en] {
            summary[language.rawValue] = NotificationWording.nextStepOverdue(
                action: e.nextStep.action, organisation: organisation,
                daysOverdue: days, language)
            let due = (try? e.nextStep.dueOn.civilDate()).flatMap { $0 }.map { "\($0)" } ?? "-"
            details[language.rawValue] =
                language == .sv
                ? [
                    "Självskattning: \(e.assessmentTitle)", "Påstående: \(e.statementText)",
                    "Ansvarig: \(e.nextStep.responsible.name) (\(e.nextStep.responsible.email)), klart senast \(due)",
                ]
                : [
                    "Self-assessment: \(e.assessmentTitle)", "Statement: \(e.statementText)",
                    "Responsible: \(e.nextStep.responsible.name) (\(e.nextStep.responsible.email)), due \(due)",
                ]
        }
        let event = NotificationEvent(
            kind: .nextStepOverdue, sourceMessageID: messageID, subjectID: "\(e.assessmentID)/\(e.statementID)",
            organisationID: e.organisation.id, severity: .warning,
            responsibleEmail: e.nextStep.responsible.email.isEmpty ? nil : e.nextStep.responsible.email,
            occurredAt: e.occurredAt.date)
        return RoutableEvent(
            event: event, notice: notice(event, summary: summary, details: details, link: e.assessmentURL),
            carriedAncestorIDs: e.organisationAncestorIds)
    }

    private static func reviewDue(_ e: ReviewDue, messageID: String) throws(EventReadingError) -> RoutableEvent {
        let s = e.knowledgeSupport
        guard !s.id.isEmpty, !s.ownerOrganisation.id.isEmpty else {
            throw EventReadingError(type: ReviewDue.protoMessageName, "the support has no id or no owner organisation")
        }
        let overdue = e.stage == .overdue
        let due = e.hasReviewDueOn ? (try? e.reviewDueOn.civilDate()).flatMap { $0 } : nil
        var summary: [String: String] = [:]
        for language in [Recipient.Language.sv, .en] {
            summary[language.rawValue] = NotificationWording.reviewDue(title: s.title, dueOn: due, overdue: overdue, language)
        }
        let owner = s.ownerOrganisation.name.isEmpty ? s.ownerOrganisation.id : s.ownerOrganisation.name
        let details = ["sv": ["Version \(s.version), ägs av \(owner)"], "en": ["Version \(s.version), owned by \(owner)"]]
        let event = NotificationEvent(
            kind: .reviewDue, sourceMessageID: messageID, subjectID: s.id, organisationID: s.ownerOrganisation.id,
            programmeAreaID: s.programmeArea.id.isEmpty ? nil : s.programmeArea.id,
            severity: overdue ? .warning : .info, occurredAt: e.occurredAt.date)
        return RoutableEvent(event: event, notice: notice(event, summary: summary, details: details, link: s.url), carriedAncestorIDs: [])
    }

    private static func rejected(_ e: FeedbackRejected, messageID: String) -> RoutableEvent {
        let summary = [
            "sv": NotificationWording.feedbackRejected(sourceApp: e.sourceAppID, reason: e.messageSv, .sv),
            "en": NotificationWording.feedbackRejected(sourceApp: e.sourceAppID, reason: e.messageEn, .en),
        ]
        let field = e.field.isEmpty ? "-" : e.field
        let details = [
            "sv": ["Meddelande-id: \(e.originalMessageID), fält: \(field), typ: \(e.originalType)"],
            "en": ["Message id: \(e.originalMessageID), field: \(field), type: \(e.originalType)"],
        ]
        let event = NotificationEvent(
            kind: .feedbackRejected, sourceMessageID: messageID,
            subjectID: e.originalMessageID.isEmpty ? messageID : e.originalMessageID, severity: .warning,
            sourceAppID: e.sourceAppID, occurredAt: e.rejectedAt.date)
        return RoutableEvent(event: event, notice: notice(event, summary: summary, details: details, link: ""), carriedAncestorIDs: [])
    }

    private static func notice(_ event: NotificationEvent, summary: [String: String], details: [String: [String]], link: String) -> Notice {
        Notice(
            kind: event.kind, sourceMessageID: event.sourceMessageID, subjectID: event.subjectID, severity: event.severity,
            direction: event.direction, summary: summary, details: details, link: link, occurredAt: event.occurredAt)
    }
}

/// A routed event that cannot be read; the consumer rejects it (the dead-letter queue keeps it).
struct EventReadingError: Error, Sendable, CustomStringConvertible {
    let type: String
    let problem: String

    init(type: String, _ problem: String) {
        self.type = type
        self.problem = problem
    }

    var description: String { "\(type): \(problem)" }
}
