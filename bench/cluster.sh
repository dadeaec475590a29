#!/usr/bin/env bash
# Two API processes on one PostgreSQL behind nginx, under a mixed load of writes and reads. One command:
#
#   bench/cluster.sh            # 20 s per run: one process alone, then two behind nginx, then writes and reads split
#   DURATION=5 bench/cluster.sh
#
# Settings (environment): DURATION (20 s per run), WARMUP (10 s: a first run through nginx, not reported), WRITERS (4), READERS (4), UPDATES (3 retitles of each source a
# writer creates), PORT (5095: nginx; the API processes on PORT+1 and PORT+2), API_SETTINGS (more settings for both
# APIs as NAME=value words).
# Starts a throwaway PostgreSQL cluster (.ci/postgres.sh) with an empty database that the first API process fills with
# the bundled records on its first start, makes a write key with the command line's `keys create`, starts the second
# process on the same database and Debian's nginx (installed when missing) on 127.0.0.1:PORT in front of both, round
# robin. Then bench/MixedLoad runs three times: (a) against the first process alone, (b) through nginx, writes and
# reads alike, (c) writes to the first process and every read from the second. Each run prints one line: requests/s,
# 5xx, stale reads (a read right after a completed write that does not show it), lost writes (a created source
# missing or without its last title at the end), other failures. Exits non-zero when any run had one of those.
# On two cores the processes share the same two cores with PostgreSQL, nginx and the load: the point of the
# second process is correctness, not speed-up.
set -euo pipefail
cd "$(dirname "$0")/.."

duration=${DURATION:-20}
warmup=${WARMUP:-10}
writers=${WRITERS:-4}
readers=${READERS:-4}
updates=${UPDATES:-3}
port=${PORT:-5095}
front="http://127.0.0.1:$port"
first="http://127.0.0.1:$((port + 1))"
second="http://127.0.0.1:$((port + 2))"

# shellcheck source=bench/processes.sh
. bench/processes.sh
# shellcheck source=bench/postgres.sh
. bench/postgres.sh

nginx_install
dotnet build -c Release -v quiet -nologo src/EnforcementApi >/dev/null
dotnet build -c Release -v quiet -nologo bench/MixedLoad >/dev/null

api1=""
api2=""
trap 'nginx_stop; kill $api1 $api2 2>/dev/null || true; [ -z "${pg_dir:-}" ] || bash .ci/postgres.sh stop "$pg_dir" 2>/dev/null || true' EXIT
exec 4>&1 1>&2 # the figures stay alone on stdout, progress goes to stderr
postgres_start
psql -q -h 127.0.0.1 -p "$(cat "$pg_dir/port")" -U enforcement -d postgres -c "create database cluster" >/dev/null
connection="${pg_server/Database=postgres/Database=cluster}"

# The first process migrates the empty database and loads the bundled records; the second starts on the result.
echo "Starting the first API process (it loads the bundled records)..."
start_api enforcement-cluster-api-1 "$first" "$connection" Database__Provider=postgres
api1=$started_pid
wait_ready "$first" "$api1" 600 || { echo "The first API did not start; see /tmp/enforcement-cluster-api-1.log"; exit 1; }
start_api enforcement-cluster-api-2 "$second" "$connection" Database__Provider=postgres
api2=$started_pid
wait_ready "$second" "$api2" 120 || { echo "The second API did not start; see /tmp/enforcement-cluster-api-2.log"; exit 1; }
nginx_start "$port" "127.0.0.1:$((port + 1))" "127.0.0.1:$((port + 2))"

key=$(Database__Provider=postgres ConnectionStrings__Enforcement="$connection" Logging__LogLevel__Default=Warning \
  dotnet src/EnforcementApi/bin/Release/net10.0/EnforcementApi.dll keys create --name cluster-bench --scope write | tail -n 1)
exec 1>&4 4>&-

load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
echo "EnforcementApi on PostgreSQL, one and two API processes under a mixed load: $writers writers (each source created, then retitled $updates times, each write read back at once), $readers readers, ${duration}s per run, commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)${API_SETTINGS:+, API settings: $API_SETTINGS}"
status=0
load() { # load LABEL WRITES_BASE READS_BASE [OPTIONS...]
  local label=$1 writes=$2 reads=$3
  shift 3
  dotnet bench/MixedLoad/bin/Release/net10.0/MixedLoad.dll --label "$label" --writes "$writes" --reads "$reads" --key "$key" \
    --seconds "$duration" --writers "$writers" --readers "$readers" --updates "$updates" "$@" || status=1
}
# A warm-up through nginx first, so that both processes have compiled their hot paths (.NET needs it).
load "warm-up (not measured), two processes behind nginx" "$front" "$front" --seconds "$warmup" >&2
load "(a) one process" "$first" "$first"
load "(b) two processes behind nginx" "$front" "$front"
load "(c) writes to process 1, reads from process 2" "$first" "$second"
echo "On $(nproc) cores the two processes share them with PostgreSQL, nginx and the load: the point of (b) and (c) is correctness, not speed-up."
echo "Machine: $(nproc) cores, load average $load_at_start at the start and $(cut -d' ' -f1-3 /proc/loadavg) at the end; $(postgres_version "$pg_dir"); $("$nginx_bin" -v 2>&1)"
[ -s "$nginx_dir/error.log" ] && { echo "nginx's error log:"; tail -n 5 "$nginx_dir/error.log"; }
exit $status
