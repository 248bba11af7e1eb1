import Foundation
import Testing

/// The messages foreign publishers build in C stay compilable by Debian 12's protobuf-c 1.4.1,
/// which does not support proto3 `optional`, and `clients/generate.sh` generates all they import.
@Suite("Contract portability")
struct ContractPortabilityTests {
    /// The protos C publishers compile, relative to `proto/`: FeedbackSubmitted and MeasurementsReported.
    static let publishedRoots = [
        "kunskapsloop/feedback/v1/feedback_submitted.proto",
        "kunskapsloop/followup/v1/measurement.proto",
    ]

    @Test("the published file sets use no proto3 optional", arguments: publishedRoots)
    func noOptional(_ root: String) throws {
        for file in try Self.closure(of: root) {
            let text = try String(contentsOf: ProtoSchema.protoDirectory.appendingPathComponent(file), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.components(separatedBy: "//")[0].trimmingCharacters(in: .whitespaces)
                #expect(!code.hasPrefix("optional "), "\(file):\(number + 1) uses proto3 optional (imported by \(root))")
            }
        }
    }

    @Test("clients/generate.sh generates every file the published sets import", arguments: publishedRoots)
    func generatorCoversImports(_ root: String) throws {
        let script = try String(
            contentsOf: ProtoSchema.repositoryRoot.appendingPathComponent("clients/generate.sh"), encoding: .utf8)
        let listed = Self.cProtos(in: script)
        let missing = try Self.closure(of: root).subtracting(listed).sorted()
        #expect(missing.isEmpty, "clients/generate.sh c_protos lacks \(missing) (needed by \(root))")
    }

    /// `root` and every `kunskapsloop/…` file it imports, directly or not (google/protobuf files
    /// come from the system and are left out).
    static func closure(of root: String) throws -> Set<String> {
        var seen: Set<String> = []
        var pending = [root]
        while let file = pending.popLast() {
            guard seen.insert(file).inserted else { continue }
            let text = try String(contentsOf: ProtoSchema.protoDirectory.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") where line.hasPrefix("import \"kunskapsloop/") {
                pending.append(String(line.split(separator: "\"")[1]))
            }
        }
        return seen
    }

    /// The entries of the `c_protos=( … )` array of `clients/generate.sh`.
    static func cProtos(in script: String) -> Set<String> {
        guard let start = script.range(of: "c_protos=(") else { return [] }
        let body = script[start.upperBound...].prefix { $0 != ")" }
        return Set(body.split(whereSeparator: \.isWhitespace).map(String.init).filter { $0.hasSuffix(".proto") })
    }
}
