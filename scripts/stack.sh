#!/usr/bin/env bash
# The local stack: PostgreSQL 15 and RabbitMQ from Debian's packages as local processes, data and
# logs under .run/, listening on 127.0.0.1 only. Bootstrapped from the same files as compose.
#
#   scripts/stack.sh up       start both (installing missing packages), bootstrap, wait until ready
#   scripts/stack.sh down     stop both by their process ids
#   scripts/stack.sh status   say what runs
#   scripts/stack.sh restart-rabbitmq   stop and start the broker (tests of reconnection)
#   scripts/stack.sh stop-postgres | start-postgres   stop (fast: sessions are ended) or start the
#                                       database alone (tests of reconnection)
#   scripts/stack.sh rabbitmqctl ARGS…  rabbitmqctl with the stack's environment
#
# Ports (override by environment): KL_PG_PORT 5433, KL_AMQP_PORT 5673, KL_AMQPS_PORT 5674,
# KL_MGMT_PORT 15673. TLS (AMQPS and PostgreSQL SSL) uses a CA made on first start: .run/tls/ca.pem.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
run="$root/.run"
pg_port=${KL_PG_PORT:-5433}
amqp_port=${KL_AMQP_PORT:-5673}
amqps_port=${KL_AMQPS_PORT:-5674}
tls_dir="$run/tls"
mgmt_port=${KL_MGMT_PORT:-15673}
dist_port=${KL_DIST_PORT:-25673}
pg_bin=/usr/lib/postgresql/15/bin
rmq_bin=/usr/lib/rabbitmq/bin
pg_data="$run/postgres/data"
pg_log="$run/postgres/postgres.log"
rmq_dir="$run/rabbitmq"
rmq_log_dir="$rmq_dir/log"
rmq_pid="$rmq_dir/rabbitmq.pid"
export PGPASSWORD=${KL_PG_SUPERUSER_PASSWORD:-postgres}

say() { printf 'stack: %s\n' "$*"; }
fail() { printf 'stack: error: %s\n' "$*" >&2; exit 1; }

# Every RabbitMQ server and CLI call needs the same environment (see shared/NOTES.md):
# the Debian wrappers in /usr/sbin switch user and HOME, so we call the scripts directly.
rmq_env() {
    export HOME="$rmq_dir/home"
    export RABBITMQ_NODENAME=kl@localhost
    export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
    export RABBITMQ_NODE_PORT="$amqp_port"
    export RABBITMQ_DIST_PORT="$dist_port"
    export RABBITMQ_CONF_ENV_FILE="$rmq_dir/rabbitmq-env.conf"
    export RABBITMQ_CONFIG_FILE="$rmq_dir/rabbitmq.conf"
    export RABBITMQ_ENABLED_PLUGINS_FILE="$rmq_dir/enabled_plugins"
    export RABBITMQ_MNESIA_BASE="$rmq_dir/mnesia"
    export RABBITMQ_LOG_BASE="$rmq_log_dir"
    export RABBITMQ_PID_FILE="$rmq_pid"
    export ERL_EPMD_ADDRESS=127.0.0.1
    export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS='-kernel inet_dist_use_interface {127,0,0,1}'
}

