-- The write path of intake, measured under load (pg_stat_statements): every batch updates the
-- same few tally rows and appends items; both paid for indexes that did not earn their keep.

-- Tallies: the partial index over `changes > emitted_changes` named a column every update
-- changes, so no update could be HOT: each one added index entries, and the next upsert walked
-- the growing chain of dead versions. A flag that stays true while a period has news keeps the
-- updates HOT (with room left on the page for the new versions).
ALTER TABLE tallies SET (fillfactor = 50);
ALTER TABLE tallies ADD COLUMN due boolean NOT NULL DEFAULT false;
UPDATE tallies SET due = changes > emitted_changes;
DROP INDEX tallies_due;
CREATE INDEX tallies_due ON tallies (ends_at) WHERE due;

-- Items are read newest first (seq), never by id: the random-UUID primary key cost a random
-- index insert per item, and seq had an index of its own besides.
ALTER TABLE items DROP CONSTRAINT items_pkey;
ALTER TABLE items ADD CONSTRAINT items_pkey PRIMARY KEY (seq);
DROP INDEX items_seq;
