import SwiftProtobuf

/// Populated instances of every message of the contracts, one `static var` per message (and a
/// `…Variants` list for messages with a oneof: one instance per oneof member). Fixtures of
/// messages that contain other messages reuse those messages' fixtures.
enum Fixtures {
    /// The instant every timestamp field is set to (2026-03-20T09:46:40.0000005Z).
    static var instant: Google_Protobuf_Timestamp {
        Google_Protobuf_Timestamp(seconds: 1_774_000_000, nanos: 500)
    }
}

extension Message {
    /// A copy of the message with a change applied, for variants of a fixture.
    /// - Parameter change: Mutates the copy.
    func changing(_ change: (inout Self) -> Void) -> Self {
        var copy = self
        change(&copy)
        return copy
    }
}
