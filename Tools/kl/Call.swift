import ArgumentParser
import Foundation
import RPC
import SwiftProtobuf

struct Call: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Call any service method with a JSON request.",
        discussion: "Example: kl call catalog.GetOrganisation '{\"id\": \"SE-12\"}'")

    @OptionGroup var options: GlobalOptions

    @Argument(help: "SERVICE.METHOD, e.g. catalog.GetOrganisation (see `kl methods`).")
    var method: String

    @Argument(help: "The request as protobuf JSON; '-' reads it from standard input.")
    var json: String = "{}"

    func run() async throws {
        guard let entry = MethodRegistry.all[method] else {
            FileHandle.standardError.write(Data("kl: unknown method '\(method)'; `kl methods` lists them\n".utf8))
            throw ExitCode(64)
        }
        let requestJSON = json == "-" ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) : json
        let timeout = Duration.milliseconds(Int(options.timeout * 1000))
        do {
            let response = try await withRPCClient(options) { client in
                try await entry.call(client, method: method, json: requestJSON, timeout: timeout).jsonString()
            }
            print(try Output.render(json: response, as: options.output))
        } catch let error as RPCError {
            FileHandle.standardError.write(Data("kl: \(error)\n".utf8))
            throw ExitCode(1)
        } catch let error as CLIError {
            FileHandle.standardError.write(Data("kl: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}

struct Methods: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the service methods with their request and response types.")

    func run() async throws {
        for (name, entry) in MethodRegistry.all.sorted(by: { $0.key < $1.key }) {
            print("\(name)\t\(entry.request.protoMessageName) → \(entry.response.protoMessageName)")
        }
    }
}
