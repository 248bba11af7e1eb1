import CatalogProjection
import Foundation
import Messaging
import ServiceRuntime
import Storage

/// The follow-up service as the runtime runs it: its migrations (with the catalog projection's),
/// its consumers, scheduled jobs, RPC methods and HTTP routes.
public enum FollowUpDefinition {
    /// - Parameters:
    ///   - name: schema, role and RPC routing prefix (`followup`; tests use scratch names).
    ///   - configuration: the service's own settings; default all defaults.
    ///   - topology: what to declare; default the follow-up part of the suite's topology.
    public static func make(
        name: String = "followup", configuration: FollowUpConfiguration = FollowUpConfiguration(), topology: Topology? = nil
    ) -> ServiceDefinition {
        ServiceDefinition(
            name: name,
            defaultHTTPPort: 8083,
            migrations: { CatalogProjection.migrations + (try migrations()) },
            topology: topology ?? Topology.kunskapsloop.owned(by: name))
    }

    /// The service's own SQL migrations, shipped in this module's bundle.
    public static func migrations() throws -> [Migration] {
        guard let directory = Bundle.module.url(forResource: "Migrations", withExtension: nil) else {
            throw StorageError(.invalidMigration, "the follow-up service's Migrations folder is missing from its bundle")
        }
        return try Migration.load(from: directory)
    }
}
