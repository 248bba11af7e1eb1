import SwiftProtobuf
import Testing

/// The populated instances of one message type, with checks that run on them.
struct RoundTripCase: Sendable, CustomTestStringConvertible {
    /// The protobuf full name, e.g. "kunskapsloop.feedback.v1.FeedbackSubmitted".
    let protoName: String
    /// How many instances the case holds.
    let instanceCount: Int
    /// Encodes each instance to binary, decodes it, and describes every mismatch.
    let binaryRoundTrip: @Sendable () throws -> [String]
    /// Encodes each instance to JSON, decodes it, and describes every mismatch.
    let jsonRoundTrip: @Sendable () throws -> [String]
    /// The binary encoding of each instance.
    let encodings: @Sendable () throws -> [[UInt8]]

    var testDescription: String { protoName }

    /// - Parameter instances: Populated instances of one message type (at least one).
    init<M: Message & Equatable>(_ instances: [M]) {
        protoName = M.protoMessageName
        instanceCount = instances.count
        binaryRoundTrip = {
            try instances.enumerated().compactMap { index, original in
                let bytes: [UInt8] = try original.serializedBytes()
                let decoded = try M(serializedBytes: bytes)
                if decoded != original {
                    return "instance \(index): decoded \(decoded) differs from \(original)"
                }
                if !decoded.unknownFields.data.isEmpty {
                    return "instance \(index): decoding left unknown fields"
                }
                return nil
            }
        }
        jsonRoundTrip = {
            try instances.enumerated().compactMap { index, original in
                let json = try original.jsonString()
                let decoded = try M(jsonString: json)
                return decoded == original ? nil : "instance \(index): JSON \(json) decodes differently"
            }
        }
        encodings = { try instances.map { try $0.serializedBytes() } }
    }

    /// - Parameter instance: A populated instance.
    init<M: Message & Equatable>(_ instance: M) {
        self.init([instance])
    }
}
