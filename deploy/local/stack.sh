#!/usr/bin/env bash
# Local stack control: PostgreSQL, RabbitMQ and the three services as plain processes under
# $RUN_DIR (default .run). Every step is idempotent: what runs is left alone, what is missing starts.
#   stack.sh packages | postgres | replica | rabbitmq | infra | services | up | down | env | status | rabbitmqctl ARGS
# PG_REPLICA=1 adds a streaming replica of PostgreSQL on PG_REPLICA_PORT (PG_PORT+2), made with
# pg_basebackup -R; intake reads statistics, the screen, rankings and reports from it (DATABASE_READ_URL).
# RABBITMQ_NODES=3 makes the broker a local cluster: nodes on AMQP_PORT, AMQP_PORT+1, AMQP_PORT+2
# (quorum queues get a member on each), and AMQP_URL lists all of them, comma-separated.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
RUN_DIR=${RUN_DIR:-$ROOT/.run}
# Below Linux's ephemeral range (32768-60999), so no client socket can take them while a server
# is down; RabbitMQ's distribution port (AMQP + 20000) stays below it too.
PG_PORT=${PG_PORT:-15432}
AMQP_PORT=${AMQP_PORT:-5682}
INTAKE_HTTP_PORT=${INTAKE_HTTP_PORT:-8080}
DISPATCHER_HTTP_PORT=${DISPATCHER_HTTP_PORT:-8081}
NOTIFIER_HTTP_PORT=${NOTIFIER_HTTP_PORT:-8082}
BIN_DIR=${BIN_DIR:-$ROOT/.build/debug}
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
RABBIT_BIN=/usr/lib/rabbitmq/bin
RABBITMQ_NODES=${RABBITMQ_NODES:-1}
DATABASE_URL=${DATABASE_URL:-postgres://hotline@127.0.0.1:$PG_PORT/hotline}
PG_REPLICA=${PG_REPLICA:-}
[ "$PG_REPLICA" != 0 ] || PG_REPLICA=
PG_REPLICA_PORT=${PG_REPLICA_PORT:-$((PG_PORT + 2))}
replica_url() { DATABASE_READ_URL=${DATABASE_READ_URL:-postgres://hotline@127.0.0.1:$PG_REPLICA_PORT/hotline}; }
[ -z "$PG_REPLICA" ] || replica_url
if [ -z "${AMQP_URL:-}" ]; then
  AMQP_URL=amqp://guest:guest@127.0.0.1:$AMQP_PORT/%2f
  for ((n = 2; n <= RABBITMQ_NODES; n++)); do AMQP_URL+=",amqp://guest:guest@127.0.0.1:$((AMQP_PORT + n - 1))/%2f"; done
fi
SYSTEM_PACKAGES=$(grep -hv "^#" "$ROOT/deploy/packages-build.txt" "$ROOT/deploy/packages-runtime-debian.txt" | sort -u | xargs)

log() { printf '[stack] %s\n' "$*" >&2; }
# A killed process can linger as a zombie for a moment: it does not count as alive.
alive() {
  [ -f "$1" ] || return 1
  local state; state=$(ps -o stat= -p "$(head -n 1 "$1")" 2>/dev/null) || return 1
  [ -n "$state" ] && [ "${state:0:1}" != Z ]
}
wait_port() { # host port seconds
  local i
  for ((i = 0; i < $3 * 10; i++)); do
    (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

packages() {
  local missing=()
  for p in $SYSTEM_PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Debian starts a system broker and cluster on install; ours are private, theirs only take memory.
  $sudo systemctl stop rabbitmq-server 2>/dev/null || $sudo service rabbitmq-server stop 2>/dev/null || true
  # The prometheus package is here for promtool only; its server would just take port 9090.
  $sudo systemctl stop prometheus 2>/dev/null || $sudo service prometheus stop 2>/dev/null || true
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
}

# PostgreSQL runs as the postgres user, which must reach its directory: $RUN_DIR/pg when it can,
# else (a checkout inside a private directory, e.g. one made by mktemp -d) a directory under /tmp
# named for $RUN_DIR, which `down` removes with the rest.
pg_dir() {
  if [ -e "$RUN_DIR/pg" ] || runuser -u postgres -- test -x "$RUN_DIR" 2>/dev/null; then
    echo "$RUN_DIR/pg"
  else
    echo "/tmp/hotline-pg-$(printf %s "$RUN_DIR" | sha1sum | cut -c1-12)"
  fi
}

postgres() {
  if alive "$RUN_DIR/postgres.pid"; then return 0; fi
  mkdir -p "$RUN_DIR/logs"
  chmod 755 "$RUN_DIR"
  local pg; pg=$(pg_dir)
  local data=$pg/data sock=$pg/sock
  mkdir -p "$pg" "$sock"
  chown -R postgres:postgres "$pg"
  if [ ! -s "$data/PG_VERSION" ]; then
    log "initdb $data"
    runuser -u postgres -- "$PG_BIN/initdb" -D "$data" -U hotline --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    cat >>"$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
max_connections = 300
shared_buffers = 256MB
unix_socket_directories = '$sock'
# Statistics soon after the tables fill: prepared statements planned while the tables were
# empty keep their plans until the next ANALYZE (docs/benchmark.md).
autovacuum_naptime = 5s
CONF
  fi
  sed -i "s/^port = .*//" "$data/postgresql.conf"; echo "port = $PG_PORT" >>"$data/postgresql.conf"
  # After kill -9 the old backends may still hold shared memory for a moment: retry.
  # PG_STAT_STATEMENTS=1 loads pg_stat_statements (profiling: docs/benchmark.md); off by default.
  local opts=""
  if [ -n "${PG_STAT_STATEMENTS:-}" ]; then opts="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all -c pg_stat_statements.track_planning=on"; fi
  local try
  for try in 1 2 3 4 5 6 7 8 9 10; do
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$data" -l "$pg/postgres.log" -o "$opts" -w -t 30 start >"$RUN_DIR/logs/pg_ctl.out" 2>&1 && break
    sleep 1
  done
  head -n 1 "$data/postmaster.pid" >"$RUN_DIR/postgres.pid"
  wait_port 127.0.0.1 "$PG_PORT" 30 || { log "postgres did not open port $PG_PORT"; tail -n 20 "$pg/postgres.log"; return 1; }
  runuser -u postgres -- "$PG_BIN/psql" -h "$sock" -p "$PG_PORT" -U hotline -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname='hotline'" | grep -q 1 ||
    runuser -u postgres -- "$PG_BIN/createdb" -h "$sock" -p "$PG_PORT" -U hotline hotline
  log "postgres ready on $PG_PORT (pid $(cat "$RUN_DIR/postgres.pid"))"
}

# The streaming replica (PG_REPLICA=1): a base backup of the running primary with -R (standby.signal
# and primary_conninfo written for us), started as a hot standby on its own port, beside the primary's
# data. Idempotent like the rest: a running replica is left alone, a killed one restarts from its data.
replica() {
  if alive "$RUN_DIR/postgres-replica.pid"; then return 0; fi
  local pg; pg=$(pg_dir)
  local data=$pg/replica sock=$pg/sock
  if [ ! -s "$data/PG_VERSION" ]; then
    log "pg_basebackup -R $data"
    rm -rf "$data"
    # A slot keeps the WAL the replica has not received yet (a fresh one each time: `down` drops both).
    runuser -u postgres -- "$PG_BIN/psql" -h "$sock" -p "$PG_PORT" -U hotline -d postgres -qtAc \
      "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = 'hotline_replica'" >/dev/null
    runuser -u postgres -- "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PG_PORT" -U hotline -D "$data" -R -X stream -c fast -C -S hotline_replica \
      >"$RUN_DIR/logs/pg_basebackup.out" 2>&1 || { log "pg_basebackup failed"; cat "$RUN_DIR/logs/pg_basebackup.out" >&2; return 1; }
  fi
  sed -i "s/^port = .*//" "$data/postgresql.conf"; echo "port = $PG_REPLICA_PORT" >>"$data/postgresql.conf"
  local try
  for try in 1 2 3 4 5 6 7 8 9 10; do
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$data" -l "$pg/replica.log" -w -t 30 start >"$RUN_DIR/logs/pg_ctl-replica.out" 2>&1 && break
    sleep 1
  done
  head -n 1 "$data/postmaster.pid" >"$RUN_DIR/postgres-replica.pid"
  wait_port 127.0.0.1 "$PG_REPLICA_PORT" 30 || { log "replica did not open port $PG_REPLICA_PORT"; tail -n 20 "$pg/replica.log"; return 1; }
  log "replica ready on $PG_REPLICA_PORT (pid $(cat "$RUN_DIR/postgres-replica.pid")), streaming from $PG_PORT"
}

# Node n of the broker (1 unless RABBITMQ_NODES > 1): its port, files and name. Node 1 keeps the
# single-node names (rabbitmq.pid, rabbitmq/), so a cluster's first node is managed like the broker.
node_port() { echo $((AMQP_PORT + $1 - 1)); }
node_suffix() { [ "$1" -eq 1 ] || echo "$1"; }
NODE1_NAME=${RABBITMQ_NODENAME:-}
node_name() { if [ "$1" -eq 1 ] && [ -n "$NODE1_NAME" ]; then echo "$NODE1_NAME"; else echo "hotline$(node_port "$1")@localhost"; fi; }

rabbitmq_env() { # [node]
  local n=${1:-1} dir="$RUN_DIR/rabbitmq$(node_suffix "${1:-1}")"
  export RABBITMQ_NODENAME; RABBITMQ_NODENAME=$(node_name "$n")
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT; RABBITMQ_NODE_PORT=$(node_port "$n")
  export RABBITMQ_MNESIA_BASE=$dir/mnesia RABBITMQ_LOG_BASE=$dir/log
  export RABBITMQ_PID_FILE=$RUN_DIR/rabbitmq$(node_suffix "$n").pid RABBITMQ_ENABLED_PLUGINS_FILE=$dir/enabled_plugins
  export RABBITMQ_CONFIG_FILE=$dir/rabbitmq
  # Loopback only, the distribution port too (it listens on every interface by default).
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  export HOME=${HOME:-/root}
  # A cluster's nodes share an Erlang cookie of their own, so no other node on the machine can join them.
  if ((RABBITMQ_NODES > 1)); then
    export HOME=$RUN_DIR/rabbitmq-home
    if [ ! -s "$HOME/.erlang.cookie" ]; then
      mkdir -p "$HOME"
      head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$HOME/.erlang.cookie"
      chmod 400 "$HOME/.erlang.cookie"
    fi
  fi
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

rabbitmq() {
  local n
  if ((RABBITMQ_NODES == 1)); then rabbitmq_node 1; return; fi
  mkdir -p "$RUN_DIR"
  rabbitmq_env 1 # writes the shared cookie before any node starts
  local pids=()
  for ((n = 1; n <= RABBITMQ_NODES; n++)); do rabbitmq_node "$n" & pids+=($!); done
  for n in "${pids[@]}"; do wait "$n"; done
  # A fresh node joins node 1 once; after a restart it finds its cluster in its own data.
  for ((n = 2; n <= RABBITMQ_NODES; n++)); do
    [ -f "$RUN_DIR/rabbitmq$n/joined" ] && continue
    local out=$RUN_DIR/rabbitmq$n/log/join.log
    { rabbitmqctl_node "$n" stop_app && rabbitmqctl_node "$n" join_cluster "$(node_name 1)" && rabbitmqctl_node "$n" start_app; } >"$out" 2>&1 &&
      touch "$RUN_DIR/rabbitmq$n/joined" || { log "node $n could not join $(node_name 1): $(tail -n 5 "$out")"; return 1; }
    log "$(node_name "$n") joined $(node_name 1)"
  done
}

rabbitmqctl_node() { # node args...
  local n=$1; shift
  (rabbitmq_env "$n"; "$RABBIT_BIN/rabbitmqctl" -q -n "$RABBITMQ_NODENAME" "$@")
}

# rabbitmqctl against the first running node (e.g. `stack.sh rabbitmqctl list_queues name members`).
rabbitmqctl_any() {
  local n
  for ((n = 1; n <= RABBITMQ_NODES; n++)); do
    alive "$RUN_DIR/rabbitmq$(node_suffix "$n").pid" && { rabbitmqctl_node "$n" "$@"; return; }
  done
  log "no broker node is running"; return 1
}

rabbitmq_node() { # node
  rabbitmq_env "$1"
  local port=$RABBITMQ_NODE_PORT dir=$RUN_DIR/rabbitmq$(node_suffix "$1") pidfile=$RABBITMQ_PID_FILE
  if alive "$pidfile" && wait_port 127.0.0.1 "$port" 30; then return 0; fi
  mkdir -p "$dir/mnesia" "$dir/log"
  echo '[].' >"$RABBITMQ_ENABLED_PLUGINS_FILE"
  printf 'loopback_users = none\nlog.console = false\n' >"$dir/rabbitmq.conf"
  # Extra broker settings, one per line (e.g. a TLS listener, docs/security-wire.md).
  [ -z "${RABBITMQ_EXTRA_CONF:-}" ] || printf '%s\n' "$RABBITMQ_EXTRA_CONF" >>"$dir/rabbitmq.conf"
  # A broker killed a moment ago may still hold its ports while it goes: let it go first,
  # or the new node fails to listen (and a dying listener would look like a ready one).
  local i attempt
  for ((i = 0; i < 150; i++)); do port_open "$port" || port_open $((port + 20000)) || break; sleep 0.1; done
  for attempt in 1 2 3; do
    rm -f "$pidfile"
    "$RABBIT_BIN/rabbitmq-server" -detached >/dev/null 2>&1
    for ((i = 0; i < 600; i++)); do
      if [ -s "$pidfile" ] && ! alive "$pidfile" && ((i > 20)); then break; fi
      if alive "$pidfile" && port_open "$port"; then
        log "rabbitmq ready on $port (pid $(cat "$pidfile"))"
        return 0
      fi
      sleep 0.1
    done
    log "rabbitmq did not start (attempt $attempt); see $dir/log"
    stop_pidfile "$pidfile" KILL
    sleep 2
  done
  return 1
}

write_env() {
  mkdir -p "$RUN_DIR"
  [ -s "$RUN_DIR/keys.env" ] || return 0
  gateway_secret
  {
    echo "DATABASE_URL=$DATABASE_URL"
    [ -z "${DATABASE_READ_URL:-}" ] || echo "DATABASE_READ_URL=$DATABASE_READ_URL"
    echo "AMQP_URL=$AMQP_URL"
    echo "INTAKE_URL=http://127.0.0.1:$INTAKE_HTTP_PORT"
    echo "DISPATCHER_URL=http://127.0.0.1:$DISPATCHER_HTTP_PORT"
    echo "NOTIFIER_URL=http://127.0.0.1:$NOTIFIER_HTTP_PORT"
    echo "SMS_SINK_FILE=$RUN_DIR/sms.jsonl"
    echo "SMS_GATEWAY_SECRET=$SMS_GATEWAY_SECRET"
    echo "RUN_DIR=$RUN_DIR"
    echo "PG_PORT=$PG_PORT"
    [ -z "$PG_REPLICA" ] || echo "PG_REPLICA_PORT=$PG_REPLICA_PORT"
    echo "AMQP_PORT=$AMQP_PORT"
    ((RABBITMQ_NODES == 1)) || echo "RABBITMQ_NODES=$RABBITMQ_NODES"
    echo "INTAKE_HTTP_PORT=$INTAKE_HTTP_PORT"
    echo "DISPATCHER_HTTP_PORT=$DISPATCHER_HTTP_PORT"
    echo "NOTIFIER_HTTP_PORT=$NOTIFIER_HTTP_PORT"
    cat "$RUN_DIR/keys.env"
  } >"$RUN_DIR/env.tmp"
  mv "$RUN_DIR/env.tmp" "$RUN_DIR/env"
}

# The SMS gateway secret (CONTRACTS.md section 9): the one given, else one generated at random
# for this stack and kept under .run/ (so a restarted notifier keeps it), written to .run/env.
gateway_secret() {
  if [ -z "${SMS_GATEWAY_SECRET:-}" ]; then
    mkdir -p "$RUN_DIR"
    if [ ! -s "$RUN_DIR/sms_gateway_secret" ]; then
      (umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$RUN_DIR/sms_gateway_secret")
    fi
    SMS_GATEWAY_SECRET=$(cat "$RUN_DIR/sms_gateway_secret")
  fi
  export SMS_GATEWAY_SECRET
}

service_env() {
  export DATABASE_URL AMQP_URL INTAKE_HTTP_PORT DISPATCHER_HTTP_PORT NOTIFIER_HTTP_PORT
  if [ -n "${DATABASE_READ_URL:-}" ]; then export DATABASE_READ_URL; fi
  gateway_secret
  export SMS_SINK_FILE=${SMS_SINK_FILE:-$RUN_DIR/sms.jsonl}
  export LOG_LEVEL=${LOG_LEVEL:-info}
}

# Runs once per fresh database: schema, jurisdiction, households, API keys.
prepare() {
  service_env
  "$BIN_DIR/dispatcher" migrate
  "$BIN_DIR/dispatcher" import "${JURISDICTION:-$ROOT/deploy/demo}"
  if [ -n "${HOUSEHOLDS:-}" ]; then "$BIN_DIR/dispatcher" import-households "$HOUSEHOLDS"; fi
  if [ -n "${VOLUNTEERS:-}" ]; then "$BIN_DIR/dispatcher" import-volunteers "$VOLUNTEERS"; fi
  if [ -n "${KNOWLEDGE:-}" ]; then "$BIN_DIR/intake" import-knowledge "$KNOWLEDGE"; fi
  if [ ! -s "$RUN_DIR/keys.env" ]; then
    {
      echo "OPERATOR_KEY=$("$BIN_DIR/intake" keys create --role operator --name local-operator)"
      echo "ADMIN_KEY=$("$BIN_DIR/intake" keys create --role admin --name local-admin)"
      echo "OPEN311_API_KEY=$("$BIN_DIR/intake" keys create --role open311 --name local-open311)"
    } >"$RUN_DIR/keys.env.tmp"
    mv "$RUN_DIR/keys.env.tmp" "$RUN_DIR/keys.env"
  fi
  # The big screen's key: aggregates only (a stack started before it existed gets one too).
  if ! grep -q '^SCREEN_KEY=' "$RUN_DIR/keys.env"; then
    echo "SCREEN_KEY=$("$BIN_DIR/intake" keys create --role screen --name local-screen)" >>"$RUN_DIR/keys.env"
  fi
  write_env
}

service_port() {
  case $1 in intake) echo "$INTAKE_HTTP_PORT" ;; dispatcher) echo "$DISPATCHER_HTTP_PORT" ;; notifier) echo "$NOTIFIER_HTTP_PORT" ;; esac
}

services() {
  service_env
  mkdir -p "$RUN_DIR/logs"
  local name
  for name in intake dispatcher notifier; do
    alive "$RUN_DIR/$name.pid" && continue
    nohup "$BIN_DIR/$name" serve >>"$RUN_DIR/logs/$name.log" 2>&1 &
    echo $! >"$RUN_DIR/$name.pid"
    log "$name started (pid $!)"
  done
  for name in intake dispatcher notifier; do
    local port i; port=$(service_port "$name")
    for ((i = 0; i < 600; i++)); do
      curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
      alive "$RUN_DIR/$name.pid" || { log "$name exited; see $RUN_DIR/logs/$name.log"; tail -n 20 "$RUN_DIR/logs/$name.log" >&2; return 1; }
      sleep 0.1
    done
    curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null || { log "$name not ready"; return 1; }
  done
  log "services ready: intake :$INTAKE_HTTP_PORT, dispatcher :$DISPATCHER_HTTP_PORT, notifier :$NOTIFIER_HTTP_PORT"
}

stop_pidfile() { # file signal
  local f=$1 pid
  [ -f "$f" ] || return 0
  pid=$(head -n 1 "$f")
  if kill -0 "$pid" 2>/dev/null; then
    kill "-${2:-TERM}" "$pid" 2>/dev/null || true
    local i; for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
}

down() {
  local name
  for name in intake dispatcher notifier; do stop_pidfile "$RUN_DIR/$name.pid" TERM; done
  local pg; pg=$(pg_dir)
  if [ -s "$pg/replica/PG_VERSION" ]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$pg/replica" -m immediate stop >/dev/null 2>&1 || true
  fi
  stop_pidfile "$RUN_DIR/postgres-replica.pid" KILL
  if [ -s "$pg/data/PG_VERSION" ]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$pg/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  stop_pidfile "$RUN_DIR/postgres.pid" KILL
  # SIGTERM stops a node gracefully, without the seconds a rabbitmqctl call takes to boot.
  local n
  for ((n = 1; n <= RABBITMQ_NODES; n++)); do stop_pidfile "$RUN_DIR/rabbitmq$(node_suffix "$n").pid" TERM & done
  wait
  rm -rf "$RUN_DIR" "$pg"
  log "stopped; local data removed"
}

status() {
  local name
  local names="postgres rabbitmq" n
  for ((n = 2; n <= RABBITMQ_NODES; n++)); do names+=" rabbitmq$n"; done
  if [ -n "$PG_REPLICA" ] || [ -f "$RUN_DIR/postgres-replica.pid" ]; then names+=" postgres-replica"; fi
  for name in $names intake dispatcher notifier; do
    if alive "$RUN_DIR/$name.pid"; then echo "$name: running (pid $(head -n 1 "$RUN_DIR/$name.pid"))"; else echo "$name: stopped"; fi
  done
}

case ${1:-} in
  packages) packages ;;
  postgres) postgres ;;
  replica) PG_REPLICA=1; replica_url; postgres; replica; write_env ;;
  rabbitmq) rabbitmq ;;
  infra) packages; rabbitmq & r=$!; postgres; wait $r ;;
  prepare) prepare ;;
  services) services ;;
  up) packages; rabbitmq & r=$!; postgres; if [ -n "$PG_REPLICA" ]; then replica; fi; wait $r; prepare; services ;;
  down) down ;;
  env) write_env ;;
  status) status ;;
  rabbitmqctl) shift; rabbitmqctl_any "$@" ;;
  *) echo "usage: $0 packages|postgres|replica|rabbitmq|infra|prepare|services|up|down|env|status|rabbitmqctl ARGS" >&2; exit 2 ;;
esac
