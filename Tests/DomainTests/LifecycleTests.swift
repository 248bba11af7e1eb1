import Domain
import Testing

@Suite("Knowledge-support lifecycle")
struct LifecycleTests {
    typealias Status = KnowledgeSupport.Status
    typealias Action = KnowledgeSupport.Action

    /// The whole transition table, written out so that a change to the state machine shows here.
    static let allowed: [Status: [Action: Status]] = [
        .draft: [.edit: .draft, .publish: .published, .retire: .retired],
        .published: [.startRevision: .underReview, .retire: .retired],
        .underReview: [.edit: .underReview, .publish: .published, .retire: .retired],
        .retired: [:],
    ]

    @Test("every (state, action) pair is allowed or refused as the table says", arguments: Status.allCases)
    func everyPair(state: Status) throws {
        for action in Action.allCases {
            if let expected = Self.allowed[state]?[action] {
                #expect(try state.applying(action) == expected, "\(state) + \(action)")
                #expect(state.allows(action))
            } else {
                #expect(throws: LifecycleError(state: state, action: action)) { try state.applying(action) }
                #expect(!state.allows(action))
            }
        }
    }

    @Test func aLongLifeWalksThroughRevisionsToRetirement() throws {
        var status = Status.draft
        for action: Action in [.edit, .publish, .startRevision, .edit, .publish, .startRevision, .publish, .retire] {
            status = try status.applying(action)
        }
        #expect(status == .retired)
    }

    @Test func refusalsNameTheState() {
        #expect(LifecycleError(state: .retired, action: .publish).description == "cannot publish: the support is retired")
        #expect(LifecycleError(state: .published, action: .edit).description.contains("published version is immutable"))
        #expect(LifecycleError(state: .underReview, action: .startRevision).description == "cannot start revision a support that is under review")
    }
}
