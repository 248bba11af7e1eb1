-- The catalog: organisations, programme areas, knowledge supports with their published
-- versions, building blocks, links and adoption. Unqualified names land in the service's schema
-- (the migrator sets search_path); pg_trgm lives in public.

CREATE TABLE organisations (
    id            text PRIMARY KEY,
    name          text NOT NULL,
    level         text NOT NULL CHECK (level IN ('national', 'healthcare_region', 'region', 'unit')),
    parent_id     text REFERENCES organisations (id),
    hsa_id        text UNIQUE,
    county_code   text,
    -- Root first, parent last: "is X within Y?" is `Y = ANY(ancestor_ids)`.
    ancestor_ids  text[] NOT NULL DEFAULT '{}',
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX organisations_parent ON organisations (parent_id);
CREATE INDEX organisations_ancestors ON organisations USING gin (ancestor_ids);

CREATE TABLE programme_areas (
    id       text PRIMARY KEY,
    name     text NOT NULL,
    name_en  text NOT NULL DEFAULT '',
    active   boolean NOT NULL DEFAULT true
);

-- One row per support: the live content (for a draft, the draft). While a revision is open,
-- the next version's content waits in revision_draft, so search and readers keep seeing the
-- version in force.
CREATE TABLE knowledge_supports (
    id                     uuid PRIMARY KEY,
    slug                   text NOT NULL UNIQUE,
    title                  text NOT NULL,
    summary                text NOT NULL DEFAULT '',
    kind                   text NOT NULL,
    audiences              text[] NOT NULL,
    level                  text NOT NULL,
    owner_organisation_id  text NOT NULL REFERENCES organisations (id),
    programme_area_id      text REFERENCES programme_areas (id),
    status                 text NOT NULL CHECK (status IN ('draft', 'published', 'under_review', 'retired')),
    version                integer NOT NULL DEFAULT 0,
    url                    text NOT NULL DEFAULT '',
    tags                   text[] NOT NULL DEFAULT '{}',
    icd10_codes            text[] NOT NULL DEFAULT '{}',
    published_on           date,
    revised_on             date,
    review_due_on          date,
    revision_note          text NOT NULL DEFAULT '',
    -- kunskapsloop.catalog.v1.KnowledgeSupportDraft, while status = under_review.
    revision_draft         bytea,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    search                 tsvector NOT NULL DEFAULT ''::tsvector,
    fuzzy                  text NOT NULL DEFAULT ''
);

-- array_to_string is not immutable, so the search columns come from a trigger rather than
-- generated columns.
CREATE FUNCTION knowledge_supports_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search := setweight(to_tsvector('swedish', NEW.title), 'A')
        || setweight(to_tsvector('swedish', array_to_string(NEW.tags, ' ')), 'B')
        || setweight(to_tsvector('simple', array_to_string(NEW.icd10_codes, ' ')), 'B')
        || setweight(to_tsvector('swedish', NEW.summary), 'C');
    NEW.fuzzy := lower(NEW.title || ' ' || array_to_string(NEW.tags, ' '));
    RETURN NEW;
END $$;
CREATE TRIGGER knowledge_supports_search BEFORE INSERT OR UPDATE OF title, summary, tags, icd10_codes
    ON knowledge_supports FOR EACH ROW EXECUTE FUNCTION knowledge_supports_search();

CREATE INDEX knowledge_supports_search_idx ON knowledge_supports USING gin (search);
CREATE INDEX knowledge_supports_fuzzy_idx ON knowledge_supports USING gin (fuzzy public.gin_trgm_ops);
CREATE INDEX knowledge_supports_changed ON knowledge_supports (updated_at DESC, id DESC);
CREATE INDEX knowledge_supports_owner ON knowledge_supports (owner_organisation_id);
CREATE INDEX knowledge_supports_review ON knowledge_supports (review_due_on) WHERE status IN ('published', 'under_review');

-- Each published version, frozen as the KnowledgeSupport message it was published as.
CREATE TABLE knowledge_support_versions (
    knowledge_support_id  uuid NOT NULL REFERENCES knowledge_supports (id),
    version               integer NOT NULL,
    snapshot              bytea NOT NULL,
    published_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (knowledge_support_id, version)
);

CREATE TABLE building_blocks (
    knowledge_support_id  uuid NOT NULL REFERENCES knowledge_supports (id),
    block_id              uuid NOT NULL REFERENCES knowledge_supports (id),
    position              integer NOT NULL,
    PRIMARY KEY (knowledge_support_id, block_id),
    CHECK (knowledge_support_id <> block_id)
);
CREATE INDEX building_blocks_block ON building_blocks (block_id);

-- A link is stored once, as stated from its source; readers see it from both ends.
CREATE TABLE links (
    source_id   uuid NOT NULL REFERENCES knowledge_supports (id),
    target_id   uuid NOT NULL REFERENCES knowledge_supports (id),
    relation    text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source_id, target_id),
    CHECK (source_id <> target_id)
);
CREATE UNIQUE INDEX links_pair ON links (LEAST(source_id, target_id), GREATEST(source_id, target_id));
CREATE INDEX links_target ON links (target_id);

-- The latest adoption record per (support, unit).
CREATE TABLE adoptions (
    knowledge_support_id       uuid NOT NULL REFERENCES knowledge_supports (id),
    unit_id                    text NOT NULL REFERENCES organisations (id),
    knowledge_support_version  integer NOT NULL,
    status                     text NOT NULL CHECK (status IN ('adopted', 'planned', 'not_applicable')),
    adopted_on                 date,
    planned_on                 date,
    reason                     text NOT NULL DEFAULT '',
    recorded_by                text NOT NULL DEFAULT '',
    recorded_at                timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (knowledge_support_id, unit_id)
);
CREATE INDEX adoptions_unit ON adoptions (unit_id);

-- One row per review-due event raised: its key makes the event once-only, across restarts and
-- replicas.
CREATE TABLE review_notices (
    knowledge_support_id  uuid NOT NULL REFERENCES knowledge_supports (id),
    review_due_on         date NOT NULL,
    stage                 text NOT NULL CHECK (stage IN ('approaching', 'overdue')),
    noticed_at            timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (knowledge_support_id, review_due_on, stage)
);

-- Replies of state-changing RPCs by request message_id: a redelivered request gets the same
-- answer instead of a second effect.
CREATE TABLE rpc_replies (
    message_id  text PRIMARY KEY,
    method      text NOT NULL,
    response    bytea NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rpc_replies_created_at ON rpc_replies (created_at);
