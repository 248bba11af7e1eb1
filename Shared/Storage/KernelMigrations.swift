extension Migration {
    /// The tables every service needs for exactly-once messaging: the inbox and the outbox.
    /// Versions 1–99 belong to the kernel; a service numbers its own files from 0100.
    public static let kernel: [Migration] = [
        Migration(
            version: 1, name: "kernel_inbox_outbox",
            sql: """
                -- Idempotent consumption: one row per message id already processed.
                CREATE TABLE inbox (
                    message_id  text PRIMARY KEY,
                    queue       text NOT NULL,
                    received_at timestamptz NOT NULL DEFAULT now()
                );
                CREATE INDEX inbox_received_at ON inbox (received_at);

                -- Events committed with the change that caused them; the relay publishes them in id order.
                CREATE TABLE outbox (
                    id              bigserial PRIMARY KEY,
                    message_id      uuid NOT NULL UNIQUE,
                    exchange        text NOT NULL,
                    routing_key     text NOT NULL,
                    type            text NOT NULL,
                    body            bytea NOT NULL,
                    traceparent     text,
                    correlation_id  text,
                    created_at      timestamptz NOT NULL DEFAULT now(),
                    published_at    timestamptz,
                    attempts        integer NOT NULL DEFAULT 0,
                    next_attempt_at timestamptz NOT NULL DEFAULT now(),
                    last_error      text
                );
                CREATE INDEX outbox_pending ON outbox (id) WHERE published_at IS NULL;
                CREATE INDEX outbox_published_at ON outbox (published_at) WHERE published_at IS NOT NULL;

                -- Wake the relay when events commit (NOTIFY is delivered at commit, once per transaction).
                CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify(TG_TABLE_SCHEMA || '_outbox', '');
                    RETURN NULL;
                END $$;
                CREATE TRIGGER outbox_notify AFTER INSERT ON outbox
                    FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
                """),
        Migration(
            version: 2, name: "kernel_inbox_rejections",
            sql: """
                -- Why a message was rejected (NULL when it was processed): a redelivery of a rejected
                -- message, after a crash between commit and the reject, is rejected again, so its copy
                -- still reaches the dead-letter queue, once.
                ALTER TABLE inbox ADD COLUMN rejection text;
                """),
        Migration(
            version: 3, name: "kernel_outbox_delete_on_publish",
            sql: """
                -- A confirmed row is deleted, not marked: marking it wrote a second row version and
                -- three index entries per event, the largest single cost of a busy consumer's
                -- database. What remains in the outbox is what is still to go, in id order.
                DELETE FROM outbox WHERE published_at IS NOT NULL;
                DROP INDEX outbox_pending;
                DROP INDEX outbox_published_at;
                ALTER TABLE outbox DROP COLUMN published_at;
                -- Event ids are random UUIDs made by the service: the unique index only cost a
                -- random insert per event.
                ALTER TABLE outbox DROP CONSTRAINT outbox_message_id_key;
                """),
        Migration(
            version: 4, name: "kernel_outbox_relay_lease",
            sql: """
                -- Which relay publishes the outbox: the holder renews its lease every pass; a standby
                -- takes it once it has expired. A row of the service's own schema, which only its role
                -- can write (an advisory lock, as before, could be taken by any role).
                CREATE TABLE outbox_relay_lease (
                    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
                    holder     uuid,
                    expires_at timestamptz NOT NULL DEFAULT '-infinity'
                );
                INSERT INTO outbox_relay_lease DEFAULT VALUES;
                """),
        Migration(
            version: 5, name: "kernel_outbox_relay_lease_session",
            sql: """
                -- The backend of the holder's listening connection: while that session lives the lease
                -- is held; once it is gone (the process died) a standby takes over at once instead of
                -- waiting for the lease to expire.
                ALTER TABLE outbox_relay_lease ADD COLUMN holder_pid integer;
                """),
        Migration(
            version: 6, name: "kernel_scheduled_ticks_stored_replies",
            sql: """
                -- A scheduled job runs once per tick across replicas: the replica whose insert of the
                -- tick wins runs it.
                CREATE TABLE scheduled_ticks (
                    job        text NOT NULL,
                    tick       bigint NOT NULL,
                    claimed_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (job, tick)
                );

                -- The reply of a state-changing request, stored with its change under the request's
                -- message_id: a redelivered or retried request gets this reply and no second effect.
                -- The row is claimed first (response still NULL), so a copy arriving meanwhile waits on
                -- the key and then finds the reply.
                CREATE TABLE stored_replies (
                    message_id text PRIMARY KEY,
                    method     text NOT NULL,
                    response   bytea,
                    created_at timestamptz NOT NULL DEFAULT now()
                );
                CREATE INDEX stored_replies_created_at ON stored_replies (created_at);
                """),
        Migration(
            version: 7, name: "kernel_brin_time_indexes",
            sql: """
                -- The inbox and the stored replies are read by time only to prune them, and rows arrive in
                -- time order: a BRIN index answers that as well as a B-tree did, while costing nothing
                -- per insert (the B-tree cost an index insert per message taken in).
                DROP INDEX inbox_received_at;
                CREATE INDEX inbox_received_at ON inbox USING brin (received_at);
                DROP INDEX stored_replies_created_at;
                CREATE INDEX stored_replies_created_at ON stored_replies USING brin (created_at);
                """),
        Migration(
            version: 8, name: "kernel_outbox_lz4",
            sql: """
                -- An event listing a batch's items runs to tens of kilobytes; pglz took about 1 ms to
                -- compress 60 KB of it, inside the transaction and under its row locks. lz4 takes a fifth
                -- of that and compresses as well. New rows only; it changes nothing else.
                ALTER TABLE outbox ALTER COLUMN body SET COMPRESSION lz4;
                ALTER TABLE stored_replies ALTER COLUMN response SET COMPRESSION lz4;
                """),
    ]
}
