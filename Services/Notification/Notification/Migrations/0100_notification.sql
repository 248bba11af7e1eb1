-- The notification service's own tables; the catalog projection's come from the CatalogProjection
-- module (migration 0050) and the kernel's (inbox, outbox, scheduled ticks, stored replies) from Storage.

-- Leaders and what they subscribe to. The webhook secret is write-only through the RPCs.
CREATE TABLE recipients (
    id                         text PRIMARY KEY,
    name                       text NOT NULL,
    email                      text NOT NULL,
    role                       text NOT NULL,
    role_title                 text NOT NULL DEFAULT '',
    -- NULL: the whole tree.
    scope_organisation_id      text,
    scope_exclude_descendants  boolean NOT NULL DEFAULT false,
    programme_area_ids         text[] NOT NULL DEFAULT '{}',
    event_kinds                text[] NOT NULL DEFAULT '{}',
    minimum_severity           integer NOT NULL DEFAULT 1,
    direction_filter           text NOT NULL DEFAULT 'deteriorations',
    source_app_ids             text[] NOT NULL DEFAULT '{}',
    channels                   text[] NOT NULL,
    webhook_url                text,
    webhook_secret             text,
    -- NULL: immediate; else the Stockholm hour of the daily digest.
    digest_hour                integer,
    language                   text NOT NULL DEFAULT 'sv',
    active                     boolean NOT NULL DEFAULT true,
    -- The secret part of the recipient's List-Unsubscribe link.
    unsubscribe_token          text NOT NULL UNIQUE,
    created_at                 timestamptz NOT NULL DEFAULT now(),
    updated_at                 timestamptz NOT NULL DEFAULT now(),
    updated_by                 text NOT NULL DEFAULT ''
);
-- One active recipient per address: an overdue step's responsible leader is found by it.
CREATE UNIQUE INDEX recipients_active_email ON recipients (lower(email)) WHERE active;
CREATE INDEX recipients_name ON recipients (name, id);

-- Each event routed, once, with what a message about it says (the notice, in both languages).
CREATE TABLE notified_events (
    source_message_id  text PRIMARY KEY,
    kind               text NOT NULL,
    subject_id         text NOT NULL,
    severity           integer NOT NULL,
    organisation_id    text,
    notice             jsonb NOT NULL,
    occurred_at        timestamptz NOT NULL,
    received_at        timestamptz NOT NULL DEFAULT now()
);

-- One delivery per event × recipient × channel: the unique key makes a second one impossible,
-- whatever the redeliveries, restarts or replicas. Deliveries sent together share dispatch_id.
CREATE TABLE deliveries (
    id                 uuid PRIMARY KEY,
    recipient_id       text NOT NULL REFERENCES recipients (id),
    channel            text NOT NULL,
    source_message_id  text NOT NULL REFERENCES notified_events (source_message_id),
    kind               text NOT NULL,
    subject_id         text NOT NULL,
    -- pending → sending → delivered | failed; or suppressed.
    status             text NOT NULL DEFAULT 'pending',
    attempts           integer NOT NULL DEFAULT 0,
    last_error         text NOT NULL DEFAULT '',
    dispatch_id        uuid,
    subject            text NOT NULL DEFAULT '',
    created_at         timestamptz NOT NULL,
    -- When it is due: the end of the coalescing window, the digest hour, or the next retry.
    scheduled_for      timestamptz NOT NULL,
    -- While sending: when a sender that died is given up and the delivery taken again.
    lease_until        timestamptz,
    delivered_at       timestamptz,
    failed_at          timestamptz,
    suppressed_reason  text NOT NULL DEFAULT '',
    -- Newest first in lists, stable under equal times.
    seq                bigserial NOT NULL,
    UNIQUE (source_message_id, recipient_id, channel)
);
CREATE INDEX deliveries_due ON deliveries (scheduled_for) WHERE status = 'pending';
CREATE INDEX deliveries_open ON deliveries (recipient_id, channel) WHERE status IN ('pending', 'sending');
CREATE INDEX deliveries_sending ON deliveries (lease_until) WHERE status = 'sending';
CREATE INDEX deliveries_recipient ON deliveries (recipient_id, seq);
CREATE INDEX deliveries_subject ON deliveries (subject_id);
CREATE INDEX deliveries_dispatch ON deliveries (dispatch_id);
CREATE INDEX deliveries_seq ON deliveries (seq);

-- A signal's e-mails thread under its first one, per recipient.
CREATE TABLE email_threads (
    recipient_id  text NOT NULL,
    subject_id    text NOT NULL,
    message_id    text NOT NULL,
    PRIMARY KEY (recipient_id, subject_id)
);

-- The in-app inbox: one item per dispatch on the in-app channel.
CREATE TABLE inbox_items (
    id            uuid PRIMARY KEY,
    recipient_id  text NOT NULL REFERENCES recipients (id),
    subject       text NOT NULL,
    body          text NOT NULL,
    link          text NOT NULL,
    severity      integer NOT NULL,
    notices       jsonb NOT NULL,
    created_at    timestamptz NOT NULL,
    read_at       timestamptz,
    seq           bigserial NOT NULL
);
CREATE INDEX inbox_items_recipient ON inbox_items (recipient_id, (read_at IS NOT NULL), seq DESC);

-- Events about an organisation the projection does not know yet: routed when it arrives, or
-- after the deadline by the ancestors the event itself carries (and reported).
CREATE TABLE held_events (
    source_message_id  text PRIMARY KEY,
    organisation_id    text NOT NULL,
    type               text NOT NULL,
    app_id             text NOT NULL DEFAULT '',
    body               bytea NOT NULL,
    received_at        timestamptz NOT NULL DEFAULT now(),
    deadline           timestamptz NOT NULL
);
CREATE INDEX held_events_organisation ON held_events (organisation_id);
CREATE INDEX held_events_deadline ON held_events (deadline);

-- Wake the dispatchers when deliveries are created (NOTIFY is delivered at commit, once per
-- transaction), so a delivery due at once goes out without waiting for the next poll.
CREATE FUNCTION deliveries_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify(TG_TABLE_SCHEMA || '_deliveries', '');
    RETURN NULL;
END $$;
CREATE TRIGGER deliveries_notify AFTER INSERT ON deliveries
    FOR EACH STATEMENT EXECUTE FUNCTION deliveries_notify();
