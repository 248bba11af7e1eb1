import Foundation

#if canImport(Glibc)
import Glibc
#endif

extension UUID {
    /// A version-4 UUID from the kernel's random generator, in one call (glibc's `arc4random_buf`
    /// is one `getrandom`). Foundation's `UUID()` opens `/dev/urandom` for each one on Linux:
    /// thousands of opens a second on the hot paths that give every message and stored item an id.
    public static func random() -> UUID {
        var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &uuid) { bytes in
            #if canImport(Glibc)
            arc4random_buf(bytes.baseAddress!, bytes.count)
            #else
            var generator = SystemRandomNumberGenerator()
            bytes.storeBytes(of: generator.next() as UInt64, toByteOffset: 0, as: UInt64.self)
            bytes.storeBytes(of: generator.next() as UInt64, toByteOffset: 8, as: UInt64.self)
            #endif
        }
        uuid.6 = (uuid.6 & 0x0F) | 0x40  // version 4
        uuid.8 = (uuid.8 & 0x3F) | 0x80  // RFC 4122 variant
        return UUID(uuid: uuid)
    }

    /// `uuidString` in lower case, the form the contracts use, without the C formatting and the
    /// second string that `uuidString.lowercased()` costs.
    public var lowercasedString: String {
        let digits: StaticString = "0123456789abcdef"
        return withUnsafeBytes(of: uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { out in
                var at = 0
                for (index, byte) in bytes.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        out[at] = UInt8(ascii: "-")
                        at += 1
                    }
                    out[at] = digits.utf8Start[Int(byte >> 4)]
                    out[at + 1] = digits.utf8Start[Int(byte & 0x0F)]
                    at += 2
                }
                return at
            }
        }
    }
}
