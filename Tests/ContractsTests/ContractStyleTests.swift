import Foundation
import Testing

/// The buf-style rules of our contracts that a line parser can check.
@Suite("Contract style")
struct ContractStyleTests {
    let schema: ProtoSchema

    init() throws {
        schema = try ProtoSchema.shared.get()
    }

    @Test("every message and field has a comment")
    func everythingIsCommented() {
        for message in schema.messages.values.sorted(by: { $0.fullName < $1.fullName }) {
            #expect(message.isCommented, "message \(message.fullName) (\(message.file)) has no comment")
            for field in message.fields where !field.isCommented {
                Issue.record("field \(message.fullName).\(field.name) has no comment")
            }
        }
    }

    @Test("enums start with <ENUM>_UNSPECIFIED = 0, except the canonical StatusCode")
    func enumsStartUnspecified() {
        for enumeration in schema.enums {
            let name = enumeration.fullName.split(separator: ".").last.map(String.init) ?? ""
            let expected = name == "StatusCode" ? "STATUS_CODE_OK" : Self.screamingSnake(name) + "_UNSPECIFIED"
            #expect(enumeration.firstValue?.name == expected, "\(enumeration.fullName) starts with \(String(describing: enumeration.firstValue))")
            #expect(enumeration.firstValue?.number == 0)
        }
    }

    @Test("every service states its RPC routing key")
    func servicesStateRoutingKeys() {
        let services = Set(schema.methods.map(\.service))
        for service in services {
            let comment = schema.serviceComments[service] ?? ""
            let area = service.replacingOccurrences(of: "Service", with: "").lowercased()
            #expect(comment.contains("`\(area).<Method>`"), "\(service)'s comment does not give its routing key")
        }
    }

    /// "KnowledgeSupportKind" → "KNOWLEDGE_SUPPORT_KIND".
    static func screamingSnake(_ name: String) -> String {
        var result = ""
        for character in name {
            if character.isUppercase, !result.isEmpty { result += "_" }
            result += character.uppercased()
        }
        return result
    }
}
