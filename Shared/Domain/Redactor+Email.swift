extension Redactor.Scanner {
    /// An e-mail address whose local part starts at `start` (a word start), or nil.
    func email(from start: Int) -> Redactor.Match? {
        // The local part runs up to the `@`; anything else ends the attempt.
        var at = start
        while at < count, bytes[at] != Redactor.Ascii.at {
            let byte = bytes[at]
            if byte < 0x80 {
                guard Redactor.Ascii.isLocalPart(byte) else { return nil }
                at += 1
            } else {
                let (scalar, length) = scalar(at: at)
                guard Self.isWord(scalar) else { return nil }
                at += length
            }
        }
        var localStart = start
        while localStart < at, bytes[localStart] == Redactor.Ascii.dot { localStart += 1 }
        guard at < count, localStart < at, bytes[at - 1] != Redactor.Ascii.dot, let end = domainEnd(from: at + 1) else { return nil }
        return Redactor.Match(start: localStart, end: end, category: .email)
    }

    /// The end of the longest domain from `start` with at least two labels, the last all letters
    /// (at least two); nil when there is none.
    func domainEnd(from start: Int) -> Int? {
        var k = start
        var labels = 0
        var end: Int?
        while true {
            let labelStart = k
            var letters = 0
            var others = 0
            while k < count {
                let byte = bytes[k]
                if byte < 0x80 {
                    if Redactor.Ascii.isLetter(byte) {
                        letters += 1
                    } else if byte &- Redactor.Ascii.zero < 10 || byte == Redactor.Ascii.hyphen {
                        others += 1
                    } else {
                        break
                    }
                    k += 1
                } else {
                    let (scalar, length) = scalar(at: k)
                    guard Self.isWord(scalar) else { break }
                    letters += 1
                    k += length
                }
            }
            guard k > labelStart, bytes[labelStart] != Redactor.Ascii.hyphen, bytes[k - 1] != Redactor.Ascii.hyphen else { break }
            labels += 1
            if labels >= 2, others == 0, letters >= 2 { end = k }
            guard k + 1 < count, bytes[k] == Redactor.Ascii.dot, isDomainLabelStart(k + 1) else { break }
            k += 1
        }
        return end
    }

    func isDomainLabelStart(_ i: Int) -> Bool {
        let byte = bytes[i]
        return byte < 0x80 ? Redactor.Ascii.isAlphanumeric(byte) : Self.isWord(scalar(at: i).scalar)
    }

    /// The end of a URL starting at `i` (`http://`, `https://` or `www.`, any case): the next white
    /// space or fixed space (``spaceLength(at:)``), `<`, `>` or `"`. Nil when no URL starts here.
    func urlEnd(from i: Int) -> Int? {
        guard hasPrefix("http://", at: i) || hasPrefix("https://", at: i) || hasPrefix("www.", at: i) else { return nil }
        var j = i
        while j < count {
            switch bytes[j] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0x0B, 0x0C,
                UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""):
                return j
            case 0xC2, 0xE2:
                if spaceLength(at: j) != nil { return j }
                j += 1
            default:
                j += 1
            }
        }
        return j
    }

    /// Whether the ASCII `prefix` (lower case) starts at `i`, ignoring case.
    func hasPrefix(_ prefix: StaticString, at i: Int) -> Bool {
        let length = prefix.utf8CodeUnitCount
        guard i + length <= count else { return false }
        let start = prefix.utf8Start
        for k in 0..<length where bytes[i + k] | (Redactor.Ascii.isLetter(bytes[i + k]) ? 0x20 : 0) != start[k] {
            return false
        }
        return true
    }
}
