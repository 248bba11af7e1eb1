-- Ranked postings: for each word (lexeme) of each support, the support's rank for a search of
-- that word alone: exactly ts_rank(search, '<lexeme>'). A one-word search, which most are, then
-- reads its best page off an index in rank order, where it otherwise ranks every match to keep
-- 20 (a word found in a tenth of 50,000 supports: 0.5 ms instead of 8-15). Searches of several
-- words still rank their matches.
--
-- Filters and status stay in search_documents (joined by id), so publishing or retiring does not
-- touch the postings; only a change of the search vector rewrites a support's rows.
CREATE TABLE search_postings (
    lexeme text NOT NULL,
    id     uuid NOT NULL,
    rank   real NOT NULL
);
-- Unique: a support listed twice under one word would show twice on a page.
CREATE UNIQUE INDEX search_postings_ranked ON search_postings (lexeme, rank DESC, id);
CREATE INDEX search_postings_support ON search_postings (id);

-- The lexeme as a tsquery of itself: quoted, with quotes doubled and backslashes escaped, so the
-- query parser takes it as it is.
CREATE FUNCTION search_postings_of(support uuid, vector tsvector) RETURNS TABLE (lexeme text, id uuid, rank real)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT l.lexeme, support,
           ts_rank(vector, ('''' || replace(replace(l.lexeme, '\', '\\'), '''', '''''') || '''')::tsquery)
    FROM unnest(vector) AS l
$$;

-- The schema is taken from the trigger's table, as in search_documents_sync.
CREATE FUNCTION search_postings_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.search = NEW.search THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        EXECUTE format('DELETE FROM %I.search_postings WHERE id = $1', TG_TABLE_SCHEMA) USING NEW.id;
    END IF;
    EXECUTE format('INSERT INTO %I.search_postings (lexeme, id, rank) SELECT * FROM %I.search_postings_of($1, $2)',
                   TG_TABLE_SCHEMA, TG_TABLE_SCHEMA)
        USING NEW.id, NEW.search;
    RETURN NULL;
END $$;
CREATE TRIGGER search_postings_sync AFTER INSERT OR UPDATE OF search ON search_documents
    FOR EACH ROW EXECUTE FUNCTION search_postings_sync();

INSERT INTO search_postings (lexeme, id, rank)
SELECT p.* FROM search_documents d, search_postings_of(d.id, d.search) AS p;
