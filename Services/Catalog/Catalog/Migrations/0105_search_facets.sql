-- The filters as index terms ('k:guideline', 'a:patients', 'o:<owner>', …) in one GIN index. A
-- filtered search combines it with the words' index and reads only the rows that pass both;
-- before, it read every row with the words and dropped most of them (a kind filter kept 2,000
-- of 17,000). Status stays a plain column: nearly every row is live, so as an index term it
-- costs more to intersect than it saves.
CREATE FUNCTION search_facets(kind text, level text, owner text, area text, audiences text[]) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN ARRAY['k:' || kind, 'l:' || level, 'o:' || owner]
        || CASE WHEN area IS NULL THEN '{}'::text[] ELSE ARRAY['p:' || area] END
        || ARRAY(SELECT 'a:' || a FROM unnest(audiences) AS a);

-- Generated, so the sync trigger's upsert keeps it current without knowing of it.
ALTER TABLE search_documents ADD COLUMN facets text[] NOT NULL
    GENERATED ALWAYS AS (search_facets(kind, level, owner_organisation_id, programme_area_id, audiences)) STORED;

CREATE INDEX search_documents_facets ON search_documents USING gin (facets);
