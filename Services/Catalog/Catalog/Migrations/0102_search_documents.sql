-- Search reads a narrow copy of what it filters, ranks and sorts on, kept by a trigger: a page
-- of hits visits every matching row (to rank and count them exactly), and half-kilobyte rows
-- instead of whole supports (summary, revision draft, …) halve the pages read.
CREATE TABLE search_documents (
    id                     uuid PRIMARY KEY REFERENCES knowledge_supports (id),
    status                 text NOT NULL,
    kind                   text NOT NULL,
    level                  text NOT NULL,
    owner_organisation_id  text NOT NULL,
    programme_area_id      text,
    audiences              text[] NOT NULL,
    updated_at             timestamptz NOT NULL,
    search                 tsvector NOT NULL,
    fuzzy                  text NOT NULL
);

-- The schema is taken from the trigger's table: the function runs with the caller's search_path.
CREATE FUNCTION search_documents_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format($sql$
        INSERT INTO %I.search_documents AS d
            (id, status, kind, level, owner_organisation_id, programme_area_id, audiences, updated_at, search, fuzzy)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
        ON CONFLICT (id) DO UPDATE SET
            status = EXCLUDED.status, kind = EXCLUDED.kind, level = EXCLUDED.level,
            owner_organisation_id = EXCLUDED.owner_organisation_id, programme_area_id = EXCLUDED.programme_area_id,
            audiences = EXCLUDED.audiences, updated_at = EXCLUDED.updated_at, search = EXCLUDED.search, fuzzy = EXCLUDED.fuzzy
        $sql$, TG_TABLE_SCHEMA)
    USING NEW.id, NEW.status, NEW.kind, NEW.level, NEW.owner_organisation_id, NEW.programme_area_id, NEW.audiences,
          NEW.updated_at, NEW.search, NEW.fuzzy;
    RETURN NULL;
END $$;
-- Runs after the BEFORE trigger that computes search and fuzzy.
CREATE TRIGGER search_documents_sync AFTER INSERT OR UPDATE ON knowledge_supports
    FOR EACH ROW EXECUTE FUNCTION search_documents_sync();

INSERT INTO search_documents (id, status, kind, level, owner_organisation_id, programme_area_id, audiences, updated_at, search, fuzzy)
SELECT id, status, kind, level, owner_organisation_id, programme_area_id, audiences, updated_at, search, fuzzy FROM knowledge_supports;

CREATE INDEX search_documents_search ON search_documents USING gin (search);
CREATE INDEX search_documents_fuzzy ON search_documents USING gin (fuzzy public.gin_trgm_ops);
CREATE INDEX search_documents_changed ON search_documents (updated_at DESC, id DESC);
CREATE INDEX search_documents_filters ON search_documents (status)
    INCLUDE (kind, level, owner_organisation_id, programme_area_id, audiences);

-- The wide table's search indexes are no longer read.
DROP INDEX knowledge_supports_search_idx;
DROP INDEX knowledge_supports_fuzzy_idx;
DROP INDEX knowledge_supports_filters;
