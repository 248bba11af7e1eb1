import Domain
import Foundation

/// What a message says about one event, in both languages, kept with the event so that any
/// later message (coalesced, digest, retry) is written from it without the original event.
struct Notice: Codable, Sendable, Hashable {
    var kind: NotificationEvent.Kind
    var sourceMessageID: String
    var subjectID: String
    var severity: NotificationEvent.Severity
    var direction: NotificationEvent.Direction?
    /// One line per language ("sv", "en").
    var summary: [String: String]
    /// Further lines for the body, per language: the reading, the periods, why it closed.
    var details: [String: [String]]
    /// The leader's page, the assessment, the knowledge support; may be empty.
    var link: String
    var occurredAt: Date

    func summary(_ language: Recipient.Language) -> String { summary[language.rawValue] ?? summary["sv"] ?? "" }
    func details(_ language: Recipient.Language) -> [String] { details[language.rawValue] ?? details["sv"] ?? [] }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }()

    var json: String { String(decoding: (try? Self.encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self) }

    static func from(json: String) throws -> Notice { try decoder.decode(Notice.self, from: Data(json.utf8)) }
}

/// An event read for routing: what routing matches on, what messages say, and the ancestors the
/// event itself carries (used only when the projection never learns the organisation).
struct RoutableEvent: Sendable {
    var event: NotificationEvent
    var notice: Notice
    var carriedAncestorIDs: [String]
}
