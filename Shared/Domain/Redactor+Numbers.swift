extension Redactor.Scanner {
    /// An identity number or phone number starting at `i`, which is a digit, `+` or `(` where a
    /// number may start (``start(at:)``).
    ///
    /// - Parameters:
    ///   - i: Where the candidate starts.
    ///   - phonesAllowed: False inside a URL, where digits never make a phone number.
    ///   - identityAllowed: False right after a letter, where only a phone number is looked for.
    func number(at i: Int, phonesAllowed: Bool, identityAllowed: Bool) -> Redactor.Match? {
        if bytes[i] == Redactor.Ascii.openParenthesis {
            guard phonesAllowed, let end = parenthesisedPhone(at: i) else { return nil }
            return Redactor.Match(start: i, end: end, category: .phone)
        }
        if bytes[i] == Redactor.Ascii.plus {
            guard phonesAllowed, i + 2 < count, bytes[i + 1] == UInt8(ascii: "4"), bytes[i + 2] == UInt8(ascii: "6"),
                let end = internationalPhone(after: i + 3)
            else { return nil }
            return Redactor.Match(start: i, end: end, category: .phone)
        }
        let runEnd = digitRunEnd(from: i)
        if identityAllowed, let end = identityNumber(at: i, runEnd: runEnd) {
            let isMobile = phonesAllowed && runEnd - i == 10 && hasMobilePrefix(at: i)
            return Redactor.Match(start: i, end: end, category: isMobile ? .phone : .personalIdentityNumber)
        }
        guard phonesAllowed, bytes[i] == Redactor.Ascii.zero, runEnd - i >= 2 else { return nil }
        let end: Int?
        if bytes[i + 1] == Redactor.Ascii.zero {
            let isCountryCode = runEnd - i >= 4 && bytes[i + 2] == UInt8(ascii: "4") && bytes[i + 3] == UInt8(ascii: "6")
            end = isCountryCode ? internationalPhone(after: i + 4) : nil
        } else {
            end = groupedNumber(from: i, digits: 8...10, firstGroup: 2...4)
        }
        return end.map { Redactor.Match(start: i, end: $0, category: .phone) }
    }

    /// The end of an identity number starting at `i`, whose first digit run ends at `runEnd`.
    func identityNumber(at i: Int, runEnd: Int) -> Int? {
        switch runEnd - i {
        case 10:
            return isBirthDate(at: i) ? endIfFree(runEnd) : nil
        case 12:
            return isCentury(at: i) && isBirthDate(at: i + 2) ? endIfFree(runEnd) : nil
        case 6, 8:
            guard runEnd - i == 6 || isCentury(at: i), isBirthDate(at: runEnd - 6),
                let separator = separator(at: runEnd, allowingPlus: true)
            else { return nil }
            let lastFour = runEnd + separator.length
            return digitRunEnd(from: lastFour) == lastFour + 4 ? endIfFree(lastFour + 4) : nil
        default:
            return nil
        }
    }

    /// Whether the six digits at `i` read YYMMDD with month 01–12 and day 01–31 or 61–91.
    func isBirthDate(at i: Int) -> Bool {
        let month = twoDigits(at: i + 2)
        let day = twoDigits(at: i + 4)
        return (1...12).contains(month) && ((1...31).contains(day) || (61...91).contains(day))
    }

    /// Whether the two digits at `i` are 18, 19 or 20.
    func isCentury(at i: Int) -> Bool { (18...20).contains(twoDigits(at: i)) }

    /// 070, 072, 073, 076 or 079.
    func hasMobilePrefix(at i: Int) -> Bool {
        guard bytes[i] == Redactor.Ascii.zero, bytes[i + 1] == UInt8(ascii: "7") else { return false }
        switch bytes[i + 2] &- Redactor.Ascii.zero {
        case 0, 2, 3, 6, 9: return true
        default: return false
        }
    }

    /// `end`, unless a letter or digit follows, or a joiner and a digit.
    func endIfFree(_ end: Int) -> Int? { isFreeEnd(end) ? end : nil }

    /// The end of a phone number's national significant number after `+46` or `0046`, which may
    /// come after a separator, `(0)` or a superfluous trunk `0`.
    func internationalPhone(after countryCode: Int) -> Int? {
        var k = countryCode
        if let separator = separator(at: k) { k += separator.length }
        if k + 2 < count, bytes[k] == UInt8(ascii: "("), bytes[k + 1] == Redactor.Ascii.zero, bytes[k + 2] == UInt8(ascii: ")") {
            k += 3
            if let separator = separator(at: k) { k += separator.length }
        } else if isDigit(at: k), bytes[k] == Redactor.Ascii.zero {
            k += 1
        }
        guard isDigit(at: k), bytes[k] != Redactor.Ascii.zero else { return nil }
        return groupedNumber(from: k, digits: 7...9, firstGroup: 1...3)
    }

    /// The end of a national number whose area code is in parentheses, `(08) 123 456 78`, from the
    /// `(` at `i`: 2–4 digits starting `0` and a digit 1–9, `)`, an optional separator, and groups
    /// of at least two digits, 8–10 digits in all. The parentheses go with the number.
    func parenthesisedPhone(at i: Int) -> Int? {
        let first = i + 1
        guard first + 1 < count, bytes[first] == Redactor.Ascii.zero, isDigit(at: first + 1), bytes[first + 1] != Redactor.Ascii.zero
        else { return nil }
        let close = digitRunEnd(from: first)
        let areaCode = close - first
        guard (2...4).contains(areaCode), close < count, bytes[close] == UInt8(ascii: ")") else { return nil }
        var k = close + 1
        if let separator = separator(at: k) { k += separator.length }
        guard isDigit(at: k) else { return nil }
        return groupedNumber(from: k, digits: 8...10, firstGroup: 2...4, areaCode: areaCode)
    }

    /// The end of the longest valid phone number made of digit groups from `start`.
    ///
    /// - Parameters:
    ///   - start: The first digit.
    ///   - digits: How many digits a whole number has.
    ///   - firstGroup: How many digits the first group (the area code) has when more groups follow.
    ///   - areaCode: Digits of an area code already read (in parentheses); defaults to 0, when the
    ///     first group is the area code.
    func groupedNumber(from start: Int, digits: ClosedRange<Int>, firstGroup: ClosedRange<Int>, areaCode: Int = 0) -> Int? {
        var position = start
        var total = areaCode
        var groups = areaCode > 0 ? 1 : 0
        var area = areaCode
        var best: Int?
        while true {
            let end = digitRunEnd(from: position)
            let length = end - position
            groups += 1
            total += length
            if groups == 1 { area = length }
            guard groups == 1 || length >= 2, total <= digits.upperBound else { break }
            // A subscriber number has at least 5 digits, so an area code standing as its own group
            // needs 5 more: 0830-1200 and 0745–1615 are opening hours (0980-123 45 is a number).
            if total >= digits.lowerBound, groups == 1 || total - area >= 5, isFreeEnd(end) { best = end }
            guard groups < 5, groups > 1 || firstGroup.contains(length),
                let separator = separator(at: end), isDigit(at: end + separator.length)
            else { break }
            let next = end + separator.length
            // After the area code, a dash joins only groups of two or three digits
            // (070-123-45-67, 08-123-456-78): a date's year does not (05-03-2024).
            if separator.isHyphen && groups > 1 && !((2...3).contains(length) && (2...3).contains(digitRunEnd(from: next) - next)) { break }
            position = next
        }
        return best
    }
}
