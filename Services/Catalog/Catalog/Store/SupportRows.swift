import Foundation
import PostgresNIO

/// The row a support is read from (`CatalogStore.record(from:id:)` decodes it), as prepared
/// statements. Planning this join took longer than running it: 0.46 ms against 0.38 ms per get
/// by slug in pg_stat_statements, and 0.8 ms against 0.2 ms per call unprepared vs prepared under
/// pgbench. A prepared statement is planned once per connection.
///
/// The table names are unqualified: postgres-nio names a prepared statement by its type, so its
/// text cannot carry the schema. They resolve through the connections' `search_path`, which
/// starts with the service's schema (`DatabaseConfiguration.schema`, checked at start-up by
/// `SearchPath.require`).
enum SupportRows {
    static let select = """
        SELECT k.id, k.slug, k.title, k.summary, k.kind, k.audiences, k.level, k.owner_organisation_id,
               o.name AS owner_name, o.level AS owner_level, k.programme_area_id, p.name AS area_name,
               k.status, k.version, k.url, k.tags, k.icd10_codes,
               k.published_on - DATE '1970-01-01' AS published_on, k.revised_on - DATE '1970-01-01' AS revised_on,
               k.review_due_on - DATE '1970-01-01' AS review_due_on, k.revision_note, k.revision_draft,
               k.created_at, k.updated_at,
               ARRAY(SELECT v.version FROM knowledge_support_versions v WHERE v.knowledge_support_id = k.id ORDER BY v.version) AS versions,
               EXISTS (SELECT FROM building_blocks b WHERE b.knowledge_support_id = k.id)
               OR EXISTS (SELECT FROM links l WHERE l.source_id = k.id)
               OR EXISTS (SELECT FROM links l WHERE l.target_id = k.id) AS structured
        FROM knowledge_supports k
        JOIN organisations o ON o.id = k.owner_organisation_id
        LEFT JOIN programme_areas p ON p.id = k.programme_area_id
        """

    /// The supports with these ids, in no particular order.
    struct ByID: PostgresPreparedStatement {
        static let sql = select + " WHERE k.id = ANY($1)"
        static let bindingDataTypes: [PostgresDataType] = [.uuidArray]
        let ids: [UUID]

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 1)
            bindings.append(ids)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
    }

    /// The support with this slug, if any.
    struct BySlug: PostgresPreparedStatement {
        static let sql = select + " WHERE k.slug = $1"
        static let bindingDataTypes: [PostgresDataType] = [.text]
        let slug: String

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 1)
            bindings.append(slug)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
    }
}
