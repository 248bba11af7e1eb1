import Contracts
import Foundation
import Logging
import PostgresNIO
import RPC
import ServiceRuntime
import Storage
import SwiftProtobuf

/// What the catalog's handlers work with: its schema on the database, and the prefix its events'
/// routing keys get (empty in service; `<schema>.` in tests, so a test catalog's events never
/// reach the real services' queues).
struct CatalogContext: Sendable {
    let database: Database
    let eventPrefix: String

    /// Runs a state-changing request in one transaction with its events. With a request
    /// `message_id`, the reply is stored with the change (`Database.idempotent`), so a redelivered
    /// or retried request gets the same reply and no second effect, and a copy that arrives while
    /// the first still runs waits for it.
    ///
    /// Catalog errors become their RPC errors; a transaction that lost a conflict with another
    /// one (deadlock, serialisation failure) was rolled back whole, and is ABORTED: send it again.
    func mutation<Response: SwiftProtobuf.Message>(
        _ method: String, _ context: RPCContext, _ body: @escaping @Sendable (CatalogTransaction) async throws -> Response
    ) async throws -> Response {
        let eventPrefix = eventPrefix
        do {
            return try await database.idempotent(method, key: context.messageID) { tx in
                try await body(CatalogTransaction(tx, schema: database.schema, eventPrefix: eventPrefix))
            }
        } catch let error as CatalogError {
            throw error.rpcError
        } catch  where isTransactionConflict(error) {
            // Two changes to the same supports at once, in opposite orders: this one was rolled back.
            throw RPCError(.aborted, "the change collided with another one made at the same time and was not made; send it again")
        }
    }

    /// A read-only request on one connection, outside any transaction; catalog errors become RPC errors.
    func lookup<Response: Sendable>(_ body: @escaping @Sendable (CatalogTransaction) async throws -> Response) async throws -> Response {
        do {
            return try await read(body)
        } catch let error as CatalogError {
            throw error.rpcError
        }
    }

    /// Work in one transaction with its events (seeding, scheduled jobs, announcing).
    func transaction<T: Sendable>(_ body: @escaping @Sendable (CatalogTransaction) async throws -> T) async throws -> T {
        let (schema, eventPrefix) = (database.schema, eventPrefix)
        return try await database.transaction { tx in try await body(CatalogTransaction(tx, schema: schema, eventPrefix: eventPrefix)) }
    }

    /// A read on one connection, outside any transaction (events emitted on it are never written).
    func read<T: Sendable>(_ body: @escaping @Sendable (CatalogTransaction) async throws -> T) async throws -> T {
        let (schema, eventPrefix, logger) = (database.schema, eventPrefix, database.logger)
        return try await database.read { connection in
            try await body(CatalogTransaction(Transaction.outside(connection, logger: logger), schema: schema, eventPrefix: eventPrefix))
        }
    }
}
