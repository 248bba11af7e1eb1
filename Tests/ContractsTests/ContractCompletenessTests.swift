import Foundation
import Testing

/// Nothing declared in `proto/` can be forgotten by the tests or the generated code.
@Suite("Contract completeness")
struct ContractCompletenessTests {
    let schema: ProtoSchema

    init() throws {
        schema = try ProtoSchema.shared.get()
    }

    @Test("the parser finds the contracts")
    func parserFindsContracts() {
        #expect(schema.messages.count > 100)
        #expect(schema.methods.count > 30)
        #expect(schema.messages["kunskapsloop.feedback.v1.FeedbackSubmitted"]?.fields.count == 12)
    }

    @Test("every message has a round-trip case")
    func everyMessageHasACase() {
        let covered = Set(RoundTripCase.all.map(\.protoName))
        let missing = schema.messages.keys.filter { !covered.contains($0) }.sorted()
        #expect(missing.isEmpty, "no round-trip case for \(missing); add a fixture and a RoundTripCase")
        let stale = covered.subtracting(schema.messages.keys).sorted()
        #expect(stale.isEmpty, "round-trip cases for messages not in proto/: \(stale)")
        #expect(RoundTripCase.all.count == covered.count, "a message has two round-trip cases")
    }

    @Test("every RPC has its own <Method>Request and <Method>Response")
    func methodsHaveOwnRequestAndResponse() {
        for method in schema.methods {
            #expect(method.request == method.name + "Request", "\(method.service).\(method.name) takes \(method.request)")
            #expect(method.response == method.name + "Response", "\(method.service).\(method.name) returns \(method.response)")
        }
        let types = schema.methods.flatMap { [$0.package + "." + $0.request, $0.package + "." + $0.response] }
        #expect(Set(types).count == types.count, "a Request/Response message is shared by two RPCs")
    }

    @Test("every RPC's Request and Response is in the generated code")
    func methodsAreGenerated() throws {
        let source = try Self.generatedSource()
        for method in schema.methods {
            for type in [method.request, method.response] {
                let swiftName = Self.swiftName(package: method.package, message: type)
                #expect(source.contains("struct \(swiftName):"), "\(swiftName) (\(method.service).\(method.name)) is not generated")
            }
        }
    }

    @Test("every message is in the generated code (run scripts/proto.sh generate)")
    func messagesAreGenerated() throws {
        let source = try Self.generatedSource()
        for message in schema.messages.values {
            let name = message.fullName.split(separator: ".")
            let swiftName = Self.swiftName(package: name.dropLast().joined(separator: "."), message: String(name.last!))
            #expect(source.contains("struct \(swiftName):"), "\(swiftName) is not generated")
        }
    }

    /// The text of every committed `Shared/Contracts/Generated/*.pb.swift`.
    static func generatedSource() throws -> String {
        let generated = ProtoSchema.repositoryRoot.appendingPathComponent("Shared/Contracts/Generated")
        let files = try FileManager.default.contentsOfDirectory(at: generated, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.hasSuffix(".pb.swift") }
        return try files.map { try String(contentsOf: $0, encoding: .utf8) }.joined(separator: "\n")
    }

    /// "kunskapsloop.catalog.v1" + "GetOrganisationRequest" → "Kunskapsloop_Catalog_V1_GetOrganisationRequest".
    static func swiftName(package: String, message: String) -> String {
        let prefix = package.split(separator: ".").map { $0.prefix(1).uppercased() + $0.dropFirst() }
        return (prefix + [message]).joined(separator: "_")
    }
}
