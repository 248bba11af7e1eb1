import Foundation

/// What the tests need to know about the `.proto` files, read with a simple line parser (our
/// protos put one declaration per line, buf style).
struct ProtoSchema: Sendable {
    struct Field: Hashable, Sendable {
        let name: String
        let number: Int
        /// True when a `//` comment line stands right above the field.
        let isCommented: Bool
    }

    struct MessageDecl: Sendable {
        /// Full name, e.g. "kunskapsloop.catalog.v1.KnowledgeSupport" (nested: "….Outer.Inner").
        let fullName: String
        let file: String
        var fields: [Field]
        /// True when a `//` comment line stands right above the declaration.
        let isCommented: Bool
    }

    struct EnumDecl: Sendable {
        let fullName: String
        /// The first value's name and number.
        var firstValue: (name: String, number: Int)?
    }

    struct Method: Sendable {
        let service: String
        let package: String
        let name: String
        let request: String
        let response: String
    }

    private(set) var messages: [String: MessageDecl] = [:]
    private(set) var enums: [EnumDecl] = []
    private(set) var methods: [Method] = []
    /// The text of the leading comment of each service, by service name.
    private(set) var serviceComments: [String: String] = [:]

    /// The repository's `proto/` directory, found from this source file (symlinks resolved, so
    /// it works from a package that links the test folder in).
    static let protoDirectory: URL = {
        var dir = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("proto/kunskapsloop")
            if FileManager.default.fileExists(atPath: candidate.path) {
                return dir.appendingPathComponent("proto")
            }
            dir.deleteLastPathComponent()
        }
        fatalError("no proto/kunskapsloop above \(#filePath)")
    }()

    /// The repository root (the directory holding `proto/`).
    static var repositoryRoot: URL { protoDirectory.deletingLastPathComponent() }

    /// The schema, parsed once for all tests.
    static let shared = Result { try load() }

    /// Parses every `.proto` file under `proto/`.
    static func load() throws -> ProtoSchema {
        var schema = ProtoSchema()
        let files = FileManager.default.enumerator(at: protoDirectory, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }
            .filter { $0.pathExtension == "proto" }
            .sorted { $0.path < $1.path }
        for file in files {
            try schema.parse(String(contentsOf: file, encoding: .utf8), file: file.lastPathComponent)
        }
        return schema
    }

    private enum Block {
        case message(String)
        case enumeration(Int)
        case oneof
        case service(String)
        case other
    }

    private mutating func parse(_ text: String, file: String) throws {
        var package = ""
        var stack: [Block] = []
        var comment: [String] = []  // the comment lines right above the current line
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("//") {
                comment.append(String(line.dropFirst(2)))
                continue
            }
            let isCommented = !comment.isEmpty
            let leadingComment = comment.joined(separator: "\n")
            comment = []
            let code = line.components(separatedBy: "//")[0].trimmingCharacters(in: .whitespaces)
            let words = code.split(whereSeparator: { " ();{=".contains($0) }).map(String.init)
            guard let first = words.first else { continue }
            if first == "package", words.count > 1 {
                package = words[1]
                continue
            }
            if code.hasSuffix("{") {
                let name = words.count > 1 ? words[1] : ""
                let outer = stack.compactMap { block -> String? in
                    if case .message(let relativeName) = block { relativeName } else { nil }
                }.last
                let relativeName = outer.map { $0 + "." + name } ?? name
                switch first {
                case "message":
                    let fullName = package + "." + relativeName
                    messages[fullName] = MessageDecl(fullName: fullName, file: file, fields: [], isCommented: isCommented)
                    stack.append(.message(relativeName))
                case "enum":
                    enums.append(EnumDecl(fullName: package + "." + relativeName))
                    stack.append(.enumeration(enums.count - 1))
                case "oneof":
                    stack.append(.oneof)
                case "service":
                    serviceComments[name] = leadingComment
                    stack.append(.service(name))
                default:
                    stack.append(.other)
                }
                continue
            }
            if code == "}" {
                _ = stack.popLast()
                continue
            }
            // `[optional|repeated] type name = number;` or `NAME = number;`
            let sides = code.replacingOccurrences(of: ";", with: "").split(separator: "=")
            let number = sides.count == 2 ? Int(sides[1].trimmingCharacters(in: .whitespaces)) : nil
            let lhs = sides.first?.split(separator: " ").map(String.init) ?? []
            let owner = stack.last { if case .oneof = $0 { false } else { true } }
            switch owner {
            case .message(let relativeName):
                if let number, lhs.count >= 2, let name = lhs.last {
                    messages[package + "." + relativeName]!.fields.append(
                        Field(name: name, number: number, isCommented: isCommented)
                    )
                }
            case .enumeration(let index):
                if enums[index].firstValue == nil, let number, let name = lhs.first {
                    enums[index].firstValue = (name, number)
                }
            case .service(let service):
                if first == "rpc", words.count >= 5, words[3] == "returns" {
                    methods.append(
                        Method(service: service, package: package, name: words[1], request: words[2], response: words[4])
                    )
                }
            default:
                break
            }
        }
    }
}
