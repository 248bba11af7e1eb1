import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

extension UUID {
    /// A version-4 UUID from the kernel's random generator. Foundation's `UUID()` opens
    /// `/dev/urandom` for each one on Linux, and a `getrandom` system call per id still showed in
    /// the feedback intake's profile (every stored item gets one): the bytes come from
    /// `RandomPool`, refilled 4 KiB at a time.
    public static func random() -> UUID {
        var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &uuid) { RandomPool.fill($0) }
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

/// Bytes from the kernel's random generator (`getrandom`, through glibc's `arc4random_buf`),
/// drawn 4 KiB at a time and handed out once each: a byte handed out is wiped from the pool.
enum RandomPool {
    private struct State {
        var bytes = [UInt8](repeating: 0, count: 4096)
        var next = 4096
    }

    private static let state = Mutex(State())

    static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        guard buffer.count <= 4096 else { return draw(buffer) }
        state.withLock { pool in
            if pool.next + buffer.count > pool.bytes.count {
                pool.bytes.withUnsafeMutableBytes { draw($0) }
                pool.next = 0
            }
            pool.bytes.withUnsafeMutableBytes { bytes in
                let taken = UnsafeMutableRawBufferPointer(rebasing: bytes[pool.next..<pool.next + buffer.count])
                buffer.copyMemory(from: UnsafeRawBufferPointer(taken))
                taken.initializeMemory(as: UInt8.self, repeating: 0)
            }
            pool.next += buffer.count
        }
    }

    private static func draw(_ buffer: UnsafeMutableRawBufferPointer) {
        #if canImport(Glibc)
        arc4random_buf(buffer.baseAddress!, buffer.count)
        #else
        var generator = SystemRandomNumberGenerator()
        for index in buffer.indices { buffer[index] = generator.next() }
        #endif
    }
}
