import Foundation

/// Renders a response: pretty JSON, or a two-column table of its fields (nested paths dotted).
enum Output {
    static func render(json: String, as format: GlobalOptions.OutputFormat) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
        switch format {
        case .json:
            let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            return String(decoding: data, as: UTF8.self)
        case .table:
            var rows: [(String, String)] = []
            flatten(object, path: "", into: &rows)
            if rows.isEmpty { return "(empty response)" }
            let width = min(48, rows.map(\.0.count).max() ?? 0)
            return rows.map { key, value in key.padding(toLength: max(width, key.count), withPad: " ", startingAt: 0) + "  " + value }
                .joined(separator: "\n")
        }
    }

    private static func flatten(_ value: Any, path: String, into rows: inout [(String, String)]) {
        switch value {
        case let dict as [String: Any]:
            for key in dict.keys.sorted() { flatten(dict[key]!, path: path.isEmpty ? key : "\(path).\(key)", into: &rows) }
        case let array as [Any]:
            for (i, element) in array.enumerated() { flatten(element, path: "\(path)[\(i)]", into: &rows) }
        default:
            rows.append((path, "\(value)"))
        }
    }
}
