import Foundation
import SwiftProtobuf

/// What no message may hold, whatever its type, refused before any handler sees it:
/// - text with a NUL character: PostgreSQL text cannot hold it, and it failed deep in SQL as
///   INTERNAL (22021), or was retried to the delivery limit;
/// - in an RPC request, an enum value the contract does not define: a filter `kinds: [999]` was
///   silently ignored.
///
/// The walk over the fields is cheap; only when it finds something is the message written as
/// JSON to name the field (swift-protobuf keeps field names to itself).
public enum MessageCheck {
    /// The dotted path of the first text field holding a NUL (`comment`, `draft.title`), "" when
    /// the field cannot be named, nil when there is none.
    public static func fieldWithNUL(in message: some SwiftProtobuf.Message) -> String? {
        var visitor = Walker(enums: false)
        try? message.traverse(visitor: &visitor)
        guard visitor.found != nil else { return nil }
        return field(in: message) { if case .string(let s) = $0 { s.contains("\u{0}") } else { false } }
    }

    /// Why an RPC request must be refused, or nil.
    static func problem(in message: some SwiftProtobuf.Message) -> RPCError? {
        var visitor = Walker(enums: true)
        try? message.traverse(visitor: &visitor)
        guard let found = visitor.found else { return nil }
        switch found {
        case .nul:
            let field = Self.field(in: message) { if case .string(let s) = $0 { s.contains("\u{0}") } else { false } }
            return .invalidArgument("\(field.isEmpty ? "a text field" : field) holds a NUL character, which no text may", field: field)
        case .unknownEnum(let value):
            let field = Self.field(in: message) { if case .number(let n) = $0 { n == Double(value) } else { false } }
            return .invalidArgument("\(value) is not a value \(field.isEmpty ? "this enum" : field) can take", field: field)
        }
    }

    /// The path of the first value `matches`, in the order the message declares its fields (as
    /// swift-protobuf writes its JSON); "" when none matches.
    private static func field(in message: some SwiftProtobuf.Message, _ matches: (JSONNode) -> Bool) -> String {
        var reader = JSONReader(text: Array(((try? message.jsonString(options: Self.jsonOptions)) ?? "").unicodeScalars))
        return reader.value().flatMap { path(in: $0, matches) } ?? ""
    }

    private static var jsonOptions: JSONEncodingOptions {
        var options = JSONEncodingOptions()
        options.preserveProtoFieldNames = true
        return options
    }

    /// The dotted path (`filter.kinds`) of the first value in a JSON tree that `matches`.
    private static func path(in tree: JSONNode, _ matches: (JSONNode) -> Bool) -> String? {
        if matches(tree) { return "" }
        switch tree {
        case .object(let members):
            for (key, value) in members {
                if let sub = path(in: value, matches) { return sub.isEmpty ? key : "\(key).\(sub)" }
            }
        case .array(let elements):
            for element in elements {
                if let sub = path(in: element, matches) { return sub }
            }
        default:
            break
        }
        return nil
    }

    /// JSON as read, members in their order (Foundation's dictionaries lose it).
    private indirect enum JSONNode {
        case object([(String, JSONNode)])
        case array([JSONNode])
        case string(String)
        case number(Double)
        case other
    }

    /// Reads the JSON swift-protobuf writes: enough of the grammar for that, no more.
    private struct JSONReader {
        let text: [Unicode.Scalar]
        var at = 0

        mutating func value() -> JSONNode? {
            skipSpace()
            guard at < text.count else { return nil }
            switch text[at] {
            case "{":
                at += 1
                var members: [(String, JSONNode)] = []
                while true {
                    skipSpace()
                    if at < text.count, text[at] == "}" {
                        at += 1
                        return .object(members)
                    }
                    guard case .string(let key)? = value() else { return nil }
                    skipSpace()
                    guard at < text.count, text[at] == ":" else { return nil }
                    at += 1
                    guard let member = value() else { return nil }
                    members.append((key, member))
                    skipSpace()
                    if at < text.count, text[at] == "," { at += 1 }
                }
            case "[":
                at += 1
                var elements: [JSONNode] = []
                while true {
                    skipSpace()
                    if at < text.count, text[at] == "]" {
                        at += 1
                        return .array(elements)
                    }
                    guard let element = value() else { return nil }
                    elements.append(element)
                    skipSpace()
                    if at < text.count, text[at] == "," { at += 1 }
                }
            case "\"":
                return string()
            default:
                var token = ""
                while at < text.count, !",]} \n\t\r".unicodeScalars.contains(text[at]) {
                    token.unicodeScalars.append(text[at])
                    at += 1
                }
                return Double(token).map(JSONNode.number) ?? .other
            }
        }

