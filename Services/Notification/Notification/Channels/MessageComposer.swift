import Domain
import Foundation
import Mustache

/// A message as the recipient reads it: subject, plain text, HTML, the main link.
struct ComposedMessage: Sendable {
    var subject: String
    var text: String
    var html: String
    var link: String
}

/// Writes messages from the templates in `Templates/` (swift-mustache): one template per
/// language for plain text and one for HTML, listing every event of a dispatch, oldest first.
struct MessageComposer: Sendable {
    let library: MustacheLibrary

    /// - Throws: when a template is missing from the bundle or does not parse.
    init() throws {
        guard let directory = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw ComposerError("the notification service's Templates folder is missing from its bundle")
        }
        var library = MustacheLibrary()
        for name in ["email.sv.txt", "email.en.txt", "email.sv.html", "email.en.html"] {
            let url = directory.appendingPathComponent("\(name).mustache")
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { throw ComposerError("template \(name) is missing") }
            library.register(try MustacheTemplate(string: text), named: name)
        }
        self.library = library
    }

    /// - Parameters:
    ///   - notices: the dispatch's events, oldest first.
    ///   - unsubscribeURL: the recipient's link (e-mail only).
    func compose(_ recipient: Recipient, notices: [Notice], scopeName: String, unsubscribeURL: String?) -> ComposedMessage {
        let language = recipient.language
        let digest = recipient.deliveryMode != .immediate
        let summaries = notices.map { $0.summary(language) }
        let subject = NotificationWording.subject(summaries: summaries, digest: digest, language)
        let intro: String
        switch (digest, notices.count == 1, language) {
        case (true, _, .sv): intro = "Här är dagens sammanfattning från Kunskapsloop med \(notices.count) \(notices.count == 1 ? "händelse" : "händelser")."
        case (true, _, .en): intro = "Here is today's digest from Kunskapsloop with \(notices.count) \(notices.count == 1 ? "event" : "events")."
        case (false, true, .sv): intro = "Kunskapsloop har upptäckt något du bör känna till."
        case (false, true, .en): intro = "Kunskapsloop has found something you should know about."
        case (false, false, .sv): intro = "Kunskapsloop har upptäckt \(notices.count) händelser du bör känna till."
        case (false, false, .en): intro = "Kunskapsloop has found \(notices.count) events you should know about."
        }
        let events: [[String: Any]] = notices.enumerated().map { index, notice in
            [
                "number": index + 1, "summary": notice.summary(language), "details": notice.details(language),
                "link": notice.link, "hasLink": !notice.link.isEmpty, "colour": Self.colour(notice),
            ]
        }
        let context: [String: Any] = [
            "name": recipient.name, "intro": intro, "events": events, "subject": subject, "scope": scopeName,
            "unsubscribe": unsubscribeURL ?? "", "hasUnsubscribe": unsubscribeURL != nil,
        ]
        let text = library.render(context, withTemplate: "email.\(language.rawValue).txt") ?? summaries.joined(separator: "\n")
        let html = library.render(context, withTemplate: "email.\(language.rawValue).html") ?? ""
        return ComposedMessage(subject: subject, text: text, html: html, link: notices.first(where: { !$0.link.isEmpty })?.link ?? "")
    }

    /// The stripe beside an event: red for a deterioration that needs action, amber for one to
    /// look at, blue for an improvement or information, grey for a signal that closed.
    static func colour(_ notice: Notice) -> String {
        if notice.kind == .signalClosed { return "#6b7280" }
        if notice.direction == .improvement { return "#1d4ed8" }
        switch notice.severity {
        case .critical: return "#b91c1c"
        case .warning: return "#d97706"
        case .info: return "#1d4ed8"
        }
    }
}

struct ComposerError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
