import Foundation
import Messaging
import ServiceRuntime
import Storage

/// The catalog as the runtime runs it: its migrations, the reference data it seeds, its RPC
/// methods and the scheduled review-due job.
public enum CatalogDefinition {
    /// - Parameters:
    ///   - name: schema, role and RPC routing prefix (`catalog`; tests use scratch names).
    ///   - configuration: the catalog's own settings; default all defaults.
    ///   - topology: what to declare; default the catalog's part of the suite's topology.
    ///   - eventPrefix: put in front of the events' routing keys (tests: `<name>.`); default none.
    public static func make(
        name: String = "catalog", configuration: CatalogConfiguration = CatalogConfiguration(), topology: Topology? = nil,
        eventPrefix: String = ""
    ) -> ServiceDefinition {
        ServiceDefinition(
            name: name,
            defaultHTTPPort: 8081,
            migrations: { try migrations() },
            topology: topology ?? Topology.kunskapsloop.owned(by: name),
            prepare: { context in try await CatalogSeed.run(CatalogContext(database: context.database, eventPrefix: eventPrefix)) },
            router: { context in
                CatalogMethods.router(service: name, catalog: CatalogContext(database: context.database, eventPrefix: eventPrefix))
            },
            services: { context in
                let reviewDue = ReviewDueCheck(database: context.database, windowDays: configuration.reviewWindowDays, eventPrefix: eventPrefix)
                return [reviewDue.job(every: configuration.reviewCheckInterval, logger: context.logger)]
            })
    }

    /// The catalog's SQL migrations, shipped in this module's bundle.
    public static func migrations() throws -> [Migration] {
        guard let directory = Bundle.module.url(forResource: "Migrations", withExtension: nil) else {
            throw StorageError(.invalidMigration, "the catalog's Migrations folder is missing from its bundle")
        }
        return try Migration.load(from: directory)
    }
}
