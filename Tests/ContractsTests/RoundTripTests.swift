import Contracts
import SwiftProtobuf
import Testing

/// Every message survives its encodings unchanged, with every field populated.
@Suite("Round trips")
struct RoundTripTests {
    @Test("binary encoding round-trips", arguments: RoundTripCase.all)
    func binary(_ roundTrip: RoundTripCase) throws {
        let failures = try roundTrip.binaryRoundTrip()
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test("JSON encoding round-trips", arguments: RoundTripCase.all)
    func json(_ roundTrip: RoundTripCase) throws {
        let failures = try roundTrip.jsonRoundTrip()
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    /// The fixtures together set every declared field (and every member of each oneof) to a
    /// non-default value, so the round trips above exercise all of them.
    @Test("fixtures set every field", arguments: RoundTripCase.all)
    func everyFieldSet(_ roundTrip: RoundTripCase) throws {
        let schema = try ProtoSchema.shared.get()
        let declaration = try #require(schema.messages[roundTrip.protoName], "\(roundTrip.protoName) is not in proto/")
        var present: Set<Int> = []
        for encoding in try roundTrip.encodings() {
            present.formUnion(try WireFormat.topLevelFieldNumbers(encoding))
        }
        let missing = declaration.fields.filter { !present.contains($0.number) }.map(\.name)
        #expect(missing.isEmpty, "\(roundTrip.protoName): fixture leaves \(missing) at their defaults")
        let undeclared = present.subtracting(declaration.fields.map(\.number))
        #expect(undeclared.isEmpty, "\(roundTrip.protoName): encoding has undeclared field numbers \(undeclared.sorted())")
    }

    @Test("a oneof keeps only its last member")
    func oneofMembersExclude() throws {
        var feedback = Fixtures.feedbackSubmitted
        feedback.knowledgeSupportURL = "https://www.kunskapsstyrningvard.se/hjartsvikt"
        feedback.rating = 5
        let decoded = try Kunskapsloop_Feedback_V1_FeedbackSubmitted(serializedBytes: feedback.serializedBytes() as [UInt8])
        #expect(decoded.knowledgeSupport == .knowledgeSupportURL("https://www.kunskapsstyrningvard.se/hjartsvikt"))
        #expect(decoded.answer == .rating(5))
    }

    @Test("a oneof member set to its default value keeps presence")
    func oneofDefaultPresence() throws {
        let feedback = Fixtures.feedbackSubmitted.changing { $0.helpful = false }
        let decoded = try Kunskapsloop_Feedback_V1_FeedbackSubmitted(serializedBytes: feedback.serializedBytes() as [UInt8])
        #expect(decoded.answer == .helpful(false))
    }

    @Test("optional fields keep presence at their default value")
    func optionalPresence() throws {
        var indicator = Kunskapsloop_Followup_V1_Indicator()
        indicator.target = 0
        let decoded = try Kunskapsloop_Followup_V1_Indicator(serializedBytes: indicator.serializedBytes() as [UInt8])
        #expect(decoded.hasTarget)
        #expect(decoded.target == 0)
        #expect(!Kunskapsloop_Followup_V1_Indicator().hasTarget)
    }
}
