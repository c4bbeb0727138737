#!/usr/bin/env bash
# Two LiveOrders nodes behind nginx on this machine, everything on 127.0.0.1 in a folder of its own:
# PostgreSQL (initdb there), redis-server, node A, node B, and nginx in front with sticky sessions.
# Prints the address; Ctrl-C stops everything it started.
#
#   deploy/two-nodes.sh [--sqlite] [--port 8080] [--nodes 5011,5012] [--dir /tmp/liveorders-two-nodes] [--no-build] [--release]
#
# --sqlite  both nodes on one SQLite file instead of PostgreSQL: the proxy, stickiness, a sign-in valid on both nodes
#           and failover work; changes made on one node do not reach the other node's open pages live.
# --release the Release build (what bench/two-nodes measures) instead of Debug.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROXY_PORT=8080
NODE_A_PORT=5011
NODE_B_PORT=5012
DIR=""
SQLITE=0
BUILD=1
CONFIGURATION=Debug
while [[ $# -gt 0 ]]; do
    case "$1" in
        --sqlite) SQLITE=1 ;;
        --port) PROXY_PORT="$2"; shift ;;
        --nodes) NODE_A_PORT="${2%,*}"; NODE_B_PORT="${2#*,}"; shift ;;
        --dir) DIR="$2"; shift ;;
        --no-build) BUILD=0 ;;
        --release) CONFIGURATION=Release ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *) echo "Неизвестный параметр: $1" >&2; exit 2 ;;
    esac
    shift
done
DIR="${DIR:-$(mktemp -d /tmp/liveorders-two-nodes-XXXXXX)}"
mkdir -p "$DIR"
DIR="$(cd "$DIR" && pwd)"

PIDS=()
stop_all() {
    trap - INT TERM EXIT
    echo
    echo "Останавливаю…"
    # nginx first, then the nodes, then the services they use; each by the id this script started.
    for (( i=${#PIDS[@]}-1; i>=0; i-- )); do kill "${PIDS[$i]}" 2>/dev/null || true; done
    wait 2>/dev/null || true
    echo "Остановлено. Данные и журналы: $DIR"
}
trap stop_all INT TERM EXIT

wait_for() {   # wait_for URL-or-port what [pid]
    local target="$1" what="$2" pid="${3:-}"
    for _ in $(seq 1 600); do
        if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then break; fi
        if [[ "$target" == http* ]]; then curl -fsS -o /dev/null "$target" 2>/dev/null && return 0
        else (exec 3<>"/dev/tcp/127.0.0.1/$target") 2>/dev/null && return 0; fi
        sleep 0.2
    done
    echo "$what не запустился; см. $DIR" >&2
    exit 1
}

if [[ $BUILD == 1 ]]; then
    echo "Сборка…"
    dotnet build "$ROOT/LiveOrders.Web" -c "$CONFIGURATION" -nologo -v quiet
fi
APP_DLL="$ROOT/LiveOrders.Web/bin/$CONFIGURATION/net10.0/LiveOrders.Web.dll"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# --- the database
if [[ $SQLITE == 1 ]]; then
    PROVIDER=Sqlite
    CONNECTION="Data Source=$DIR/liveorders.db"
else
    PROVIDER=PostgreSQL
    PG_PORT="$(free_port)"
    PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
    mkdir -p "$DIR/pg"
    as_postgres=()
    # initdb refuses root: then the server runs as the postgres user, in this folder.
    # (mktemp -d makes the folder 0700: the postgres user must be able to pass through it to its own.)
    if [[ $(id -u) == 0 ]]; then chmod a+x "$DIR"; chown postgres:postgres "$DIR/pg"; as_postgres=(runuser -u postgres --); fi
    if [[ ! -d "$DIR/pg/data" ]]; then
        "${as_postgres[@]}" "$PG_BIN/initdb" -D "$DIR/pg/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$DIR/pg/initdb.log"
    fi
    "${as_postgres[@]}" "$PG_BIN/postgres" -D "$DIR/pg/data" -p "$PG_PORT" -k "$DIR/pg" -c listen_addresses=127.0.0.1 \
        >"$DIR/pg/postgres.log" 2>&1 &
    PIDS+=($!)
    wait_for "$PG_PORT" "PostgreSQL" "$!"
    for _ in $(seq 1 50); do "$PG_BIN/pg_isready" -h 127.0.0.1 -p "$PG_PORT" -q && break; sleep 0.2; done
    "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qtc "select 1 from pg_database where datname='liveorders'" | grep -q 1 \
        || "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "create database liveorders"
    CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=liveorders"
fi

# --- Redis, for the external hub's backplane
REDIS_PORT="$(free_port)"
/usr/bin/redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no >"$DIR/redis.log" 2>&1 &
PIDS+=($!)
wait_for "$REDIS_PORT" "redis-server" "$!"

# --- the nodes: A first (it migrates and seeds the demo on an empty database), then B
start_node() {   # start_node NAME PORT
    ASPNETCORE_ENVIRONMENT=Production \
    Database__Provider="$PROVIDER" \
    ConnectionStrings__LiveOrders="$CONNECTION" \
    Redis__Configuration="127.0.0.1:$REDIS_PORT" \
    ForwardedHeaders__KnownProxies__0=127.0.0.1 \
    Attachments__StoragePath="$DIR/files" \
        dotnet "$APP_DLL" --urls "http://127.0.0.1:$2" --contentRoot "$ROOT/LiveOrders.Web" >"$DIR/node-$1.log" 2>&1 &
    PIDS+=($!)
    echo "$!" >"$DIR/node-$1.pid"
    wait_for "http://127.0.0.1:$2/health" "Узел $1" "$!"
}
start_node a "$NODE_A_PORT"
start_node b "$NODE_B_PORT"

# --- nginx in front
mkdir -p "$DIR/nginx"
re() { sed 's/\./\\./g' <<<"$1"; }
sed -e "s|@LISTEN@|127.0.0.1:$PROXY_PORT|g" \
    -e "s|@NODE_A@|127.0.0.1:$NODE_A_PORT|g" -e "s|@NODE_B@|127.0.0.1:$NODE_B_PORT|g" \
    -e "s|@NODE_A_RE@|$(re "127.0.0.1:$NODE_A_PORT")|g" -e "s|@NODE_B_RE@|$(re "127.0.0.1:$NODE_B_PORT")|g" \
    -e "s|@PREFIX@|$DIR/nginx|g" \
    "$ROOT/deploy/nginx/liveorders.conf.template" >"$DIR/nginx/nginx.conf"
/usr/sbin/nginx -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf" -e stderr -g 'daemon off;' >"$DIR/nginx/nginx.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$PROXY_PORT/health" "nginx" "$!"

cat <<INFO

LiveOrders на двух узлах: http://127.0.0.1:$PROXY_PORT
  база: $PROVIDER    узел A: 127.0.0.1:$NODE_A_PORT (pid $(cat "$DIR/node-a.pid"))    узел B: 127.0.0.1:$NODE_B_PORT (pid $(cat "$DIR/node-b.pid"))
  Redis: 127.0.0.1:$REDIS_PORT    журналы: $DIR
  Демо-входы: admin, arch.head, zkh.1 … (пароль Demo2026!)
  Проверка отказа: kill -9 \$(cat $DIR/node-a.pid)
Ctrl-C — остановить всё.
INFO
wait
