import Contracts
import Foundation
import KLTesting
import PostgresNIO
import ServiceRuntime
import Storage
import SwiftProtobuf
import Synchronization
import Testing

@Suite("Stored replies: a state-changing request has one effect however often it arrives")
struct StoredRepliesTests {
    typealias Reply = Kunskapsloop_Common_V1_ErrorDetail

    @Test func concurrentCopiesRunOnceAndAllGetTheFirstReply() async throws {
        try await withScratchSchema { db, schema in
            _ = try await Migrator(
                schema: schema,
                migrations: Migration.kernel + [
                    Migration(version: 100, name: "effects", sql: "CREATE TABLE effects (n serial PRIMARY KEY)")
                ]
            ).migrate(db, logger: LocalStack.logger)
            let database = try Database(client: db, schema: schema, logger: LocalStack.logger)
            let key = UUID().uuidString
            let replies = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await database.idempotent("Create", key: key) { tx in
                            let n = try await tx.query("INSERT INTO \(unescaped: schema).effects DEFAULT VALUES RETURNING n").decode(Int.self).collect()
                            try await Task.sleep(for: .milliseconds(50))  // the other copies arrive meanwhile
                            return Reply.with { $0.message = "effect \(n[0])" }
                        }.message
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(Set(replies).count == 1, "every copy got the first one's reply: \(replies)")
            #expect(try await db.query("SELECT count(*) FROM \(unescaped: schema).effects").decode(Int.self).collect() == [1])
        }
    }

    @Test func aFailedOrDryRunStoresNothing() async throws {
        try await withScratchSchema { db, schema in
            _ = try await Migrator(schema: schema, migrations: Migration.kernel).migrate(db, logger: LocalStack.logger)
            let database = try Database(client: db, schema: schema, logger: LocalStack.logger)
            struct Refused: Error {}
            await #expect(throws: Refused.self) {
                _ = try await database.idempotent("Fail", key: "k1") { _ -> Reply in throw Refused() }
            }
            _ = try await database.idempotent("DryRun", key: "k2") { tx in
                tx.rollbackOnly = true
                return Reply.with { $0.message = "dry" }
            }
            let second = try await database.idempotent("Fail", key: "k1") { _ in Reply.with { $0.message = "now it works" } }
            #expect(second.message == "now it works", "a failed first attempt leaves the key free")
            #expect(try await db.query("SELECT message_id FROM \(unescaped: schema).stored_replies ORDER BY 1").decode(String.self).collect() == ["k1"])
        }
    }
}
