extension Redactor {
    /// One pass over a text's UTF-8 bytes, finding what to redact (see `Redactor` for the rules).
    ///
    /// The bytes come from a Swift `String`, so they are valid UTF-8; scalars are decoded only next
    /// to a candidate, where a letter or digit outside ASCII must be told from punctuation.
    struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>

        init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        var count: Int { bytes.count }

        /// The longest local part of an e-mail address looked for, in bytes (RFC 5321 allows 64).
        static let localPartMaximum = 64

        /// The matches, in order and not overlapping; empty (and not allocated) when there are none.
        func matches() -> [Match] {
            var found: [Match] = []
            // A branch-free first look, which the compiler vectorises: most texts hold neither.
            var digits: UInt8 = 0
            var ats: UInt8 = 0
            for byte in bytes {
                digits |= byte &- Ascii.zero < 10 ? 1 : 0
                ats |= byte == Ascii.at ? 1 : 0
            }
            guard digits | ats != 0 else { return found }
            var nextAt = ats != 0 ? nextAt(from: 0) : count  // the next `@` at or after the scan position

            var urlLimit = 0
            var i = 0
            while i < count {
                let byte = bytes[i]
                if nextAt < i { nextAt = self.nextAt(from: i) }
                // An address is only looked for where an `@` is near enough ahead.
                if nextAt - i <= Self.localPartMaximum, nextAt < count, byte >= 0xC0 || Ascii.isLocalPart(byte),
                    !isLocalPart(before: i), let email = email(from: i)
                {
                    found.append(email)
                    i = email.end
                    continue
                }
                if byte &- Ascii.zero < 10 || byte == Ascii.plus || byte == Ascii.openParenthesis, let start = start(at: i),
                    let number = number(at: i, phonesAllowed: i >= urlLimit, identityAllowed: start == .free)
                {
                    found.append(number)
                    i = number.end
                    continue
                }
                if i >= urlLimit, byte | 0x20 == Ascii.h || byte | 0x20 == Ascii.w, !isWordCharacter(before: i),
                    let end = urlEnd(from: i)
                {
                    urlLimit = end
                }
                i += 1
            }
            return found
        }

        /// The index of the first `@` at or after `i`, or `count`.
        func nextAt(from i: Int) -> Int {
            var j = i
            while j < count, bytes[j] != Ascii.at { j += 1 }
            return j
        }
    }
}