install_missing() {
    local missing=()
    [ -x "$pg_bin/initdb" ] || missing+=(postgresql)
    [ -x "$rmq_bin/rabbitmq-server" ] || missing+=(rabbitmq-server)
    command -v curl >/dev/null || missing+=(curl)
    command -v openssl >/dev/null || missing+=(openssl)
    if [ ${#missing[@]} -gt 0 ]; then
        say "installing ${missing[*]}"
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
            || fail "apt-get install ${missing[*]} failed"
    fi
}

# max_connections on the command line so existing clusters get it too: the test suite runs every
# suite at once, each with a service's pool, listener and relay (200 ran out in CI).
pg_start() {
    su postgres -c "$pg_bin/pg_ctl -D '$pg_data' -o '-c max_connections=800' -l '$pg_log' -w -t 60 start" >/dev/null \
        || fail "postgres did not start; see $pg_log"
}
pg_running() { [ -f "$pg_data/postmaster.pid" ] && su postgres -c "$pg_bin/pg_ctl -D '$pg_data' status" >/dev/null 2>&1; }
rmq_running() { [ -f "$rmq_pid" ] && kill -0 "$(cat "$rmq_pid")" 2>/dev/null; }

# PostgreSQL refuses to run as root; its user must be able to reach .run/ through every parent.
grant_traverse() {
    local dir="$run"
    while [ "$dir" != "/" ]; do
        if ! su postgres -s /bin/sh -c "test -x '$dir'" 2>/dev/null; then
            say "letting the postgres user traverse $dir (o+x)"
            chmod o+x "$dir"
        fi
        dir=$(dirname "$dir")
    done
}

# A local CA and a server certificate for localhost / 127.0.0.1, made once.
make_tls() {
    [ -f "$tls_dir/server.pem" ] && return
    say "making a local CA and server certificate in $tls_dir"
    mkdir -p "$tls_dir"
    (
        cd "$tls_dir"
        openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=Kunskapsloop local CA" -keyout ca.key -out ca.pem
        openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout server.key -out server.csr
        printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > san.ext
        openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 3650 -extfile san.ext -out server.pem
    ) > "$tls_dir/openssl.log" 2>&1 || fail "could not make certificates; see $tls_dir/openssl.log"
    chmod 644 "$tls_dir"/*.pem "$tls_dir/server.key"
}

pg_up() {
    if pg_running; then say "postgres already running on 127.0.0.1:$pg_port"; return; fi
    mkdir -p "$run/postgres"
    chown postgres:postgres "$run/postgres"
    grant_traverse
    if [ ! -f "$pg_data/PG_VERSION" ]; then
        say "initialising postgres cluster in $pg_data"
        local pwfile="$run/postgres/.pw"
        printf '%s\n' "$PGPASSWORD" > "$pwfile"
        chown postgres:postgres "$pwfile"
        su postgres -c "$pg_bin/initdb -D '$pg_data' -U postgres --auth=scram-sha-256 --pwfile='$pwfile' -E UTF8 --locale=C.UTF-8" \
            > "$run/postgres/initdb.log" 2>&1 || fail "initdb failed; see $run/postgres/initdb.log"
        rm -f "$pwfile"
        cat >> "$pg_data/postgresql.conf" <<EOF

# Kunskapsloop local stack: loopback only, our own port, no unix socket (path-length and
# permission trouble in deep checkouts); durability settings stay at their defaults.
listen_addresses = '127.0.0.1'
port = $pg_port
unix_socket_directories = ''
ssl = on
ssl_cert_file = 'server.pem'
ssl_key_file = 'server.key'
EOF
        # PostgreSQL wants its key owned by itself and private.
        cp "$tls_dir/server.pem" "$tls_dir/server.key" "$pg_data/"
        chown postgres:postgres "$pg_data/server.pem" "$pg_data/server.key"
        chmod 600 "$pg_data/server.key"
    fi
    say "starting postgres on 127.0.0.1:$pg_port"
    pg_start
    PGHOST=127.0.0.1 PGPORT=$pg_port PGUSER=postgres "$root/compose/postgres/init.sh" \
        > "$run/postgres/bootstrap.log" 2>&1 || fail "postgres bootstrap failed; see $run/postgres/bootstrap.log"
}

rmq_up() {
    rmq_env
    if rmq_running; then say "rabbitmq already running on 127.0.0.1:$amqp_port"; return; fi
    mkdir -p "$HOME" "$rmq_log_dir" "$RABBITMQ_MNESIA_BASE"
    : > "$RABBITMQ_CONF_ENV_FILE"
    cp "$root/compose/rabbitmq/enabled_plugins" "$RABBITMQ_ENABLED_PLUGINS_FILE"
    cat > "$RABBITMQ_CONFIG_FILE" <<EOF
# Written by scripts/stack.sh from compose/rabbitmq/rabbitmq.conf with local ports.
listeners.tcp.default = 127.0.0.1:$amqp_port
listeners.ssl.default = 127.0.0.1:$amqps_port
ssl_options.cacertfile = $tls_dir/ca.pem
ssl_options.certfile = $tls_dir/server.pem
ssl_options.keyfile = $tls_dir/server.key
ssl_options.verify = verify_none
ssl_options.fail_if_no_peer_cert = false
management.tcp.ip = 127.0.0.1
management.tcp.port = $mgmt_port
management.load_definitions = $root/compose/rabbitmq/definitions.json
prometheus.tcp.ip = 127.0.0.1
prometheus.tcp.port = $((mgmt_port + 1))
default_vhost = kunskapsloop
EOF
    say "starting rabbitmq on 127.0.0.1:$amqp_port (management :$mgmt_port)"
    setsid nohup "$rmq_bin/rabbitmq-server" > "$rmq_log_dir/server.out" 2>&1 < /dev/null &
    # The pid file appears once the node has booted far enough for `wait` to watch it.
    for _ in $(seq 1 100); do [ -f "$rmq_pid" ] && break; sleep 0.2; done
    [ -f "$rmq_pid" ] || fail "rabbitmq wrote no pid file; see $rmq_log_dir/server.out"
    "$rmq_bin/rabbitmqctl" wait --timeout 90 "$rmq_pid" > "$rmq_log_dir/wait.out" 2>&1 \
        || fail "rabbitmq did not come up; see $rmq_log_dir/ (server.out, kl@localhost.log)"
    # Definitions load at boot; the management API answering for our vhost means they are in.
    for _ in $(seq 1 50); do
        curl -fsS -u admin:admin "http://127.0.0.1:$mgmt_port/api/vhosts/kunskapsloop" >/dev/null 2>&1 && return
        sleep 0.2
    done
    fail "rabbitmq runs but vhost kunskapsloop is missing; see $rmq_log_dir/"
}

# An exchange whose type changed in the definitions (kl.inbound became direct) keeps its old type
# on a broker that has it already: loading definitions never redeclares. Such an exchange is
# deleted and the definitions loaded again, which also restores the suite's bindings to it.
rmq_upgrade_exchanges() {
    python3 - "http://127.0.0.1:$mgmt_port/api" "$root/compose/rabbitmq/definitions.json" <<'PY' || fail "could not bring rabbitmq's exchanges up to date"
import base64, json, sys, urllib.parse, urllib.request
api, path = sys.argv[1], sys.argv[2]
auth = "Basic " + base64.b64encode(b"admin:admin").decode()
def call(method, url, body=None):
    req = urllib.request.Request(api + url, method=method, data=body, headers={"Authorization": auth, "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r: return json.loads(r.read() or "null")
definitions = open(path, "rb").read()
changed = []
for x in json.loads(definitions)["exchanges"]:
    url = f"/exchanges/{urllib.parse.quote(x['vhost'], safe='')}/{urllib.parse.quote(x['name'], safe='')}"
    if call("GET", url)["type"] != x["type"]:
        call("DELETE", url)
        changed.append(f"{x['name']} ({x['type']})")
if changed:
    call("POST", "/definitions", definitions)
    print("stack: exchanges redeclared with their new type: " + ", ".join(changed))
PY
}

pg_down() {
    if pg_running; then
        say "stopping postgres"
        su postgres -c "$pg_bin/pg_ctl -D '$pg_data' -m fast -w stop" >/dev/null || fail "postgres did not stop; see $pg_log"
    else
        say "postgres not running"
    fi
}

rmq_down() {
    rmq_env
    if rmq_running; then
        say "stopping rabbitmq"
        "$rmq_bin/rabbitmqctl" stop "$rmq_pid" >/dev/null 2>&1 || kill "$(cat "$rmq_pid")" 2>/dev/null || true
    else
        say "rabbitmq not running"
    fi
    rm -f "$rmq_pid"
    # epmd is started by the node and outlives it; stop ours (bound to loopback) by its pid.
    local epmd
    epmd=$(pgrep -x epmd || true)
    [ -n "$epmd" ] && kill $epmd 2>/dev/null || true
}

status() {
    local rc=0
    if pg_running; then say "postgres: running on 127.0.0.1:$pg_port (data $pg_data)"; else say "postgres: stopped"; rc=1; fi
    if rmq_running; then say "rabbitmq: running on 127.0.0.1:$amqp_port, management http://127.0.0.1:$mgmt_port (pid $(cat "$rmq_pid"))"
    else say "rabbitmq: stopped"; rc=1; fi
    return $rc
}

case "${1:-}" in
    up)
        [ "$(id -u)" = 0 ] || fail "run as root (it installs packages and starts postgres as its own user)"
        if pg_running && rmq_running; then rmq_upgrade_exchanges; say "already up"; status; exit 0; fi
        install_missing
        make_tls
        pg_up
        rmq_up
        rmq_upgrade_exchanges
        say "up: postgres 127.0.0.1:$pg_port (ssl), amqp 127.0.0.1:$amqp_port, amqps 127.0.0.1:$amqps_port, management http://127.0.0.1:$mgmt_port"
        ;;
    down) rmq_down; pg_down ;;
    restart-rabbitmq)
        rmq_env
        "$rmq_bin/rabbitmqctl" stop "$rmq_pid" >/dev/null 2>&1 || fail "rabbitmq did not stop"
        rm -f "$rmq_pid"
        rmq_up
        rmq_upgrade_exchanges
        ;;
    stop-postgres) pg_down ;;
    start-postgres)
        pg_running && { say "postgres already running"; exit 0; }
        pg_start
        ;;
    rabbitmqctl) shift; rmq_env; exec "$rmq_bin/rabbitmqctl" "$@" ;;
    status) status ;;
    *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
