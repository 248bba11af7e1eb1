#!/usr/bin/env bash
# Runs compose/postgres/init.sql with the service passwords as psql variables.
# In compose it runs from docker-entrypoint-initdb.d; the local stack calls it with PG* set.
# Passwords default to the role names: fine for a laptop, replace them in any real deployment.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
sql="$here/init.sql"
[ -f "$sql" ] || sql=/docker-entrypoint-initdb.d/init.sql.in
psql -v ON_ERROR_STOP=1 --quiet --no-psqlrc \
    --dbname "${PGDATABASE:-postgres}" \
    -v catalog_password="${CATALOG_DB_PASSWORD:-catalog}" \
    -v feedback_password="${FEEDBACK_DB_PASSWORD:-feedback}" \
    -v followup_password="${FOLLOWUP_DB_PASSWORD:-followup}" \
    -v notification_password="${NOTIFICATION_DB_PASSWORD:-notification}" \
    -f "$sql"
