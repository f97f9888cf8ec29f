#!/usr/bin/env bash
# PostgreSQL and Redis for the tests, on loopback, with throwaway data folders.
#
#   scripts/test-services.sh install        installs Debian's postgresql and redis-server when missing
#   scripts/test-services.sh run CMD...     starts both, runs CMD with TEST_POSTGRES_URL and
#                                           TEST_REDIS_URL set, stops both (whatever CMD returns)
#
# Ports: TEST_POSTGRES_PORT (default 5433) and TEST_REDIS_PORT (default 6380), so a PostgreSQL or
# Redis already running on the standard ports is left alone.
set -euo pipefail

PG_PORT="${TEST_POSTGRES_PORT:-5433}"
REDIS_PORT="${TEST_REDIS_PORT:-6380}"

pg_bin() {
  # Debian keeps the server binaries out of PATH, one folder per major version.
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$dir" ] && [ -x "$dir/$1" ]; then echo "$dir/$1"; return; fi
  command -v "$1" || true
}

have_postgres() { [ -n "$(pg_bin initdb)" ] && [ -n "$(pg_bin pg_ctl)" ]; }
have_redis() { command -v redis-server >/dev/null; }

install() {
  local missing=()
  have_postgres || missing+=(postgresql)
  have_redis || missing+=(redis-server)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "Missing ${missing[*]}: install them (apt-get install -y ${missing[*]}) or run this as root" >&2
    exit 1
  fi
  apt-get update
  # RUNLEVEL=1: invoke-rc.d does not start the packages' own system-wide services.
  DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y --no-install-recommends "${missing[@]}"
  # Should they have started anyway (on the standard ports), stop them: the tests use their own.
  if command -v service >/dev/null; then
    service redis-server stop >/dev/null 2>&1 || true
    service postgresql stop >/dev/null 2>&1 || true
  fi
}

# Runs a command as the postgres user when we are root (the server refuses to run as root).
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

run() {
  install
  root="$(mktemp -d /tmp/v4chat-services.XXXXXX)"
  chmod 755 "$root"
  pgdata="$root/pg"
  pglog="$root/pg.log"
  mkdir -p "$pgdata"
  [ "$(id -u)" = 0 ] && chown postgres: "$pgdata" && touch "$pglog" && chown postgres: "$pglog"

  stop() {
    as_pg "$(pg_bin pg_ctl)" -D "$pgdata" -m immediate stop >/dev/null 2>&1 || true
    if [ -f "$root/redis.pid" ]; then kill "$(cat "$root/redis.pid")" 2>/dev/null || true; fi
    sleep 0.2
    rm -rf "$root"
  }
  trap stop EXIT

  as_pg "$(pg_bin initdb)" -D "$pgdata" -U postgres --auth=trust --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
  # Throwaway data: durability off, which makes the many small test databases quick to create.
  as_pg "$(pg_bin pg_ctl)" -D "$pgdata" -l "$pglog" -w -t 60 \
    -o "-h 127.0.0.1 -p $PG_PORT -k $pgdata -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null \
    || { cat "$pglog" >&2; exit 1; }

  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no --daemonize yes \
    --pidfile "$root/redis.pid" --logfile "$root/redis.log" --dir "$root"
  for _ in $(seq 1 50); do
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
    sleep 0.1
  done

  export TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$PG_PORT/postgres"
  export TEST_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
  echo "PostgreSQL on 127.0.0.1:$PG_PORT, Redis on 127.0.0.1:$REDIS_PORT (data in $root)"
  local status=0
  "$@" || status=$?
  return "$status"
}

case "${1:-}" in
  install) install ;;
  run) shift; run "$@" ;;
  *) echo "usage: $0 install | run CMD..." >&2; exit 2 ;;
esac
