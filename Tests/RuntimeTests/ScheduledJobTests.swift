import Foundation
import KLTesting
import PostgresNIO
import ServiceRuntime
import Storage
import Synchronization
import Testing

@Suite("Scheduled jobs: once per tick across replicas")
struct ScheduledJobTests {
    @Test func twoReplicasAtOneTickRunTheWorkOnce() async throws {
        try await withScratchSchema { db, schema in
            _ = try await Migrator(schema: schema, migrations: Migration.kernel).migrate(db, logger: LocalStack.logger)
            let database = try Database(client: db, schema: schema, logger: LocalStack.logger)
            let runs = Mutex(0)
            let clock = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
            func replica() -> ScheduledJob {
                ScheduledJob("test_job", every: .seconds(60), database: database, logger: LocalStack.logger, now: { clock.withLock { $0 } }) { _ in
                    runs.withLock { $0 += 1 }
                    return 1
                }
            }
            let (a, b) = (replica(), replica())
            async let first = a.runOnce()
            async let second = b.runOnce()
            let results = try await [first, second]
            #expect(results.compactMap { $0 }.count == 1, "one replica had the tick: \(results)")
            #expect(runs.withLock { $0 } == 1)
            // The next tick is another's to take.
            clock.withLock { $0 = $0.addingTimeInterval(60) }
            #expect(try await b.runOnce() == 1)
            #expect(try await a.runOnce() == nil)
            #expect(runs.withLock { $0 } == 2)
        }
    }
}
