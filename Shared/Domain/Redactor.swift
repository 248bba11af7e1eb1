/// Replaces personal data in patients' free text with markers before the text is stored, logged or
/// published: Swedish personal identity and coordination numbers, e-mail addresses and Swedish
/// phone numbers.
///
/// A hand-written scanner over the UTF-8 bytes does the work, in one pass; text with no digit and no
/// `@` is returned as it came, without copying.
///
/// ## What counts as a match
///
/// - **Tokens stand alone.** A match must not be glued to a digit on either side, nor to a letter
///   (any script) after it: `0701234567b` and 11-digit runs are left alone. A letter in front does
///   not make a phone number safe to keep, so a phone number may follow a letter directly
///   (`ring070-123 45 67`, `Ring+46701234567`, `Ring(08) 123 456 78`); an identity number may not
///   (`x198501011234` is left alone, as product and reference codes take that shape). Nor may it continue a
///   digit compound: a dash (any of those below), dot or colon between it and a digit joins the
///   two, so `2024-03-15 12 34 56` holds no phone number and `19850101-1234-5` no identity number. Any
///   other neighbour (space, other punctuation, brackets, the end of the text) is a boundary, and
///   only the neighbouring characters count: `id:19850101-1234,` is redacted.
/// - **Identity numbers** (`[personnummer]`), whatever their check digit: `YYMMDDNNNN`,
///   `YYYYMMDDNNNN`, or `YYMMDD`/`YYYYMMDD`, one separator, `NNNN`. A separator is `+`, a dash, a
///   space, or a dash with a space before it, after it or both; dashes and spaces include the
///   look-alikes that phones, word processors and copy-paste produce: hyphen U+2010, non-breaking
///   hyphen U+2011, figure dash U+2012, en dash U+2013 and minus sign U+2212; no-break space
///   U+00A0, the fixed spaces U+2000–U+200A (figure, punctuation, thin, hair …), narrow no-break
///   space U+202F and U+205F. The month must be 01–12 and the day 01–31 or, for coordination
///   numbers, 61–91 (the day is not checked against the month). Four-digit years must start 18, 19
///   or 20. Eight digits alone (`20240315`) are a date, not an identity number; `20240315 1234` has
///   the shape and is redacted.
/// - **Phone numbers** (`[telefon]`): national numbers start with `0` and a digit 1–9 and have 8–10
///   digits; international ones start `+46` or `0046`, optionally followed by `(0)` or a superfluous
///   trunk `0`, and have 7–9 digits after the country code. Digits come compact (`0701234567`) or in
///   groups separated by the separators above except `+` (`070 - 123 45 67` too): the first group
///   (the area code) has 2–4 digits nationally or 1–3 after the country code, later groups at
///   least 2 and at least 5 together (a subscriber number's length, so `0830-1200` reads as
///   opening hours), at most five groups. After the area code a dash joins only groups of two or three
///   digits — so `05-03-2024` (a date) is no phone number, but `070-123 45 67`, `070-123-45-67`,
///   `08-123-456-78`, `0771-123 123` and `+46 (0)70-123 45 67` are. Of the groups that follow, the
///   longest run that makes a valid number is taken. A national area code may stand in
///   parentheses, `(08) 123 456 78`, `(031) 12 34 56`, `(0171) 12 34 56`; the parentheses belong
///   to the number and are replaced with it.
/// - **Both shapes.** Identity numbers are tried first. A compact ten-digit run that is also a
///   phone number counts as a phone number when it starts with a mobile prefix (070, 072, 073,
///   076, 079) and as an identity number otherwise; it is redacted either way.
/// - **E-mail addresses** (`[e-post]`): a local part of letters (any script), digits and `. _ % + -`
///   (at most 64 bytes, as RFC 5321 allows), an `@`, and at least two dot-separated labels of
///   letters, digits and inner hyphens, the last of at least two letters. Leading dots of the
///   local part and a sentence's final dot stay outside. An address is tried before the digits it
///   may start with (`0701234567@exempel.se` is one address).
/// - **URLs** (`http://`, `https://` or `www.` at a word start, up to the next white space or
///   fixed space, `<`, `>` or `"`) keep their digits: no phone number is found inside a URL. Identity numbers and e-mail
///   addresses inside a URL are still redacted, since they are personal data wherever they appear.
/// - **Not redacted:** dates (`2024-03-15`, `15/3 2024`, `20240315`), years, amounts (`1 500 kr`),
///   counts, short numbers (`112`, `1177`), ICD codes (`M05.3`), version numbers (`2.10.1`), times
///   and opening hours (`08.30–12.00`, `0800-1630`), HSA-ids (`SE2321000016-15CQ`),
///   organisationsnummer (`556123-4567`: their month digits are 20 or more), postal codes
///   (`411 06`), reference numbers (`Dnr 2024/01234`).
///
/// Known limits: a date written with spaces and a leading zero (`05 03 2024`) reads as a phone
/// number; a number written right after a phone number with a space (`08-12 34 56 10 gånger`) can
/// be taken into it when the digits still fit; an area code before a slash (`08/123 45 67`) is not
/// recognised; an identity number glued to a word (`pnr198501011234`) is left, like `x198501011234`.
public enum Redactor {
    /// A kind of personal data, with the marker that replaces it.
    public enum Category: String, Sendable, Hashable, Codable, CaseIterable {
        /// A personal identity number (personnummer) or coordination number (samordningsnummer).
        case personalIdentityNumber = "personal_identity_number"
        /// An e-mail address.
        case email
        /// A Swedish phone number, national or +46.
        case phone

