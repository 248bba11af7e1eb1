import RPC
import SwiftProtobuf

/// The RPC methods of the contracts with their request and response types (`MethodRegistry.all`
/// is generated from the protos), so `kl call` can take JSON for any of them.
enum MethodRegistry {
    struct Entry: Sendable {
        let request: any SwiftProtobuf.Message.Type
        let response: any SwiftProtobuf.Message.Type

        init(_ request: any SwiftProtobuf.Message.Type, _ response: any SwiftProtobuf.Message.Type) {
            self.request = request
            self.response = response
        }

        /// Parses `json` as the request, calls, and returns the response.
        func call(_ client: RPCClient, method: String, json: String, timeout: Duration) async throws -> any SwiftProtobuf.Message {
            try await Self.call(client, method: method, json: json, timeout: timeout, request: request, response: response)
        }

        private static func call<Request: SwiftProtobuf.Message, Response: SwiftProtobuf.Message>(
            _ client: RPCClient, method: String, json: String, timeout: Duration, request: Request.Type, response: Response.Type
        ) async throws -> any SwiftProtobuf.Message {
            let message: Request
            do {
                message = try Request(jsonString: json)
            } catch {
                throw CLIError("the request is not a valid \(Request.protoMessageName) in JSON: \(error)")
            }
            return try await client.call(method, message, returning: Response.self, timeout: timeout)
        }
    }
}

/// A user-facing failure: printed as one line, exit status 1.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
