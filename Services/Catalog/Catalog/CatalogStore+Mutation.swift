import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import RPC
import Storage
import SwiftProtobuf

extension CatalogStore {
    /// Runs a state-changing request in one transaction. With a request `message_id`, the reply is
    /// stored with the change, so a redelivered request gets the same reply and no second effect.
    func mutation<Response: SwiftProtobuf.Message>(
        _ method: String, _ context: RPCContext, _ body: (CatalogTransaction) async throws -> Response
    ) async throws -> Response {
        do {
            return try await transaction { tx in
                if let key = context.messageID, let stored = try await tx.storedReply(key) {
                    tx.rollbackOnly = true
                    return try Response(serializedBytes: stored)
                }
                let response = try await body(tx)
                if let key = context.messageID, !tx.rollbackOnly {
                    try await tx.query("""
                        INSERT INTO \(unescaped: table("rpc_replies")) (message_id, method, response)
                        VALUES (\(key), \(method), \(ByteBuffer(bytes: try response.serializedBytes() as [UInt8])))
                        """)
                }
                return response
            }
        } catch let error as CatalogError {
            throw error.rpcError
        } catch where isUniqueViolation(error, constraint: "rpc_replies_pkey") {
            // The same request ran concurrently and committed first: answer as it did.
            if let key = context.messageID, let stored = try await read({ try await $0.storedReply(key) }) {
                return try Response(serializedBytes: stored)
            }
            throw error
        }
    }

    /// A read-only request on one connection; catalog errors become RPC errors.
    func lookup<Response: Sendable>(_ body: (CatalogTransaction) async throws -> Response) async throws -> Response {
        do {
            return try await read(body)
        } catch let error as CatalogError {
            throw error.rpcError
        }
    }
}

extension CatalogTransaction {
    func storedReply(_ key: String) async throws -> [UInt8]? {
        let rows = try await query("SELECT response FROM \(unescaped: table("rpc_replies")) WHERE message_id = \(key)")
        for try await bytes in rows.decode(ByteBuffer.self) { return Array(buffer: bytes) }
        return nil
    }
}
