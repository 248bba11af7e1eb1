-- Counting the supports that match filters without words reads this narrow index alone
-- (an index-only scan) instead of every wide row with its search vector.
CREATE INDEX knowledge_supports_filters ON knowledge_supports (status)
    INCLUDE (kind, level, owner_organisation_id, programme_area_id, audiences);
