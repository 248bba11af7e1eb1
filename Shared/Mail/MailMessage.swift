import Foundation

/// An e-mail as RFC 5322 text: headers, and a `multipart/alternative` body with a plain-text and
/// an HTML part (UTF-8, base64, so any text travels over any server). Pure: no I/O.
public struct MailMessage: Sendable, Hashable {
    /// `Name <address>` or a bare address.
    public var from: MailAddress
    public var to: [MailAddress]
    public var subject: String
    public var text: String
    public var html: String?
    /// Without the angle brackets: `3f0c…@kunskapsloop`.
    public var messageID: String
    /// The message this one answers (threading), without angle brackets.
    public var inReplyTo: String?
    /// The thread's earlier messages, oldest first, without angle brackets.
    public var references: [String]
    /// `List-Unsubscribe` URL (RFC 2369); with it `List-Unsubscribe-Post` (RFC 8058) is set.
    public var unsubscribeURL: String?
    public var date: Date
    /// Further headers, e.g. `X-Kunskapsloop-Dispatch`.
    public var extraHeaders: [(String, String)]

    /// - Parameters:
    ///   - date: default now.
    public init(
        from: MailAddress, to: [MailAddress], subject: String, text: String, html: String? = nil, messageID: String,
        inReplyTo: String? = nil, references: [String] = [], unsubscribeURL: String? = nil, date: Date = Date(),
        extraHeaders: [(String, String)] = []
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.unsubscribeURL = unsubscribeURL
        self.date = date
        self.extraHeaders = extraHeaders
    }

    public static func == (a: MailMessage, b: MailMessage) -> Bool { a.rendered() == b.rendered() }
    public func hash(into hasher: inout Hasher) { hasher.combine(rendered()) }

    /// The message as sent: CRLF line ends, header values encoded (RFC 2047) where not ASCII.
    /// - Parameters:
    ///   - boundary: the MIME boundary; default one derived from the message id.
    public func rendered(boundary: String? = nil) -> [UInt8] {
        let boundary =
            boundary ?? "kl-"
            + String(
                messageID.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }
                    .prefix(32).map(Character.init))
        var lines: [String] = [
            "From: \(from.header)",
            "To: \(to.map(\.header).joined(separator: ", "))",
            "Subject: \(MailEncoding.headerWord(subject))",
            "Date: \(MailEncoding.date(date))",
            "Message-ID: <\(messageID)>",
        ]
        if let inReplyTo { lines.append("In-Reply-To: <\(inReplyTo)>") }
        if !references.isEmpty { lines.append("References: " + references.map { "<\($0)>" }.joined(separator: " ")) }
        if let unsubscribeURL {
            lines.append("List-Unsubscribe: <\(unsubscribeURL)>")
            lines.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
        }
        for (name, value) in extraHeaders { lines.append("\(name): \(MailEncoding.headerWord(value))") }
        lines.append("MIME-Version: 1.0")
        if let html {
            lines.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
            lines.append("")
            lines.append("--\(boundary)")
            lines += Self.part(type: "text/plain", text)
            lines.append("--\(boundary)")
            lines += Self.part(type: "text/html", html)
            lines.append("--\(boundary)--")
        } else {
            lines += Self.part(type: "text/plain", text)
        }
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    private static func part(type: String, _ content: String) -> [String] {
        ["Content-Type: \(type); charset=utf-8", "Content-Transfer-Encoding: base64", ""] + MailEncoding.base64Lines(content)
    }
}

/// A mailbox: an address with an optional display name.
public struct MailAddress: Sendable, Hashable {
    public var name: String?
    public var address: String

    public init(_ address: String, name: String? = nil) {
        self.address = address
        self.name = name
    }

    /// `=?UTF-8?B?…?= <anna@example.se>`, or the bare address.
    var header: String {
        guard let name, !name.isEmpty else { return address }
        return "\(MailEncoding.headerWord(name, quoteASCII: true)) <\(address)>"
    }
}
