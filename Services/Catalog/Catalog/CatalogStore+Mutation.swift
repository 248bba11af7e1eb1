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
    ///
    /// Copies of one request run one at a time (a transaction lock on the key): a copy that
    /// arrives while the first still runs waits for its commit and then finds its reply, where it
    /// would otherwise have run the body against the first one's effect (ALREADY_EXISTS, …).
    func mutation<Response: SwiftProtobuf.Message>(
        _ method: String, _ context: RPCContext, _ body: @escaping @Sendable (CatalogTransaction) async throws -> Response
    ) async throws -> Response {
        do {
            return try await transaction { tx in
                if let key = context.messageID {
                    // Its own statement: under READ COMMITTED the lookup after it then sees what
                    // committed while this one waited.
                    try await tx.query("SELECT pg_advisory_xact_lock(hashtext(\(table("rpc_replies"))), hashtext(\(key)))")
                }
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
        } catch where isTransactionConflict(error) {
            // Two changes to the same supports at once, in opposite orders: this one was rolled back.
            throw RPCError(.aborted, "the change collided with another one made at the same time and was not made; send it again")
        }
    }

    /// A read-only request on one connection; catalog errors become RPC errors.
    func lookup<Response: Sendable>(_ body: @escaping @Sendable (CatalogTransaction) async throws -> Response) async throws -> Response {
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