        /// `[personnummer]`, `[e-post]` or `[telefon]`.
        public var marker: String {
            switch self {
            case .personalIdentityNumber: "[personnummer]"
            case .email: "[e-post]"
            case .phone: "[telefon]"
            }
        }
    }

    /// Redacts one text.
    ///
    /// - Parameter text: Free text from a patient, a relative or anyone else.
    /// - Returns: The text with every match replaced by its marker, and the counts; `text` itself
    ///   when nothing matched.
    public static func redact(_ text: String) -> RedactedText {
        var utf8 = text
        return utf8.withUTF8 { bytes in
            let found = Scanner(bytes).matches()
            guard !found.isEmpty else { return RedactedText(text: text, personalIdentityNumbers: 0, emails: 0, phones: 0) }
            var counts = (personalIdentityNumbers: 0, emails: 0, phones: 0)
            for match in found {
                switch match.category {
                case .personalIdentityNumber: counts.personalIdentityNumbers += 1
                case .email: counts.emails += 1
                case .phone: counts.phones += 1
                }
            }
            return RedactedText(
                text: replacing(found, in: bytes), personalIdentityNumbers: counts.personalIdentityNumbers,
                emails: counts.emails, phones: counts.phones)
        }
    }

    /// The text with each match (in order, not overlapping) replaced by its marker.
    static func replacing(_ found: [Match], in bytes: UnsafeBufferPointer<UInt8>) -> String {
        var capacity = bytes.count
        for match in found { capacity += max(0, match.category.marker.utf8.count - (match.end - match.start)) }
        return String(unsafeUninitializedCapacity: capacity) { out in
            var written = 0
            func copy(_ range: Range<Int>) {
                guard !range.isEmpty, let source = bytes.baseAddress, let target = out.baseAddress else { return }
                (target + written).initialize(from: source + range.lowerBound, count: range.count)
                written += range.count
            }
            var last = 0
            for match in found {
                copy(last..<match.start)
                for byte in match.category.marker.utf8 {
                    out[written] = byte
                    written += 1
                }
                last = match.end
            }
            copy(last..<bytes.count)
            return written
        }
    }

    /// A stretch of the text's UTF-8 bytes to replace.
    struct Match: Sendable, Hashable {
        let start: Int
        let end: Int
        let category: Category
    }
}
