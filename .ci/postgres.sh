#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and checks.
#
#   .ci/postgres.sh start DIR   makes a cluster in DIR (created if missing; a temp folder, e.g. "$(mktemp -d)"),
#                               starts it on 127.0.0.1 on a free port with its unix socket in DIR, waits until it
#                               accepts connections, and prints exactly one line on stdout: the Npgsql connection
#                               string, Host=127.0.0.1;Port=NNNN;Username=enforcement;Database=postgres
#   .ci/postgres.sh standby PRIMARY DIR
#                               makes a hot standby of the cluster started in PRIMARY (pg_basebackup -R: it streams
#                               the primary's WAL and replays it), starts it as `start` does, and prints its
#                               connection string the same way.
#   .ci/postgres.sh stop DIR    stops that cluster at once (pg_ctl stop -m immediate) and removes DIR.
#
# Everything else (initdb's and the server's messages) goes to stderr; the server's log is DIR/log. The cluster
# trusts every local connection (initdb -A trust) and has one superuser, `enforcement`, with no password.
#
# PostgreSQL 15's binaries are taken from $PGBIN (default /usr/lib/postgresql/15/bin, Debian's place); on a machine
# without them Debian's `postgresql` package is installed with apt-get (or `sudo -n apt-get` when not root).
# initdb refuses to run as root, so as root the cluster is made and run as the user `postgres` (which Debian's
# package creates; made here as a system user if missing), through runuser. DIR and its parent folders must then
# be reachable by that user: a folder under /tmp (mktemp -d) is.
set -euo pipefail

# stdout is kept for the one line this script answers; every command's output goes to stderr.
exec 3>&1 1>&2

usage() { echo "usage: $0 start DIR | standby PRIMARY DIR | stop DIR" >&2; exit 2; }
say() { echo "postgres.sh: $*" >&2; }

command=${1:-}
if [ "$command" = standby ]; then
  [ $# -eq 3 ] || usage
  primary=$2
  dir=$3
else
  [ $# -eq 2 ] || usage
  dir=$2
fi
[ -n "$dir" ] || usage

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}

find_binaries() {
  if [ -x "$PGBIN/initdb" ] && [ -x "$PGBIN/pg_ctl" ]; then return 0; fi
  # Debian's package installs its version's binaries under /usr/lib/postgresql/<major>/bin; take the newest.
  local candidate
  candidate=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$candidate" ] && [ -x "$candidate/initdb" ]; then PGBIN=$candidate; return 0; fi
  return 1
}

install_postgres() {
  say "PostgreSQL binaries not found in $PGBIN; installing Debian's postgresql"
  local install='apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql'
  if [ "$(id -u)" -eq 0 ]; then
    sh -c "$install"
  else
    sudo -n sh -c "$install"
  fi
}

# As root, run the server's commands as `postgres`; otherwise as ourselves.
# fd 3 (our stdout) is closed for them: the server would otherwise hold it open, and `$(.ci/postgres.sh start ...)`
# would wait for the server to end.
run_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "$owner" -- "$@" 3>&-
  else
    "$@" 3>&-
  fi
}

setup_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    owner=postgres
    if ! id "$owner" >/dev/null 2>&1; then
      say "creating system user $owner"
      useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$owner"
    fi
  else
    owner=$(id -un)
  fi
}

# A port nothing listens on now: postgres itself is the test (it fails to bind a taken one, and we try another),
# so two clusters started at the same moment cannot both get the same port.
random_port() { echo $(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 )); }

start() {
  if ! find_binaries; then
    install_postgres
    find_binaries || { say "no PostgreSQL binaries after installing"; exit 1; }
  fi
  setup_owner

  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  if [ -e "$dir/data" ]; then say "$dir/data exists already: give start an empty folder"; exit 1; fi
  # The unix socket's path (DIR/.s.PGSQL.NNNNN) must fit in 107 bytes.
  if [ ${#dir} -gt 90 ]; then say "$dir is too long a path for a unix socket; use a shorter folder"; exit 1; fi
  if [ "$(id -u)" -eq 0 ]; then chown "$owner": "$dir"; fi
  chmod 700 "$dir"
  if ! run_as_owner test -w "$dir"; then
    say "user $owner cannot write to $dir (is a parent folder closed to it?); use a folder under /tmp"
    exit 1
  fi

  if [ -n "${primary:-}" ]; then
    # A copy of the primary, streaming from it; -R writes standby.signal and primary_conninfo.
    run_as_owner "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$(cat "$primary/port")" -U enforcement -D "$dir/data" -R -X stream -c fast >&2
    rm -f "$dir/data/postmaster.pid" "$dir/data/postmaster.opts"
  else
    run_as_owner "$PGBIN/initdb" -D "$dir/data" -E UTF8 --locale=C -A trust -U enforcement --no-instructions >&2
  fi

  # The cluster lives for one test run and is deleted after: nothing in it needs to survive a crash, so the
  # server does not wait for the disk (fsync, synchronous_commit) nor write whole pages after checkpoints
  # (full_page_writes). Up to ~40 test classes run at once, each with its own connection pool: 300 connections.
  cat >>"$dir/data/postgresql.conf" <<EOF

# Added by .ci/postgres.sh: a throwaway test cluster.
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 300
shared_buffers = 64MB
EOF

  local port attempt
  for attempt in $(seq 1 20); do
    port=$(random_port)
    rm -f "$dir/log"
    if run_as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/log" -o "-p $port" -w -t 60 start >&2; then
      break
    fi
    if grep -qiE 'could not (bind|create listen socket)|address already in use|lock file .* already exists' "$dir/log"; then
      say "port $port is taken; trying another"
      port=
      continue
    fi
    cat "$dir/log" >&2
    say "the server did not start"
    exit 1
  done
  [ -n "${port:-}" ] || { cat "$dir/log" >&2; say "found no free port"; exit 1; }
  echo "$port" >"$dir/port"

  local i
  for i in $(seq 1 120); do
    if "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U enforcement -d postgres; then
      echo "Host=127.0.0.1;Port=$port;Username=enforcement;Database=postgres" >&3
      return 0
    fi
    sleep 0.5
  done
  cat "$dir/log" >&2
  say "the server on port $port is not ready after 60 s"
  exit 1
}

stop() {
  find_binaries || true
  if [ -d "$dir" ]; then
    if [ -f "$dir/data/postmaster.pid" ]; then
      setup_owner
      local data_owner
      data_owner=$(stat -c %U "$dir/data")
      if [ "$(id -u)" -eq 0 ]; then owner=$data_owner; fi
      run_as_owner "$PGBIN/pg_ctl" -D "$dir/data" stop -m immediate -w >&2 || say "pg_ctl stop failed (is the server running?)"
    fi
    rm -rf "$dir"
  fi
}

case "$command" in
  start) start ;;
  standby) primary=$(cd "$primary" && pwd); start ;;
  stop) stop ;;
  *) usage ;;
esac
