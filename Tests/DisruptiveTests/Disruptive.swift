import Testing

/// Everything here stops or freezes a part of the local stack, so it runs alone (scripts/test.sh
/// runs this target first, then everything else) and one test at a time.
@Suite("Disruptive: parts of the stack go away", .serialized)
enum Disruptive {}
