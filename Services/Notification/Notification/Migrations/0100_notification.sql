-- The notification service's own tables arrive with its issue; the catalog projection's come from
-- the CatalogProjection module (migration 0050) and the kernel's from Storage.
SELECT 1;
