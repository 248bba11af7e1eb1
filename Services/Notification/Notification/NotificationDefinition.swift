import CatalogProjection
import Foundation
import Messaging
import ServiceRuntime
import Storage

/// The notification service as the runtime runs it: its migrations (with the catalog projection's),
/// its consumers, scheduled jobs, RPC methods and HTTP routes.
public enum NotificationDefinition {
    /// - Parameters:
    ///   - name: schema, role and RPC routing prefix (`notification`; tests use scratch names).
    ///   - configuration: the service's own settings; default all defaults.
    ///   - topology: what to declare; default the notification part of the suite's topology.
    public static func make(
        name: String = "notification", configuration: NotificationConfiguration = NotificationConfiguration(), topology: Topology? = nil
    ) -> ServiceDefinition {
        ServiceDefinition(
            name: name,
            defaultHTTPPort: 8084,
            migrations: { CatalogProjection.migrations + (try migrations()) },
            topology: topology ?? Topology.kunskapsloop.owned(by: name))
    }

    /// The service's own SQL migrations, shipped in this module's bundle.
    public static func migrations() throws -> [Migration] {
        guard let directory = Bundle.module.url(forResource: "Migrations", withExtension: nil) else {
            throw StorageError(.invalidMigration, "the notification service's Migrations folder is missing from its bundle")
        }
        return try Migration.load(from: directory)
    }
}
