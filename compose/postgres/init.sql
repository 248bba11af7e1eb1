-- Kunskapsloop database bootstrap, shared by compose (docker-entrypoint-initdb.d via init.sh)
-- and the local stack (scripts/stack.sh). Idempotent: safe to run on every start.
-- Passwords come in as psql variables (-v catalog_password=… etc.); init.sh supplies them.

SELECT 'CREATE DATABASE kunskapsloop'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'kunskapsloop')\gexec

-- Service roles reach only their own database: not the maintenance database, not the template.
REVOKE CONNECT ON DATABASE postgres FROM PUBLIC;
REVOKE CONNECT ON DATABASE template1 FROM PUBLIC;

\connect kunskapsloop

-- Nobody gets anything by default: not the database, not the public schema.
REVOKE ALL ON DATABASE kunskapsloop FROM PUBLIC;
REVOKE ALL ON SCHEMA public FROM PUBLIC;

-- pg_trgm lives in public; service roles may use (not create in) public so similarity() resolves.
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;

-- One role and one schema per service. The role owns its schema and nothing else.
SELECT format('CREATE ROLE %I LOGIN', r) FROM unnest(ARRAY['catalog', 'feedback', 'followup', 'notification']) AS r
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r)\gexec

ALTER ROLE catalog PASSWORD :'catalog_password';
ALTER ROLE feedback PASSWORD :'feedback_password';
ALTER ROLE followup PASSWORD :'followup_password';
ALTER ROLE notification PASSWORD :'notification_password';

SELECT format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', r, r)
FROM unnest(ARRAY['catalog', 'feedback', 'followup', 'notification']) AS r\gexec

SELECT format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', r)
FROM unnest(ARRAY['catalog', 'feedback', 'followup', 'notification']) AS r\gexec

SELECT format('GRANT CONNECT, TEMPORARY ON DATABASE kunskapsloop TO %I', r)
FROM unnest(ARRAY['catalog', 'feedback', 'followup', 'notification']) AS r\gexec

SELECT format('GRANT USAGE ON SCHEMA public TO %I', r)
FROM unnest(ARRAY['catalog', 'feedback', 'followup', 'notification']) AS r\gexec

SELECT format('ALTER ROLE %I IN DATABASE kunskapsloop SET search_path = %I, public', r, r)
FROM unnest(ARRAY['catalog', 'feedback', 'followup', 'notification']) AS r\gexec
