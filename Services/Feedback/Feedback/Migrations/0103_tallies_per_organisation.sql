-- Counts per organisation as well as for all: follow-up follows up a unit's patients' answers on
-- a knowledge support like any other result of that unit, so each organisation named in feedback
-- gets its own tallies and summaries. '' is all organisations (every item counts there too).
ALTER TABLE tallies ADD COLUMN organisation_id text NOT NULL DEFAULT '';
ALTER TABLE tallies DROP CONSTRAINT tallies_pkey;
ALTER TABLE tallies ADD PRIMARY KEY (knowledge_support_id, organisation_id, period);

ALTER TABLE summary_emissions ADD COLUMN organisation_id text NOT NULL DEFAULT '';
ALTER TABLE summary_emissions DROP CONSTRAINT summary_emissions_pkey;
ALTER TABLE summary_emissions ADD PRIMARY KEY (knowledge_support_id, organisation_id, period, revision);
