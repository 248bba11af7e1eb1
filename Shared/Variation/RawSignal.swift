/// A rule's finding before direction, onset and phase are attached.
struct RawSignal: Sendable {
    let rule: Signal.Rule
    let side: Signal.Side
    let indices: [Int]
}
