// Character classes and UTF-8 decoding for the scanner.
extension Redactor.Scanner {
    func isDigit(at i: Int) -> Bool { i < count && bytes[i] &- Redactor.Ascii.zero < 10 }

    /// The index after the run of ASCII digits starting at `i` (`i` itself when there is none).
    func digitRunEnd(from i: Int) -> Int {
        var j = i
        while j < count, bytes[j] &- Redactor.Ascii.zero < 10 { j += 1 }
        return j
    }

    /// The value of the two digits at `i`.
    func twoDigits(at i: Int) -> Int { Int(bytes[i] - Redactor.Ascii.zero) * 10 + Int(bytes[i + 1] - Redactor.Ascii.zero) }

    /// Whether the scalar starting at `i` is a letter or digit (false past the end).
    func isWordCharacter(at i: Int) -> Bool {
        guard i < count else { return false }
        let byte = bytes[i]
        return byte < 0x80 ? Redactor.Ascii.isAlphanumeric(byte) : Self.isWord(scalar(at: i).scalar)
    }

    /// Whether the scalar ending just before `i` is a letter or digit (false at the start).
    func isWordCharacter(before i: Int) -> Bool {
        guard i > 0 else { return false }
        let byte = bytes[i - 1]
        return byte < 0x80 ? Redactor.Ascii.isAlphanumeric(byte) : Self.isWord(scalar(at: scalarStart(before: i)).scalar)
    }

    /// What may start at `i`: nil after a digit or after a joiner that follows a digit (`12:070…`,
    /// `2024-03-15–070…` continue a compound); `.afterLetter` right after a letter, where only a
    /// phone number may start (`ring070-123 45 67`, `Ring+46…`); otherwise `.free`.
    func start(at i: Int) -> Redactor.Start? {
        if i > 0, isDigit(at: i - 1) { return nil }
        if isWordCharacter(before: i) { return .afterLetter }
        let joiner = joinerLength(endingAt: i)
        return joiner == 0 || i - joiner == 0 || !isDigit(at: i - joiner - 1) ? .free : nil
    }

    /// Whether a number may end at `end`: no letter or digit after it, and no joiner followed
    /// by a digit.
    func isFreeEnd(_ end: Int) -> Bool {
        guard end < count else { return true }
        guard !isWordCharacter(at: end) else { return false }
        let joiner = joinerLength(at: end)
        return joiner == 0 || !isDigit(at: end + joiner)
    }

    /// The length of a joiner starting at `i` (hyphen, dot, colon: 1; a dash look-alike: 3), or 0.
    func joinerLength(at i: Int) -> Int {
        guard i < count else { return 0 }
        switch bytes[i] {
        case Redactor.Ascii.dot, UInt8(ascii: ":"): return 1
        default: return dashLength(at: i) ?? 0
        }
    }

    /// The length of a joiner ending just before `i`, or 0 (every look-alike dash is 3 bytes).
    func joinerLength(endingAt i: Int) -> Int {
        if i >= 1, joinerLength(at: i - 1) == 1 { return 1 }
        if i >= 3, joinerLength(at: i - 3) == 3 { return 3 }
        return 0
    }

    /// Whether the scalar ending just before `i` can be part of an e-mail address's local part.
    func isLocalPart(before i: Int) -> Bool {
        guard i > 0 else { return false }
        let byte = bytes[i - 1]
        return byte < 0x80 ? Redactor.Ascii.isLocalPart(byte) : Self.isWord(scalar(at: scalarStart(before: i)).scalar)
    }

    /// Where the scalar ending just before `i` starts.
    func scalarStart(before i: Int) -> Int {
        var j = i - 1
        while j > 0, i - j < 4, bytes[j] & 0xC0 == 0x80 { j -= 1 }
        return j
    }

