import Foundation

/// The encodings a message needs: RFC 2047 words for headers, base64 bodies, RFC 5322 dates.
enum MailEncoding {
    /// The value as is when it is printable ASCII, else as `=?UTF-8?B?…?=` words of at most 75
    /// characters each, split between characters (never inside one).
    static func headerWord(_ value: String, quoteASCII: Bool = false) -> String {
        let printable = value.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7f }
        if printable {
            guard quoteASCII, value.contains(where: { ",;:<>@\"()[]\\".contains($0) }) else { return value }
            return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        var words: [String] = []
        var chunk = ""
        for character in value where !character.isNewline {
            let candidate = chunk + String(character)
            // 45 bytes encode to 60 base64 characters: with "=?UTF-8?B?" and "?=" within 75.
            if candidate.utf8.count > 45 {
                words.append(chunk)
                chunk = String(character)
            } else {
                chunk = candidate
            }
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    /// Base64 of the UTF-8 text with CRLF line ends, in lines of 76 characters.
    static func base64Lines(_ text: String) -> [String] {
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        let encoded = Data(normalised.utf8).base64EncodedString()
        var lines: [String] = []
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(String(encoded[index..<end]))
            index = end
        }
        return lines
    }

    /// `Tue, 07 Apr 2026 09:15:00 +0000`.
    static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
