import Domain
import PostgresNIO

extension CatalogStore {
    /// Adds a programme area of the reference data unless it is there (edits survive restarts).
    func addIfMissing(_ area: ProgrammeArea) async throws {
        try await query(
            """
            INSERT INTO \(unescaped: table("programme_areas")) (id, name) VALUES (\(area.id), \(area.name))
            ON CONFLICT (id) DO NOTHING
            """)
    }

    /// Adds an organisation of the reference data unless it is there; the new row, or nil when it
    /// was there already.
    func addIfMissing(_ organisation: Organisation, ancestors: [String]) async throws -> OrganisationRecord? {
        try await organisations(
            """
            INSERT INTO \(unescaped: table("organisations")) (id, name, level, parent_id, county_code, ancestor_ids)
            VALUES (\(organisation.id), \(organisation.name), \(organisation.level.rawValue), \(organisation.parentID),
                    \(organisation.countyCode), \(ancestors))
            ON CONFLICT (id) DO NOTHING
            RETURNING \(unescaped: Self.organisationColumns)
            """
        ).first
    }
}
