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

    /// Whether a number may start at `i`: no letter or digit before it, and no joiner that
    /// follows a digit.
    func isFreeStart(_ i: Int) -> Bool {
        guard !isWordCharacter(before: i) else { return false }
        let joiner = joinerLength(endingAt: i)
        return joiner == 0 || i - joiner == 0 || !isDigit(at: i - joiner - 1)
    }

    /// Whether a number may end at `end`: no letter or digit after it, and no joiner followed
    /// by a digit.
    func isFreeEnd(_ end: Int) -> Bool {
        guard end < count else { return true }
        guard !isWordCharacter(at: end) else { return false }
        let joiner = joinerLength(at: end)
        return joiner == 0 || !isDigit(at: end + joiner)
    }

    /// The length of a joiner starting at `i` (hyphen, dot, colon: 1; en dash: 3), or 0.
    func joinerLength(at i: Int) -> Int {
        guard i < count else { return 0 }
        switch bytes[i] {
        case Redactor.Ascii.hyphen, Redactor.Ascii.dot, UInt8(ascii: ":"): return 1
        case 0xE2: return i + 2 < count && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x93 ? 3 : 0
        default: return 0
        }
    }

    /// The length of a joiner ending just before `i`, or 0.
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
        case 0xD7, 0xF7: return false // × ÷
        case 0xC0...0xFF: return true
        default: return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
        }
    }

    /// A separator between digit groups at `i`: space, hyphen, no-break space (U+00A0), thin
    /// space (U+2009), narrow no-break space (U+202F), en dash (U+2013), or a hyphen or en dash
    /// with a space before it, after it or both (`070 -123`, `850101- 1234`); `+` only when asked.
    func separator(at i: Int, allowingPlus: Bool = false) -> Separator? {
        guard i < count else { return nil }
        if let dash = dash(at: i) { return Separator(length: dash, isHyphen: true) }
        switch bytes[i] {
        case Redactor.Ascii.space:
            if i + 1 < count, let dash = dash(at: i + 1) { return Separator(length: 1 + dash, isHyphen: true) }
            return Separator(length: 1, isHyphen: false)
        case Redactor.Ascii.plus: return allowingPlus ? Separator(length: 1, isHyphen: true) : nil
        case 0xC2: return i + 1 < count && bytes[i + 1] == 0xA0 ? Separator(length: 2, isHyphen: false) : nil
        case 0xE2: // thin space, narrow no-break space
            guard i + 2 < count, bytes[i + 1] == 0x80, bytes[i + 2] == 0x89 || bytes[i + 2] == 0xAF else { return nil }
            return Separator(length: 3, isHyphen: false)
        default: return nil
        }
    }

    /// The length of a hyphen or en dash at `i` with the one space that may follow it.
    private func dash(at i: Int) -> Int? {
        let length: Int
        if bytes[i] == Redactor.Ascii.hyphen {
            length = 1
        } else if bytes[i] == 0xE2, i + 2 < count, bytes[i + 1] == 0x80, bytes[i + 2] == 0x93 {
            length = 3
        } else {
            return nil
        }
        return i + length < count && bytes[i + length] == Redactor.Ascii.space ? length + 1 : length
    }

    struct Separator {
        let length: Int
        /// A hyphen or en dash (or `+`), rather than a kind of space.
        let isHyphen: Bool
    }
}

extension Redactor {
    /// ASCII bytes the scanner looks for.
    enum Ascii {
        static let zero = UInt8(ascii: "0")
        static let plus = UInt8(ascii: "+")
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
