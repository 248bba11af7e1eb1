import CatalogProjection
import Foundation
import KLTesting
import PostgresNIO
import Notification
import Storage
import Testing

/// The notification service starts on the kernel: its migrations apply (with the catalog projection's)
/// and it answers RPCs.
@Suite struct NotificationSkeletonTests {
    @Test func itMigratesAndAnswers() async throws {
        try await withInProcessService({ name, topology in NotificationDefinition.make(name: name, topology: topology) }) { service in
            let tables = try await service.database.query(
                "SELECT count(*) FROM pg_tables WHERE schemaname = \(service.name) AND tablename = 'catalog_organisations'"
            ).decode(Int.self).collect()
            #expect(tables == [1])
        }
    }
}