        private mutating func string() -> JSONNode? {
            at += 1
            var result = String.UnicodeScalarView()
            while at < text.count {
                let c = text[at]
                at += 1
                if c == "\"" { return .string(String(result)) }
                guard c == "\\", at < text.count else {
                    result.append(c)
                    continue
                }
                let escaped = text[at]
                at += 1
                switch escaped {
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "r": result.append("\r")
                case "b": result.append("\u{8}")
                case "f": result.append("\u{c}")
                case "u":
                    guard at + 4 <= text.count, let code = UInt32(String(String.UnicodeScalarView(text[at..<at + 4])), radix: 16) else { return nil }
                    at += 4
                    // Surrogate pairs cannot hold what is looked for (NUL); keep a stand-in.
                    result.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                default: result.append(escaped)
                }
            }
            return nil
        }

        private mutating func skipSpace() {
            while at < text.count, [" ", "\n", "\t", "\r"].contains(text[at]) { at += 1 }
        }
    }

    private enum Found {
        case nul
        case unknownEnum(Int)
    }

    /// Visits every field (nested messages too) and remembers the first problem.
    private struct Walker: Visitor {
        /// Whether undefined enum values count (requests) or not (messages from other systems,
        /// whose own validation names them).
        let enums: Bool
        var found: Found?

        mutating func visitSingularStringField(value: String, fieldNumber: Int) throws {
            if found == nil, value.utf8.contains(0) { found = .nul }
        }

        mutating func visitRepeatedStringField(value: [String], fieldNumber: Int) throws {
            for string in value { try visitSingularStringField(value: string, fieldNumber: fieldNumber) }
        }

        mutating func visitSingularEnumField<E: SwiftProtobuf.Enum>(value: E, fieldNumber: Int) throws {
            if enums, found == nil, !Self.isDefined(value) { found = .unknownEnum(value.rawValue) }
        }

        mutating func visitRepeatedEnumField<E: SwiftProtobuf.Enum>(value: [E], fieldNumber: Int) throws {
            for element in value { try visitSingularEnumField(value: element, fieldNumber: fieldNumber) }
        }

        mutating func visitPackedEnumField<E: SwiftProtobuf.Enum>(value: [E], fieldNumber: Int) throws {
            try visitRepeatedEnumField(value: value, fieldNumber: fieldNumber)
        }

        mutating func visitSingularMessageField<M: SwiftProtobuf.Message>(value: M, fieldNumber: Int) throws {
            try value.traverse(visitor: &self)
        }

        mutating func visitRepeatedMessageField<M: SwiftProtobuf.Message>(value: [M], fieldNumber: Int) throws {
            for element in value { try element.traverse(visitor: &self) }
        }

        mutating func visitSingularGroupField<G: SwiftProtobuf.Message>(value: G, fieldNumber: Int) throws {
            try value.traverse(visitor: &self)
        }

        mutating func visitMapField<KeyType, ValueType: MapValueType>(
            fieldType: _ProtobufMap<KeyType, ValueType>.Type, value: _ProtobufMap<KeyType, ValueType>.BaseType, fieldNumber: Int
        ) throws {
            for (key, element) in value {
                if found == nil, let text = key as? String ?? element as? String, text.utf8.contains(0) { found = .nul }
            }
        }

        mutating func visitMapField<KeyType, ValueType>(
            fieldType: _ProtobufEnumMap<KeyType, ValueType>.Type, value: _ProtobufEnumMap<KeyType, ValueType>.BaseType, fieldNumber: Int
        ) throws where ValueType.RawValue == Int {
            for element in value.values { try visitSingularEnumField(value: element, fieldNumber: fieldNumber) }
        }

        mutating func visitMapField<KeyType, ValueType>(
            fieldType: _ProtobufMessageMap<KeyType, ValueType>.Type, value: _ProtobufMessageMap<KeyType, ValueType>.BaseType, fieldNumber: Int
        ) throws {
            for element in value.values { try element.traverse(visitor: &self) }
        }

        // Numbers, booleans and bytes cannot be wrong in these ways.
        mutating func visitSingularDoubleField(value: Double, fieldNumber: Int) throws {}
        mutating func visitSingularInt64Field(value: Int64, fieldNumber: Int) throws {}
        mutating func visitSingularUInt64Field(value: UInt64, fieldNumber: Int) throws {}
        mutating func visitSingularBoolField(value: Bool, fieldNumber: Int) throws {}
        mutating func visitSingularBytesField(value: Data, fieldNumber: Int) throws {}
        mutating func visitUnknown(bytes: Data) throws {}

        /// Generated enums list their defined cases in `allCases`; an undefined number decodes
        /// to `UNRECOGNIZED(n)`, which is not among them.
        static func isDefined<E: SwiftProtobuf.Enum>(_ value: E) -> Bool {
            guard let iterable = E.self as? any CaseIterable.Type else { return true }
            return cases(of: iterable).contains { ($0 as? E) == value }
        }

        static func cases<C: CaseIterable>(of type: C.Type) -> [Any] { Array(type.allCases) }
    }
}
