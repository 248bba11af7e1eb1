/// Checks raw string bytes from the wire before they become Swift `String`s, which would
/// silently repair them.
public enum UTF8Validity {
    /// Whether `bytes` are well-formed UTF-8: no stray continuation bytes, no truncated sequences,
    /// no overlong forms, no surrogates (U+D800–U+DFFF) and nothing above U+10FFFF.
    public static func isValid(_ bytes: some Collection<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        while let lead = iterator.next() {
            let continuations: Int
            var lowest: UInt8 = 0x80
            var highest: UInt8 = 0xBF  // bounds of the first continuation byte
            switch lead {
            case 0x00...0x7F: continue
            case 0xC2...0xDF: continuations = 1
            case 0xE0:
                continuations = 2
                lowest = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: continuations = 2
            case 0xED:
                continuations = 2
                highest = 0x9F
            case 0xF0:
                continuations = 3
                lowest = 0x90
            case 0xF1...0xF3: continuations = 3
            case 0xF4:
                continuations = 3
                highest = 0x8F
            default: return false
            }
            for k in 0..<continuations {
                guard let byte = iterator.next() else { return false }
                let range = k == 0 ? lowest...highest : 0x80...0xBF
                guard range.contains(byte) else { return false }
            }
        }
        return true
    }
}
