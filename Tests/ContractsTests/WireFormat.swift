/// Just enough of the protobuf wire format to tell which fields an encoding holds.
enum WireFormat {
    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    /// The numbers of the top-level fields present in a binary encoding. proto3 leaves out fields
    /// that hold their default value, so a field number here is a field set to something else
    /// (or, for `optional` fields, a field that is present).
    /// - Parameter bytes: A message's binary encoding.
    static func topLevelFieldNumbers(_ bytes: [UInt8]) throws(Malformed) -> Set<Int> {
        var numbers: Set<Int> = []
        var offset = 0
        while offset < bytes.count {
            let tag = try varint(bytes, &offset)
            let fieldNumber = Int(tag >> 3)
            switch tag & 7 {
            case 0: _ = try varint(bytes, &offset)
            case 1: offset += 8
            case 2: offset += Int(try varint(bytes, &offset))
            case 5: offset += 4
            default: throw Malformed(description: "wire type \(tag & 7) at offset \(offset)")
            }
            guard offset <= bytes.count else { throw Malformed(description: "field \(fieldNumber) runs past the end") }
            numbers.insert(fieldNumber)
        }
        return numbers
    }

    private static func varint(_ bytes: [UInt8], _ offset: inout Int) throws(Malformed) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count, shift < 64 {
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        throw Malformed(description: "truncated varint at offset \(offset)")
    }
}
