import Domain

/// A look at the raw wire bytes of a `FeedbackSubmitted` that swift-protobuf refused: which string
/// field, if any, holds invalid UTF-8. The decoder only says "invalid UTF-8", and a sender needs
/// the field to fix its message (`INVALID_UTF8` with `field`).
public enum FeedbackSubmittedWire {
    /// The proto names of the message's string fields by number.
    static let stringFields: [UInt64: String] = [
        1: "knowledge_support_id", 2: "knowledge_support_slug", 3: "knowledge_support_url",
        8: "text", 9: "comment", 10: "organisation_id", 12: "source_system",
    ]

    /// The first string field whose bytes are not valid UTF-8; nil when there is none or when the
    /// bytes are not well-formed protobuf at all (then the message is undecodable).
    public static func firstInvalidUTF8Field(_ bytes: [UInt8]) -> String? {
        var index = 0
        func varint() -> UInt64? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while index < bytes.count, shift < 64 {
                let byte = bytes[index]
                index += 1
                value |= UInt64(byte & 0x7f) << shift
                if byte & 0x80 == 0 { return value }
                shift += 7
            }
            return nil
        }
        while index < bytes.count {
            guard let key = varint() else { return nil }
            let (number, wireType) = (key >> 3, key & 7)
            switch wireType {
            case 0: guard varint() != nil else { return nil }
            case 1: index += 8
            case 5: index += 4
            case 2:
                guard let length = varint(), length <= UInt64(bytes.count - index) else { return nil }
                let end = index + Int(length)
                if let name = stringFields[number], !UTF8Validity.isValid(bytes[index..<end]) { return name }
                index = end
            default: return nil
            }
            guard index <= bytes.count else { return nil }
        }
        return nil
    }
}
