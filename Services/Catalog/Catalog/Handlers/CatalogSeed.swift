import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import RPC
import Reference
import Storage
import SwiftProtobuf

/// Loads the shipped reference data (the nation, healthcare regions, regions and programme areas)
/// on start. Rows that exist are left alone, so edits survive restarts; only organisations created
/// now emit `organisation.upserted`, so two replicas starting together announce each once.
enum CatalogSeed {
    static func run(_ store: CatalogStore) async throws {
        let reference = try ReferenceData.load()
        let hierarchy = try reference.hierarchy()
        let created = try await store.transaction { tx in
            for area in reference.programmeAreas {
                try await tx.query("""
                    INSERT INTO \(unescaped: tx.table("programme_areas")) (id, name) VALUES (\(area.id), \(area.name))
                    ON CONFLICT (id) DO NOTHING
                    """)
            }
            var created = 0
            // Parents come before children in the reference list.
            for org in reference.organisations {
                let ancestors = Array(hierarchy.ancestors(of: org.id).map(\.id).reversed()) // root first
                let rows = try await tx.query("""
                    INSERT INTO \(unescaped: tx.table("organisations")) (id, name, level, parent_id, county_code, ancestor_ids)
                    VALUES (\(org.id), \(org.name), \(org.level.rawValue), \(org.parentID), \(org.countyCode), \(ancestors))
                    ON CONFLICT (id) DO NOTHING
                    RETURNING \(unescaped: CatalogTransaction.organisationColumns)
                    """)
                for try await row in rows {
                    tx.emit(CatalogEvents.organisationUpserted(try CatalogTransaction.organisation(from: row.makeRandomAccess()),
                                                               created: true, previousParentID: "", actor: "reference-data"))
                    created += 1
                }
            }
            return created
        }
        store.logger.info("reference data in place", metadata: ["organisations_created": "\(created)"])
    }
}

extension CatalogTransaction {
    /// The id of the national root (the top of every subtree).
    func nationalRootID() async throws -> String {
        let rows = try await query("SELECT id FROM \(unescaped: table("organisations")) WHERE level = 'national' LIMIT 1")
        for try await id in rows.decode(String.self) { return id }
        throw CatalogError.precondition("the catalog has no national root yet; it is seeded on start")
    }
}
