-- The follow-up service: indicators and their decisions, measurements with their revisions,
-- the analysed series, signals, and improvement self-assessments. The catalog projection's tables
-- (catalog_*) come from the CatalogProjection module (0050), the kernel's from Storage.

-- Indicators. latest_ordinal is the indicator's latest period with a value anywhere: every
-- series' period grid ends there.
CREATE TABLE indicators (
    code                  text PRIMARY KEY,
    name                  text NOT NULL,
    definition            text NOT NULL DEFAULT '',
    programme_area_id     text,
    knowledge_support_id  text,
    value_type            text NOT NULL,
    rate_multiplier       integer NOT NULL DEFAULT 0,
    unit_label            text NOT NULL DEFAULT '',
    direction_of_good     text NOT NULL,
    target                double precision,
    granularity           text NOT NULL,
    chart_type            text NOT NULL,
    rule_set              text NOT NULL,
    strata                jsonb NOT NULL DEFAULT '[]',
    source_kind           text NOT NULL,
    source_name           text NOT NULL DEFAULT '',
    built_in              boolean NOT NULL DEFAULT false,
    active                boolean NOT NULL DEFAULT true,
    latest_ordinal        integer,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    updated_by            text NOT NULL DEFAULT ''
);
CREATE INDEX indicators_area ON indicators (programme_area_id);
CREATE INDEX indicators_support ON indicators (knowledge_support_id);

-- Phase breaks, baselines and withdrawals: append-only (a withdrawal marks what it withdrew).
CREATE TABLE decisions (
    seq                       bigserial UNIQUE,
    id                        uuid PRIMARY KEY,
    indicator_code            text NOT NULL REFERENCES indicators (code),
    kind                      text NOT NULL,
    organisation_id           text,
    period_ordinal            integer,
    baseline_length           integer NOT NULL DEFAULT 0,
    withdrawn_decision_id     uuid,
    reason                    text NOT NULL,
    label                     text NOT NULL DEFAULT '',
    author                    text NOT NULL,
    decided_at                timestamptz NOT NULL,
    withdrawn_by_decision_id  uuid
);
CREATE INDEX decisions_indicator ON decisions (indicator_code, seq);

