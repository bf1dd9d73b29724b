#!/usr/bin/env bash
# Starts (once) the PostgreSQL server the SQL tests run against, on
# 127.0.0.1:${UDA_PG_PORT:-55432}, with its data under ~/.cache/uda/pg.
# Idempotent: does nothing when it is already running. Needs the postgresql
# package (scripts/setup installs it).
set -euo pipefail
port="${UDA_PG_PORT:-55432}"
dir="${UDA_PG_DIR:-$HOME/.cache/uda/pg}"
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "pg.sh: PostgreSQL is not installed (run scripts/setup)" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if as_pg "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" 2>/dev/null; then
  exit 0
fi
mkdir -p "$dir"
[ "$(id -u)" = 0 ] && chown postgres: "$dir" && chmod 700 "$dir" && chmod o+x "$HOME" "$HOME/.cache" "$(dirname "$dir")" 2>/dev/null || true
if [ ! -s "$dir/PG_VERSION" ]; then
  as_pg "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
as_pg "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
  -o "-p $port -c listen_addresses=127.0.0.1 -k /tmp -c fsync=off -c full_page_writes=off" start >/dev/null
echo "PostgreSQL ready on 127.0.0.1:$port"
