#!/usr/bin/env bash
# A local cluster in one command, loopback only (issue 9, first slice): a PostgreSQL primary and a streaming
# standby that every commit waits for (synchronous_standby_names, synchronous_commit = on, a replication slot),
# HAProxy in front of them sending database connections to whichever node is the primary (an external check on
# pg_is_in_recovery()), two todo-api instances, and HAProxy in front of those for HTTP, health-checked on /ready.
# Prints the URLs, and stops everything it started on Ctrl-C (or SIGTERM).
#   scripts/cluster.sh                      # serve until Ctrl-C
#   scripts/cluster.sh --up                 # start, print the URLs, and leave it running (stop: scripts/cluster.sh --down)
#   scripts/cluster.sh --down               # stop a cluster started with --up
# CLUSTER_DB picks the instances' way to the database:
#   haproxy (default)  through the database load balancer;
#   direct             a multi-host DATABASE_URL (both nodes, target_session_attrs=read-write: libpq finds the primary
#                      itself);
#   pgbouncer          through PgBouncer in transaction pooling, itself on the database load balancer; the instances
#                      run with DB_STATEMENTS=unnamed (PgBouncer 1.18 keeps no named prepared statement there).
# TODO_API_BIN names the server binary (default: release, built when missing). CLUSTER_DIR (default
# /tmp/todo-api-cluster) holds the data and logs; CLUSTER_PORT_BASE (default 18000) the ports:
#   +0 HTTP load balancer, +1/+2 the instances, +10 database load balancer, +11 primary, +12 standby, +13 PgBouncer,
#   +20 HAProxy stats.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
REQUIRED_PACKAGES+=(haproxy pgbouncer)
ensure_packages

