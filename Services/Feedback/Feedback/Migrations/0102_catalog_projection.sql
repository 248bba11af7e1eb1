-- The service's copy of the catalog moves to the shared CatalogProjection tables (catalog_*,
-- migration 0050), which follow-up and notification keep the same way. The old tables lacked
-- what the new ones hold (kind, level, owner; organisations' place in the tree), so they are not
-- copied: after upgrading, `kl catalog announce` has the catalog describe itself again.
DROP TABLE supports;
DROP TABLE organisations;
