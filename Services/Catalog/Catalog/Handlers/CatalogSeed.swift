import Domain
import Foundation
import Logging
import Reference
import Storage

/// Loads the shipped reference data (the nation, healthcare regions, regions and programme areas)
/// on start. Rows that exist are left alone, so edits survive restarts; only organisations created
/// now emit `organisation.upserted`, so two replicas starting together announce each once.
enum CatalogSeed {
    static func run(_ catalog: CatalogContext) async throws {
        let reference = try ReferenceData.load()
        let hierarchy = try reference.hierarchy()
        let created = try await catalog.transaction { tx in
            for area in reference.programmeAreas { try await tx.store.addIfMissing(area) }
            var created = 0
            // Parents come before children in the reference list.
            for organisation in reference.organisations {
                let ancestors = Array(hierarchy.ancestors(of: organisation.id).map(\.id).reversed())  // root first
                if let new = try await tx.store.addIfMissing(organisation, ancestors: ancestors) {
                    tx.emit(CatalogEvents.organisationUpserted(new, created: true, previousParentID: nil, actor: "reference-data"))
                    created += 1
                }
            }
            return created
        }
        catalog.database.logger.info("reference data in place: \(created) organisations created")
    }
}