DIR=${CLUSTER_DIR:-/tmp/todo-api-cluster}
BASE=${CLUSTER_PORT_BASE:-18000}
HTTP_PORT=$BASE; API1=$((BASE + 1)); API2=$((BASE + 2))
DB_PORT=$((BASE + 10)); PRIMARY=$((BASE + 11)); STANDBY=$((BASE + 12)); BOUNCER=$((BASE + 13)); STATS=$((BASE + 20))
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
RUNAS=()
[ "$(id -u)" -ne 0 ] || RUNAS=(runuser -u postgres --)
JWT_SECRET=${JWT_SECRET:-cluster-secret-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')}

pg() { "${RUNAS[@]}" "$@"; }

down() {
  [ -d "$DIR" ] || return 0
  local pids=()
  for pidfile in "$DIR"/run/*.pid "$DIR"/pgbouncer/*.pid; do
    [ -e "$pidfile" ] || continue
    pids+=("$(cat "$pidfile")")
    kill -TERM "${pids[-1]}" 2>/dev/null || true
  done
  # Wait for them to be gone (their ports free) before anything is started again; kill what lingers.
  for _ in $(seq 100); do
    local alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ $alive -eq 0 ] && break
    sleep 0.1
  done
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  for node in primary standby; do
    [ -f "$DIR/$node/postmaster.pid" ] && pg "$PGBIN/pg_ctl" -D "$DIR/$node" -m fast -w stop >/dev/null 2>&1 || true
  done
  rm -f "$DIR"/run/*.pid "$DIR"/pgbouncer/*.pid
}

if [ "${1:-}" = "--down" ]; then down; echo "cluster stopped"; exit 0; fi
MODE=${1:-foreground}

TODO_API_BIN=${TODO_API_BIN:-}
if [ -z "$TODO_API_BIN" ]; then
  swift build -c release --product todo-api >&2
  TODO_API_BIN="$(swift build -c release --show-bin-path)/todo-api"
fi

down
rm -rf "$DIR"
mkdir -p "$DIR/run" "$DIR/log"
chmod 755 "$DIR"
[ ${#RUNAS[@]} -eq 0 ] || chown postgres:postgres "$DIR" "$DIR/log"

# --- PostgreSQL: the primary, then a standby cloned from it --------------------------------------------------------
pg "$PGBIN/initdb" -D "$DIR/primary" -U todo --auth=trust --no-locale -E UTF8 >/dev/null
cat >>"$DIR/primary/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PRIMARY
unix_socket_directories = '$DIR'
wal_level = replica
max_wal_senders = 5
max_replication_slots = 5
hot_standby = on
synchronous_standby_names = 'standby1'
synchronous_commit = on
max_connections = 200
EOF
echo "host replication todo 127.0.0.1/32 trust" >>"$DIR/primary/pg_hba.conf"
pg "$PGBIN/pg_ctl" -D "$DIR/primary" -l "$DIR/log/primary.log" -w start >/dev/null
psql "host=127.0.0.1 port=$PRIMARY user=todo dbname=postgres" -qAtc "select pg_create_physical_replication_slot('standby1')" >/dev/null
pg "$PGBIN/pg_basebackup" -d "host=127.0.0.1 port=$PRIMARY user=todo application_name=standby1" -D "$DIR/standby" -R -S standby1 -X stream >/dev/null
# Promoted, the standby has no standby of its own: it must not wait for one (the copied primary settings would make
# every commit after a failover hang). It commits alone until a new standby is attached.
cat >>"$DIR/standby/postgresql.conf" <<EOF
port = $STANDBY
synchronous_standby_names = ''
EOF
pg "$PGBIN/pg_ctl" -D "$DIR/standby" -l "$DIR/log/standby.log" -w start >/dev/null
for _ in $(seq 100); do
  state=$(psql "host=127.0.0.1 port=$PRIMARY user=todo dbname=postgres" -qAtc "select sync_state from pg_stat_replication where application_name = 'standby1'" 2>/dev/null || true)
  [ "$state" = sync ] && break
  sleep 0.1
done
[ "$state" = sync ] || { echo "cluster.sh: the standby did not become synchronous (state '$state'); see $DIR/log" >&2; exit 1; }
# On the role, not per session: PgBouncer in transaction pooling keeps no session setting (the instances set it per
# connection otherwise). Committed once the standby is there to confirm it, and replicated to it.
psql "host=127.0.0.1 port=$PRIMARY user=todo dbname=postgres" -qAtc "alter role todo set statement_timeout = '5s'" >/dev/null

# --- HAProxy: database connections to the primary, HTTP to the ready instances --------------------------------------
cat >"$DIR/pg-is-primary.sh" <<'EOF'
#!/bin/sh
# HAProxy external check: exit 0 when the node at $HAPROXY_SERVER_ADDR:$HAPROXY_SERVER_PORT is a primary.
[ "$(psql "host=$HAPROXY_SERVER_ADDR port=$HAPROXY_SERVER_PORT user=todo dbname=postgres connect_timeout=1" -qAtc 'select pg_is_in_recovery()' 2>/dev/null)" = f ]
EOF
chmod 755 "$DIR/pg-is-primary.sh"
cat >"$DIR/haproxy.cfg" <<EOF
global
    insecure-fork-wanted
    stats socket $DIR/run/haproxy.sock mode 600 level admin
    external-check
    maxconn 4096
    log stdout format raw local0
defaults
    log global
    timeout connect 2s
    timeout client 1h
    timeout server 1h
    timeout check 2s
listen postgres
    mode tcp
    bind 127.0.0.1:$DB_PORT
    option external-check
    external-check path "/usr/bin:/bin"
    external-check command $DIR/pg-is-primary.sh
    default-server inter 500ms fall 2 rise 1 on-marked-down shutdown-sessions
    server primary 127.0.0.1:$PRIMARY check
    server standby 127.0.0.1:$STANDBY check
listen http
    mode http
    bind 127.0.0.1:$HTTP_PORT
    timeout client 60s
    timeout server 60s
    option httplog
    option httpchk GET /ready
    http-check expect status 200
    retry-on conn-failure empty-response response-timeout
    retries 2
    option redispatch
    default-server inter 500ms fall 2 rise 1
    server api1 127.0.0.1:$API1 check
    server api2 127.0.0.1:$API2 check
listen stats
    mode http
    bind 127.0.0.1:$STATS
    stats enable
    stats uri /
EOF
haproxy -c -q -f "$DIR/haproxy.cfg"
# In the foreground of a background job (not -D): its log (every HTTP request, every check's state change) goes to
# log/haproxy.log.
nohup haproxy -f "$DIR/haproxy.cfg" -db >"$DIR/log/haproxy.log" 2>&1 &
echo $! >"$DIR/run/haproxy.pid"
# HAProxy starts with every server up: wait until its check has marked the standby down, or the first database
# connections could land on the read-only node.
for _ in $(seq 100); do
  states=$( (curl -fs "http://127.0.0.1:$STATS/;csv" || true) | awk -F, '$1 == "postgres" && $2 != "FRONTEND" && $2 != "BACKEND" { print $2 "=" $18 }' | sort | tr '\n' ' ')
  [ "$states" = "primary=UP standby=DOWN " ] && break
  sleep 0.1
done
[ "$states" = "primary=UP standby=DOWN " ] || { echo "cluster.sh: HAProxy's database checks say '$states'; see $DIR/log" >&2; down; exit 1; }

# --- PgBouncer in transaction pooling, when asked for: on the database load balancer --------------------------------
STATEMENTS=prepared
case "${CLUSTER_DB:-haproxy}" in
  direct)
    INSTANCE_DB="host=127.0.0.1,127.0.0.1 port=$PRIMARY,$STANDBY user=todo dbname=postgres target_session_attrs=read-write connect_timeout=2" ;;
  haproxy)
    INSTANCE_DB="host=127.0.0.1 port=$DB_PORT user=todo dbname=postgres" ;;
  pgbouncer)
    mkdir -p "$DIR/pgbouncer"
    echo '"todo" ""' >"$DIR/pgbouncer/users.txt"
    cat >"$DIR/pgbouncer/pgbouncer.ini" <<EOF
[databases]
postgres = host=127.0.0.1 port=$DB_PORT dbname=postgres
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $BOUNCER
unix_socket_dir =
auth_type = trust
auth_file = $DIR/pgbouncer/users.txt
pool_mode = transaction
default_pool_size = 20
max_client_conn = 400
server_connect_timeout = 2
server_login_retry = 1
logfile = $DIR/log/pgbouncer.log
pidfile = $DIR/pgbouncer/pgbouncer.pid
EOF
    [ ${#RUNAS[@]} -eq 0 ] || chown -R postgres:postgres "$DIR/pgbouncer"
    pg pgbouncer -d -q "$DIR/pgbouncer/pgbouncer.ini"
    for _ in $(seq 50); do [ -s "$DIR/pgbouncer/pgbouncer.pid" ] && break; sleep 0.1; done
    INSTANCE_DB="host=127.0.0.1 port=$BOUNCER user=todo dbname=postgres"
    STATEMENTS=unnamed ;;
  *) echo "cluster.sh: CLUSTER_DB must be haproxy, direct or pgbouncer, got '$CLUSTER_DB'" >&2; down; exit 2 ;;
esac

# --- two todo-api instances -------------------------------------------------------------------------------------------
# DRAIN_DELAY: after SIGTERM an instance answers 503 on /ready for 2 s while still serving, so HAProxy's check (every
# 0.5 s, down after 2 failures) takes it out before its listener closes.
start_instance() { # start_instance NAME PORT
  DATABASE_URL="$INSTANCE_DB" DB_STATEMENTS="$STATEMENTS" JWT_SECRET="$JWT_SECRET" DRAIN_DELAY=2 \
    HOST=127.0.0.1 PORT="$2" LOG_LEVEL="${LOG_LEVEL:-notice}" \
    nohup "$TODO_API_BIN" serve >"$DIR/log/$1.log" 2>&1 &
  echo $! >"$DIR/run/$1.pid"
}
# What restarting an instance needs (Tests/cluster/check.py rolling restarts them).
printf '%s' "$JWT_SECRET" >"$DIR/run/jwt-secret"
printf '%s' "$TODO_API_BIN" >"$DIR/run/binary"
printf '%s' "$INSTANCE_DB" >"$DIR/run/database-url"
printf '%s' "$STATEMENTS" >"$DIR/run/statements"
chmod 600 "$DIR/run/jwt-secret"
DATABASE_URL="host=127.0.0.1 port=$DB_PORT user=todo dbname=postgres" "$TODO_API_BIN" migrate >"$DIR/log/migrate.log" 2>&1
start_instance api1 "$API1"
start_instance api2 "$API2"
# 60 s: a busy 2-core machine (a build beside the test) has taken longer than 30.
for _ in $(seq 300); do
  curl -fs "http://127.0.0.1:$HTTP_PORT/ready" >/dev/null 2>&1 && break
  sleep 0.2
done
if ! curl -fs "http://127.0.0.1:$HTTP_PORT/ready" >/dev/null; then
  echo "cluster.sh: no instance became ready; see $DIR/log" >&2
  for log in api1 api2 haproxy; do echo "--- last lines of $log.log" >&2; tail -n 5 "$DIR/log/$log.log" >&2 2>/dev/null || true; done
  down
  exit 1
fi

cat <<EOF
todo-api cluster (loopback only; data and logs in $DIR):
  API through the load balancer   http://127.0.0.1:$HTTP_PORT      (instances :$API1, :$API2; health check GET /ready)
  database through HAProxy        host=127.0.0.1 port=$DB_PORT user=todo dbname=postgres   (the primary, whichever node it is)
  the instances' DATABASE_URL     $INSTANCE_DB   (DB_STATEMENTS=$STATEMENTS)
  primary / synchronous standby   127.0.0.1:$PRIMARY / 127.0.0.1:$STANDBY
  HAProxy stats                   http://127.0.0.1:$STATS/
EOF
if [ "$MODE" = "--up" ]; then
  echo "stop it with: scripts/cluster.sh --down"
  exit 0
fi
# `$!` is set as soon as `sleep 3600 &` starts: a Ctrl-C right then (before a variable could take the pid) still
# stops that sleep, which would otherwise hold the caller's pipes (the interrupt check once waited 60 s on it).
trap 'echo; [ -z "$!" ] || kill "$!" 2>/dev/null; down; echo "cluster stopped"; exit 0' INT TERM
echo "Ctrl-C stops everything."
while true; do
  sleep 3600 &
  wait "$!"
done
