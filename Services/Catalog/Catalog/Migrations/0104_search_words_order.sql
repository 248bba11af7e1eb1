-- New words are inserted in sorted order, so two transactions adding the same new words wait for
-- each other instead of deadlocking.
CREATE OR REPLACE FUNCTION search_words_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' OR OLD.title IS DISTINCT FROM NEW.title OR OLD.summary IS DISTINCT FROM NEW.summary
       OR OLD.tags IS DISTINCT FROM NEW.tags THEN
        EXECUTE format($sql$
            INSERT INTO %I.search_words
            SELECT DISTINCT w FROM regexp_split_to_table(lower($1), '[^[:alpha:]]+') AS w WHERE length(w) >= 3
            ORDER BY w
            ON CONFLICT DO NOTHING
            $sql$, TG_TABLE_SCHEMA)
        USING NEW.title || ' ' || array_to_string(NEW.tags, ' ') || ' ' || NEW.summary;
    END IF;
    RETURN NULL;
END $$;
