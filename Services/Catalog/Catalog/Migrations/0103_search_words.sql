-- Every word of the catalog's titles, tags and summaries, for spelling correction: a query that
-- matches nothing has its words replaced by their nearest catalog words (trigram similarity)
-- and is searched again, with full-text ranking and highlights. Words are only added.
CREATE TABLE search_words (
    word text PRIMARY KEY
);
CREATE INDEX search_words_trigrams ON search_words USING gin (word public.gin_trgm_ops);

INSERT INTO search_words
SELECT DISTINCT w FROM knowledge_supports k,
    regexp_split_to_table(lower(k.title || ' ' || array_to_string(k.tags, ' ') || ' ' || k.summary), '[^[:alpha:]]+') AS w
WHERE length(w) >= 3
ON CONFLICT DO NOTHING;

CREATE FUNCTION search_words_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' OR OLD.title IS DISTINCT FROM NEW.title OR OLD.summary IS DISTINCT FROM NEW.summary
       OR OLD.tags IS DISTINCT FROM NEW.tags THEN
        EXECUTE format($sql$
            INSERT INTO %I.search_words
            SELECT DISTINCT w FROM regexp_split_to_table(lower($1), '[^[:alpha:]]+') AS w WHERE length(w) >= 3
            ON CONFLICT DO NOTHING
            $sql$, TG_TABLE_SCHEMA)
        USING NEW.title || ' ' || array_to_string(NEW.tags, ' ') || ' ' || NEW.summary;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER search_words_sync AFTER INSERT OR UPDATE ON knowledge_supports
    FOR EACH ROW EXECUTE FUNCTION search_words_sync();
