-- Feedback: a projection of the catalog (supports, organisations), the stored items (redacted),
-- submissions waiting for their support, tallies per support and period, and the summaries
-- emitted. Unqualified names land in the service's schema (the migrator sets search_path).

-- Knowledge supports as the catalog's events describe them; the newest state wins.
CREATE TABLE supports (
    id              text PRIMARY KEY,
    slug            text NOT NULL,
    -- Scheme and host lower-cased, trailing '/' stripped; '' when the support has no URL.
    url_normalised  text NOT NULL DEFAULT '',
    version         integer NOT NULL,
    status          text NOT NULL,
    title           text NOT NULL,
    updated_at      timestamptz NOT NULL
);
CREATE INDEX supports_slug ON supports (slug);
CREATE INDEX supports_url ON supports (url_normalised) WHERE url_normalised <> '';

CREATE TABLE organisations (
    id          text PRIMARY KEY,
    name        text NOT NULL,
    updated_at  timestamptz NOT NULL
);

-- One row per stored feedback; text and comment are already redacted.
CREATE TABLE items (
    id                         uuid PRIMARY KEY,
    -- The submission's message_id (or RPC idempotency key): a second copy is never stored.
    message_id                 text NOT NULL UNIQUE,
    knowledge_support_id       text NOT NULL,
    knowledge_support_version  integer NOT NULL,
    respondent_role            text NOT NULL,
    kind                       text NOT NULL,
    helpful                    boolean,
    rating                     smallint,
    answer_text                text,
    comment                    text NOT NULL,
    redaction_count            integer NOT NULL,
    organisation_id            text,
    occurred_at                timestamptz NOT NULL,
    recorded_at                timestamptz NOT NULL DEFAULT now(),
    source_system              text NOT NULL,
    source_app_id              text NOT NULL,
    -- '2026-W07' and '2026-03': sortable as text, so period ranges are BETWEEN.
    week                       text NOT NULL,
    month                      text NOT NULL,
    -- Newest first, with a tie-breaker, for keyset paging.
    seq                        bigserial NOT NULL
);
CREATE INDEX items_support_seq ON items (knowledge_support_id, seq DESC);
CREATE INDEX items_seq ON items (seq DESC);

-- Submissions whose knowledge support is not (yet) in the projection, kept redacted until the
-- catalog event arrives or the deadline passes.
CREATE TABLE pending_submissions (
    message_id       text PRIMARY KEY,
    reference_kind   text NOT NULL CHECK (reference_kind IN ('id', 'slug', 'url')),
    reference_value  text NOT NULL,
    -- The redacted FeedbackSubmitted (protobuf).
    submission       bytea NOT NULL,
    redaction_count  integer NOT NULL,
    source_app_id    text NOT NULL,
    original_type    text NOT NULL,
    traceparent      text,
    received_at      timestamptz NOT NULL DEFAULT now(),
    deadline         timestamptz NOT NULL
);
CREATE INDEX pending_reference ON pending_submissions (reference_kind, reference_value);
CREATE INDEX pending_deadline ON pending_submissions (deadline);

-- Counts per support and period (all organisations). `changes` counts the items added;
-- `emitted_changes` is its value when the last summary went out, so a closed period with
-- changes > emitted_changes is due a (new) summary.
CREATE TABLE tallies (
    knowledge_support_id  text NOT NULL,
    period                text NOT NULL,
    -- Stockholm midnight after the period's last day; closed once ends_at + the grace has passed.
    ends_at               timestamptz NOT NULL,
    total                 integer NOT NULL DEFAULT 0,
    helpful_yes           integer NOT NULL DEFAULT 0,
    helpful_no            integer NOT NULL DEFAULT 0,
    rating_1              integer NOT NULL DEFAULT 0,
    rating_2              integer NOT NULL DEFAULT 0,
    rating_3              integer NOT NULL DEFAULT 0,
    rating_4              integer NOT NULL DEFAULT 0,
    rating_5              integer NOT NULL DEFAULT 0,
    experience            integer NOT NULL DEFAULT 0,
    improvement_suggestion integer NOT NULL DEFAULT 0,
    role_patient          integer NOT NULL DEFAULT 0,
    role_relative         integer NOT NULL DEFAULT 0,
    role_professional     integer NOT NULL DEFAULT 0,
    role_unknown          integer NOT NULL DEFAULT 0,
    changes               bigint NOT NULL DEFAULT 0,
    emitted_changes       bigint NOT NULL DEFAULT 0,
    revision              integer NOT NULL DEFAULT 0,
    PRIMARY KEY (knowledge_support_id, period)
);
CREATE INDEX tallies_due ON tallies (ends_at) WHERE changes > emitted_changes;

-- Each summary revision emitted, written with its outbox row: the key allows it once, whatever
-- the restarts or replicas.
CREATE TABLE summary_emissions (
    knowledge_support_id  text NOT NULL,
    period                text NOT NULL,
    revision              integer NOT NULL,
    emitted_at            timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (knowledge_support_id, period, revision)
);
