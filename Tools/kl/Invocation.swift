import ArgumentParser
import Foundation
import RPC
import SwiftProtobuf

/// Calls one method for a subcommand and prints the answer: JSON, or a table made by `table`
/// (the dotted field list when it makes none). Errors print one line and exit 1.
enum Invocation {
    static func run<Response: SwiftProtobuf.Message>(
        _ options: GlobalOptions, _ method: String, _ request: some SwiftProtobuf.Message, returning: Response.Type,
        table: @Sendable (Response) -> TextTable? = { _ in nil }
    ) async throws {
        let response = try await call(options, method, request, returning: Response.self)
        try print(render(response, options, table: table))
    }

    static func call<Response: SwiftProtobuf.Message>(
        _ options: GlobalOptions, _ method: String, _ request: some SwiftProtobuf.Message, returning: Response.Type
    ) async throws -> Response {
        let timeout = Duration.milliseconds(Int(options.timeout * 1000))
        do {
            return try await withRPCClient(options) { client in
                try await client.call(method, request, returning: Response.self, timeout: timeout)
            }
        } catch let error as RPCError {
            fail(error.description)
        } catch let error as CLIError {
            fail(error.description)
        }
    }

    static func render<Response: SwiftProtobuf.Message>(_ response: Response, _ options: GlobalOptions, table: (Response) -> TextTable?) throws -> String {
        if options.output == .table, let table = table(response) { return table.rendered }
        var json = JSONEncodingOptions()
        json.preserveProtoFieldNames = true
        return try Output.render(json: response.jsonString(options: json), as: options.output)
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("kl: \(message)\n".utf8))
        Foundation.exit(1)
    }
}

/// Columns of text, padded to the widest cell (counted in characters, so å ä ö line up).
struct TextTable: Sendable {
    var headers: [String]
    var rows: [[String]]
    var footer: String? = nil

    var rendered: String {
        let widths = headers.indices.map { column in
            ([headers[column]] + rows.map { column < $0.count ? $0[column] : "" }).map(\.count).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                i == cells.count - 1 ? cell : cell + String(repeating: " ", count: max(0, widths[i] - cell.count))
            }.joined(separator: "  ")
        }
        var lines = [line(headers)] + rows.map(line)
        if rows.isEmpty { lines.append("(none)") }
        if let footer { lines.append(footer) }
        return lines.joined(separator: "\n")
    }
}
