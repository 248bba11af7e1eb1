import Domain
import NIOCore

/// Rows for `COPY … FROM STDIN` in PostgreSQL's text format, written straight into one buffer:
/// fields separated by a tab, rows ended by a newline, `\N` for NULL, and a backslash, tab,
/// newline or carriage return inside a value escaped.
///
/// COPY inserts a batch as multi-row heap writes (one WAL record per page rather than per row),
/// which an `INSERT … SELECT FROM unnest(…)` cannot.
public struct CopyRows: Sendable {
    public private(set) var buffer: ByteBuffer
    private var fieldsInRow = 0

    public init(capacity: Int) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
    }

    /// A text value, escaped where it has to be.
    public mutating func text(_ value: String) {
        separate()
        var value = value
        value.withUTF8 { bytes in
            guard bytes.contains(where: Self.needsEscape) else {
                buffer.writeBytes(bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
                case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
                case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
                case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
                default: buffer.writeInteger(byte)
                }
            }
        }
    }

    /// A text value, or NULL.
    public mutating func text(_ value: String?) {
        if let value { text(value) } else { null() }
    }

    public mutating func integer(_ value: some BinaryInteger) {
        separate()
        buffer.writeString(String(value))
    }

    public mutating func boolean(_ value: Bool) {
        separate()
        buffer.writeInteger(value ? UInt8(ascii: "t") : UInt8(ascii: "f"))
    }

    public mutating func null() {
        separate()
        buffer.writeStaticString("\\N")
    }

    /// A `timestamptz` in UTC: `2026-12-06 16:13:00.250000+00`, to the microsecond (rounded, as
    /// PostgreSQL rounds a bound timestamp).
    public mutating func timestamp(seconds: Double) {
        let micros = Int64((seconds * 1_000_000).rounded())
        let whole = micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000
        timestamp(whole: whole, micros: Int(micros - whole * 1_000_000))
    }

    /// A `timestamptz` in UTC from whole seconds since the epoch: `2026-12-06 16:13:00+00`.
    public mutating func timestamp(seconds: Int64) {
        timestamp(whole: seconds, micros: 0)
    }

    /// Years 1–9999 (0001-01-01 to 9999-12-31): what four digits and no era can spell.
    private mutating func timestamp(whole seconds: Int64, micros: Int) {
        separate()
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let time = Int(seconds - days * 86_400)
        let date = CivilDate(daysSinceEpoch: Int(days))
        precondition((1...9999).contains(date.year), "CopyRows: a timestamp in year \(date.year)")
        // Written in place: a batch formats two timestamps a row.
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 30) { out in
            var at = 0
            func put(_ value: Int, width: Int) {
                var rest = value
                for position in (0..<width).reversed() {
                    out[at + position] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                at += width
            }
            func put(_ byte: Unicode.Scalar) {
                out[at] = UInt8(ascii: byte)
                at += 1
            }
            put(date.year, width: 4)
            put("-")
            put(date.month, width: 2)
            put("-")
            put(date.day, width: 2)
            put(" ")
            put(time / 3600, width: 2)
            put(":")
            put(time / 60 % 60, width: 2)
            put(":")
            put(time % 60, width: 2)
            if micros != 0 {
                put(".")
                put(micros, width: 6)
            }
            put("+")
            put(0, width: 2)
            return at
        }
    }

    /// Ends the current row.
    public mutating func endRow() {
        buffer.writeInteger(UInt8(ascii: "\n"))
        fieldsInRow = 0
    }

    private mutating func separate() {
        if fieldsInRow > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
        fieldsInRow += 1
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}
