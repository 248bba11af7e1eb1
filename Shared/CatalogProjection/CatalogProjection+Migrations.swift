import Storage

extension CatalogProjection {
    /// The projection's tables, in the including service's schema. Versions 50–59 belong to the
    /// projection (the kernel has 1–49, a service numbers its own from 0100).
    public static let migrations: [Migration] = [
        Migration(
            version: 50, name: "catalog_projection",
            sql: """
                -- Organisations as the catalog's events describe them; the newest state wins.
                CREATE TABLE catalog_organisations (
                    id            text PRIMARY KEY,
                    name          text NOT NULL,
                    level         text NOT NULL,
                    parent_id     text,
                    -- All ancestors, root first: "is X within Y?" is Y = ANY(ancestor_ids).
                    ancestor_ids  text[] NOT NULL DEFAULT '{}',
                    hsa_id        text NOT NULL DEFAULT '',
                    updated_at    timestamptz NOT NULL
                );
                CREATE INDEX catalog_organisations_parent ON catalog_organisations (parent_id);
                CREATE INDEX catalog_organisations_ancestors ON catalog_organisations USING gin (ancestor_ids);

                -- Knowledge supports, without their structure.
                CREATE TABLE catalog_supports (
                    id                     text PRIMARY KEY,
                    slug                   text NOT NULL,
                    -- Scheme and host lower-cased, trailing '/' stripped; '' when the support has no URL.
                    url_normalised         text NOT NULL DEFAULT '',
                    version                integer NOT NULL,
                    status                 text NOT NULL,
                    title                  text NOT NULL,
                    kind                   text NOT NULL,
                    level                  text NOT NULL,
                    owner_organisation_id  text NOT NULL,
                    programme_area_id      text,
                    updated_at             timestamptz NOT NULL
                );
                CREATE INDEX catalog_supports_slug ON catalog_supports (slug);
                CREATE INDEX catalog_supports_url ON catalog_supports (url_normalised) WHERE url_normalised <> '';

                -- Where each unit stands with each support.
                CREATE TABLE catalog_adoptions (
                    knowledge_support_id  text NOT NULL,
                    organisation_id       text NOT NULL,
                    status                text NOT NULL,
                    adopted_on            date,
                    planned_on            date,
                    recorded_at           timestamptz NOT NULL,
                    PRIMARY KEY (knowledge_support_id, organisation_id)
                );
                """)
    ]
}