-- One value per indicator × organisation × stratum ('' = total, 'kon:kvinnor') × period (the
-- ordinal of the indicator's granularity). A re-sent value replaces the row; the trigger below
-- keeps the replaced one in measurement_revisions.
CREATE TABLE measurements (
    indicator_code   text NOT NULL,
    organisation_id  text NOT NULL,
    stratum          text NOT NULL,
    period_ordinal   integer NOT NULL,
    numerator        double precision NOT NULL,
    denominator      double precision,
    note             text NOT NULL DEFAULT '',
    revision         integer NOT NULL DEFAULT 1,
    reported_by      text NOT NULL,
    reported_at      timestamptz NOT NULL,
    batch_id         text NOT NULL DEFAULT '',
    -- For values computed from feedback summaries: the summary's revision (older ones are ignored).
    source_revision  integer NOT NULL DEFAULT 0,
    PRIMARY KEY (indicator_code, organisation_id, stratum, period_ordinal)
);

CREATE TABLE measurement_revisions (
    indicator_code   text NOT NULL,
    organisation_id  text NOT NULL,
    stratum          text NOT NULL,
    period_ordinal   integer NOT NULL,
    revision         integer NOT NULL,
    numerator        double precision NOT NULL,
    denominator      double precision,
    note             text NOT NULL,
    reported_by      text NOT NULL,
    reported_at      timestamptz NOT NULL,
    batch_id         text NOT NULL,
    replaced_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (indicator_code, organisation_id, stratum, period_ordinal, revision)
);

CREATE FUNCTION measurements_keep_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO measurement_revisions (indicator_code, organisation_id, stratum, period_ordinal, revision, numerator,
                                       denominator, note, reported_by, reported_at, batch_id)
    VALUES (OLD.indicator_code, OLD.organisation_id, OLD.stratum, OLD.period_ordinal, OLD.revision, OLD.numerator,
            OLD.denominator, OLD.note, OLD.reported_by, OLD.reported_at, OLD.batch_id);
    RETURN NEW;
END $$;
CREATE TRIGGER measurements_keep_revision BEFORE UPDATE ON measurements
    FOR EACH ROW EXECUTE FUNCTION measurements_keep_revision();

-- Every batch taken, by its id: a repeated batch_id has no second effect.
CREATE TABLE batches (
    batch_id        text PRIMARY KEY,
    source_system   text NOT NULL,
    message_id      text NOT NULL DEFAULT '',
    received_at     timestamptz NOT NULL,
    row_count       integer NOT NULL,
    accepted_count  integer NOT NULL
);

-- The analysed series: indicator × organisation × population ('' total, 'kon:kvinnor' a stratum,
-- 'kon:kvinnor/man' an equity gap). points holds the period grid from first_ordinal on, packed
-- (reported or aggregated values with their contributors); the analysis is recomputed from it on
-- read. fingerprint tells whether a re-analysis changed anything (revision moves only then).
CREATE TABLE series (
    indicator_code     text NOT NULL,
    organisation_id    text NOT NULL,
    population         text NOT NULL,
    first_ordinal      integer NOT NULL,
    points             bytea NOT NULL,
    fingerprint        bigint NOT NULL,
    revision           bigint NOT NULL,
    analysed_at        timestamptz NOT NULL,
    rule_set_version   text NOT NULL,
    status             text NOT NULL,
    status_side        text NOT NULL DEFAULT 'none',
    target_assessment  text,
    reading            text NOT NULL,
    latest_value       double precision,
    latest_ordinal     integer,
    PRIMARY KEY (indicator_code, organisation_id, population)
);
CREATE INDEX series_organisation ON series (organisation_id);

-- Signals by identity (indicator × organisation × population × rule × onset).
CREATE TABLE signals (
    id                    uuid PRIMARY KEY,
    indicator_code        text NOT NULL,
    organisation_id       text NOT NULL,
    population            text NOT NULL,
    rule                  text NOT NULL,
    onset_ordinal         integer NOT NULL,
    side                  text NOT NULL,
    direction             text NOT NULL,
    severity              smallint NOT NULL,
    phase                 integer NOT NULL,
    periods               integer[] NOT NULL,
    status                text NOT NULL,
    close_reason          text,
    comparison_parent_id  text,
    rule_set              text NOT NULL,
    rule_set_version      text NOT NULL,
    reading               text NOT NULL,
    close_reading         text NOT NULL DEFAULT '',
    raised_at             timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    closed_at             timestamptz,
    history               jsonb NOT NULL DEFAULT '[]',
    UNIQUE (indicator_code, organisation_id, population, rule, onset_ordinal)
);
CREATE INDEX signals_organisation ON signals (organisation_id);
CREATE INDEX signals_changed ON signals (updated_at DESC);

-- Improvement self-assessments and their statements (the template's three columns).
CREATE TABLE assessments (
    id               uuid PRIMARY KEY,
    seq              bigserial UNIQUE,
    template_id      text NOT NULL,
    template_title   text NOT NULL,
    organisation_id  text NOT NULL,
    title            text NOT NULL,
    created_by       text NOT NULL,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL
);
CREATE INDEX assessments_organisation ON assessments (organisation_id);

CREATE TABLE assessment_statements (
    assessment_id         uuid NOT NULL REFERENCES assessments (id),
    position              integer NOT NULL,
    statement_id          text NOT NULL,
    text                  text NOT NULL,
    current_state         text NOT NULL DEFAULT '',
    desired_state         text NOT NULL DEFAULT '',
    next_action           text,
    responsible_email     text,
    responsible_name      text NOT NULL DEFAULT '',
    due_on                date,
    step_status           text,
    completed_at          timestamptz,
    completed_by          text NOT NULL DEFAULT '',
    overdue_notified_at   timestamptz,
    -- The due date the overdue notice was sent for: a new due date can make the step overdue again.
    overdue_notified_due  date,
    updated_by            text NOT NULL DEFAULT '',
    updated_at            timestamptz,
    PRIMARY KEY (assessment_id, statement_id)
);
CREATE INDEX assessment_statements_due ON assessment_statements (due_on) WHERE step_status = 'open';
CREATE INDEX assessment_statements_responsible ON assessment_statements (lower(responsible_email));
