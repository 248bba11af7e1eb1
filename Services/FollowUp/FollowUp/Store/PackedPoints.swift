import Domain
import Foundation

/// A series' period grid packed for the `series.points` column: per period one byte (0 not
/// reported, 1 reported, 2 aggregated, +4 partial), then for a value the numerator and the
/// denominator (NaN: none) as little-endian float64 and the two contributor counts as uint16.
/// A few hundred bytes for two years of weeks; read back without parsing text.
enum PackedPoints {
    static func encode(_ points: [SeriesPoint?]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(points.count * 21)
        for point in points {
            guard let p = point else {
                bytes.append(0)
                continue
            }
            bytes.append((p.origin == .reported ? 1 : 2) | (p.partial ? 4 : 0))
            append(p.numerator.bitPattern, 8, to: &bytes)
            append((p.denominator ?? .nan).bitPattern, 8, to: &bytes)
            append(UInt64(min(p.contributors, 65_535)), 2, to: &bytes)
            append(UInt64(min(p.expectedContributors, 65_535)), 2, to: &bytes)
        }
        return bytes
    }

    /// The points; nil for bytes this codec did not write.
    static func decode(_ bytes: [UInt8]) -> [SeriesPoint?]? {
        var result: [SeriesPoint?] = []
        var i = 0
        while i < bytes.count {
            let flag = bytes[i]
            i += 1
            if flag == 0 {
                result.append(nil)
                continue
            }
            guard i + 20 <= bytes.count, flag & 3 == 1 || flag & 3 == 2 else { return nil }
            let numerator = Double(bitPattern: read(bytes, i, 8))
            let denominator = Double(bitPattern: read(bytes, i + 8, 8))
            let contributors = Int(read(bytes, i + 16, 2))
            let expected = Int(read(bytes, i + 18, 2))
            i += 20
            result.append(
                SeriesPoint(
                    numerator: numerator, denominator: denominator.isNaN ? nil : denominator,
                    origin: flag & 3 == 1 ? .reported : .aggregated, contributors: contributors,
                    expectedContributors: expected, partial: flag & 4 != 0))
        }
        return result
    }

    private static func append(_ value: UInt64, _ width: Int, to bytes: inout [UInt8]) {
        for k in 0..<width { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(k)))) }
    }

    private static func read(_ bytes: [UInt8], _ at: Int, _ width: Int) -> UInt64 {
        var value: UInt64 = 0
        for k in 0..<width { value |= UInt64(bytes[at + k]) << (8 * UInt64(k)) }
        return value
    }

    /// FNV-1a, 64 bits, as a signed integer for a bigint column.
    static func fingerprint(_ parts: [[UInt8]]) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in parts {
            for byte in part {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            hash ^= 0xff
            hash = hash &* 0x100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }
}