    /// The scalar starting at `i` and its length in bytes.
    func scalar(at i: Int) -> (scalar: Unicode.Scalar, length: Int) {
        let lead = UInt32(bytes[i])
        let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        guard i + length <= count else { return ("\u{FFFD}", 1) }
        var value = length == 1 ? lead : lead & (0xFF >> (length + 1))
        for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// Whether a scalar is a letter or digit; Latin-1 letters (å, ä, ö, é, …) without a table look-up.
    static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xD7, 0xF7: return false  // × ÷
        case 0xC0...0xFF: return true
        default: return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
        }
    }

    /// A separator between digit groups at `i`: a space or a dash (see ``spaceLength(at:)`` and
    /// ``dashLength(at:)``), or a dash with a space before it, after it or both (`070 -123`,
    /// `850101- 1234`, `070 – 123`); `+` only when asked.
    func separator(at i: Int, allowingPlus: Bool = false) -> Separator? {
        guard i < count else { return nil }
        if let dash = dashLength(at: i) { return Separator(length: dash + (spaceLength(at: i + dash) ?? 0), isHyphen: true) }
        if let space = spaceLength(at: i) {
            guard let dash = dashLength(at: i + space) else { return Separator(length: space, isHyphen: false) }
            return Separator(length: space + dash + (spaceLength(at: i + space + dash) ?? 0), isHyphen: true)
        }
        return allowingPlus && bytes[i] == Redactor.Ascii.plus ? Separator(length: 1, isHyphen: true) : nil
    }

    /// The length of a dash at `i`, or nil: the hyphen-minus, and what phones, word processors and
    /// copy-paste put in its place — hyphen U+2010, non-breaking hyphen U+2011, figure dash
    /// U+2012, en dash U+2013, minus sign U+2212.
    func dashLength(at i: Int) -> Int? {
        guard i < count else { return nil }
        if bytes[i] == Redactor.Ascii.hyphen { return 1 }
        guard i + 2 < count, bytes[i] == 0xE2 else { return nil }
        switch (bytes[i + 1], bytes[i + 2]) {
        case (0x80, 0x90...0x93), (0x88, 0x92): return 3
        default: return nil
        }
    }

    /// The length of a space at `i`, or nil: the space, and the fixed spaces the same sources use —
    /// no-break U+00A0, U+2000–U+200A (en, em, figure, punctuation, thin, hair …), narrow no-break
    /// U+202F, medium mathematical U+205F. Line breaks and tabs end a number.
    func spaceLength(at i: Int) -> Int? {
        guard i < count else { return nil }
        switch bytes[i] {
        case Redactor.Ascii.space: return 1
        case 0xC2: return i + 1 < count && bytes[i + 1] == 0xA0 ? 2 : nil
        case 0xE2:
            guard i + 2 < count else { return nil }
            switch (bytes[i + 1], bytes[i + 2]) {
            case (0x80, 0x80...0x8A), (0x80, 0xAF), (0x81, 0x9F): return 3
            default: return nil
            }
        default: return nil
        }
    }

    struct Separator {
        let length: Int
        /// A dash of any kind (or `+`), rather than a kind of space.
        let isHyphen: Bool
    }
}

extension Redactor {
    /// What may begin where a number starts.
    enum Start {
        /// Any number: nothing glued before it.
        case free
        /// Only a phone number: a letter is glued before it. A letter in front does not make a
        /// phone number safe to keep, but it does make a product or reference code of an identity
        /// number's shape (`x198501011234`) likelier than a glued identity number.
        case afterLetter
    }

    /// ASCII bytes the scanner looks for.
    enum Ascii {
        static let zero = UInt8(ascii: "0")
        static let plus = UInt8(ascii: "+")
        static let openParenthesis = UInt8(ascii: "(")
        static let hyphen = UInt8(ascii: "-")
        static let space = UInt8(ascii: " ")
        static let dot = UInt8(ascii: ".")
        static let at = UInt8(ascii: "@")
        static let h = UInt8(ascii: "h")
        static let w = UInt8(ascii: "w")

        static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- UInt8(ascii: "a") < 26 }
        static func isAlphanumeric(_ byte: UInt8) -> Bool { isLetter(byte) || byte &- zero < 10 }

        /// Letters, digits and `. _ % + -`.
        static func isLocalPart(_ byte: UInt8) -> Bool {
            isAlphanumeric(byte) || byte == dot || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "%")
                || byte == plus || byte == hyphen
        }
    }
}
