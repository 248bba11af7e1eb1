import Contracts
import Domain
import Foundation
import Logging
import Messaging
import PostgresNIO
import RPC
import ServiceRuntime
import Storage
import SwiftProtobuf

/// The catalog as the runtime runs it: its migrations, reference data, RPC methods and the
/// review-due scheduler.
public enum CatalogDefinition {
    /// - Parameters:
    ///   - name: schema, role and RPC routing prefix (`catalog`; tests use scratch names).
    ///   - topology: what to declare; default the catalog's part of the suite's topology.
    ///   - eventPrefix: put in front of the events' routing keys (tests: `<name>.`); default none.
    public static func make(
        name: String = "catalog", settings: CatalogSettings = CatalogSettings(), topology: Topology? = nil, eventPrefix: String = ""
    ) -> ServiceDefinition {
        ServiceDefinition(
            name: name,
            defaultHTTPPort: 8081,
            migrations: { try migrations() },
            topology: topology ?? Topology.kunskapsloop.owned(by: name),
            prepare: { context in try await CatalogSeed.run(try store(context, name, eventPrefix)) },
            router: { context in CatalogRouter.make(service: name, store: try store(context, name, eventPrefix)) },
            services: { context in
                [ReviewDueScheduler(store: try store(context, name, eventPrefix), windowDays: settings.reviewWindowDays, interval: settings.reviewCheckInterval)]
            })
    }

    /// The catalog's SQL migrations, shipped in this module's bundle.
    public static func migrations() throws -> [Migration] {
        guard let directory = Bundle.module.url(forResource: "Migrations", withExtension: nil) else {
            throw StorageError(.invalidMigration, "the catalog's Migrations folder is missing from its bundle")
        }
        return try Migration.load(from: directory)
    }

    static func store(_ context: ServiceContext, _ name: String, _ eventPrefix: String) throws -> CatalogStore {
        try CatalogStore(client: context.database.client, schema: name, logger: context.logger, eventPrefix: eventPrefix)
    }
}
