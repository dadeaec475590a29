#!/usr/bin/env bash
# Read benchmark of the API in Release over a generated database. One command:
#
#   bench/run.sh            # 100,000 figures, statements and events (the database is generated once, ~1 min)
#   RECORDS=10000 bench/run.sh
#   Database__Provider=postgres API_SETTINGS=Caching__OutputCacheMegabytes=0 bench/run.sh   # SQLite and PostgreSQL side by side
#   Database__Provider=postgres PG_PROCESSES=2 API_SETTINGS=Caching__OutputCacheMegabytes=0 bench/run.sh   # and two PostgreSQL APIs behind nginx
#
# Settings (environment): RECORDS (100000), SEED (42), CONNECTIONS (8), THREADS (1), DURATION (10 s per
# case), WARMUP (15 s per case; .NET needs it to reach steady speed), PORT (5091), API_SETTINGS (more settings
# for the API as NAME=value words, e.g. Caching__OutputCacheMegabytes=0 to measure without its cache of hot reads).
# Prints one row per case: requests/s, p50 and p99 in ms, the API's CPU time per request.
#
# With Database__Provider=postgres the same cases run against a second API on PostgreSQL over the same data, in
# the same run, each case measured on SQLite and then on PostgreSQL (see bench/postgres.sh: a throwaway cluster,
# the database file copied into it). With PG_PROCESSES=2 too, a third column: two API processes on that same
# PostgreSQL database behind Debian's nginx on 127.0.0.1 (round robin; bench/processes.sh), measured through nginx;
# its API CPU is both API processes' and nginx's together.
set -euo pipefail
cd "$(dirname "$0")/.."

provider=${Database__Provider:-sqlite}
# The variable chooses what the script measures; each API gets its provider explicitly.
unset Database__Provider
records=${RECORDS:-100000}
seed=${SEED:-42}
connections=${CONNECTIONS:-8}
threads=${THREADS:-1}
duration=${DURATION:-10}
warmup=${WARMUP:-15}
port=${PORT:-5091}
pg_processes=${PG_PROCESSES:-1}
case "$pg_processes" in 1|2) ;; *) echo "PG_PROCESSES is 1 or 2"; exit 2 ;; esac
base="http://127.0.0.1:$port"
db="bench/data/bench-$records-$seed.db"

if ! command -v wrk >/dev/null; then
  echo "Installing wrk (Debian package)..."
  (apt-get install -y -qq wrk || (apt-get update -qq && apt-get install -y -qq wrk)) >/dev/null \
    || sudo -n apt-get install -y -qq wrk >/dev/null
fi

dotnet build -c Release -v quiet -nologo src/EnforcementApi >/dev/null
dotnet build -c Release -v quiet -nologo bench/Generator >/dev/null
if [ ! -f "$db" ]; then
  dotnet bench/Generator/bin/Release/net10.0/Generator.dll --out "$db" --records "$records" --seed "$seed"
fi

# shellcheck source=bench/processes.sh
. bench/processes.sh

api=""
pg_api=""
pg_api2=""
trap 'nginx_stop; kill $api $pg_api $pg_api2 2>/dev/null || true; [ -z "${pg_dir:-}" ] || bash .ci/postgres.sh stop "$pg_dir" 2>/dev/null || true' EXIT
start_api enforcement-bench-api "$base" "Data Source=$db"
api=$started_pid
wait_ready "$base" "$api" 1800 || { echo "The API did not start; see /tmp/enforcement-bench-api.log"; exit 1; }

if [ "$provider" = postgres ]; then
  # shellcheck source=bench/postgres.sh
  . bench/postgres.sh
  exec 4>&1 1>&2 # the figures stay alone on stdout, progress goes to stderr
  pg_base="http://127.0.0.1:$((port + 1))"
  postgres_start
  postgres_copy "$db"
  start_api enforcement-bench-api-postgres "$pg_base" "$pg_connection" Database__Provider=postgres
  pg_api=$started_pid
  wait_ready "$pg_base" "$pg_api" 120 || { echo "The API on PostgreSQL did not start; see /tmp/enforcement-bench-api-postgres.log"; exit 1; }
  if [ "$pg_processes" = 2 ]; then
    nginx_install
    start_api enforcement-bench-api-postgres-2 "http://127.0.0.1:$((port + 2))" "$pg_connection" Database__Provider=postgres
    pg_api2=$started_pid
    wait_ready "http://127.0.0.1:$((port + 2))" "$pg_api2" 120 || { echo "The second API on PostgreSQL did not start; see /tmp/enforcement-bench-api-postgres-2.log"; exit 1; }
    nginx_start "$((port + 3))" "127.0.0.1:$((port + 1))" "127.0.0.1:$((port + 2))"
    pg2_base="http://127.0.0.1:$((port + 3))"
    # What the third column's CPU counts: both API processes and nginx's (master and worker).
    pg2_pids="$pg_api $pg_api2 $nginx_pid $(pgrep -P "$nginx_pid" | tr '\n' ' ')"
  fi
  exec 1>&4 4>&-
fi

# The cursor of page 1,000 of the list, reached by walking it (ids only, to walk fast).
list="/api/v1/figures?sort=-periodEnd&limit=50"
cursor=""
for _ in $(seq 1 999); do
  page=$(curl -sf "$base$list&fields=id${cursor:+&cursor=$cursor}")
  cursor=$(sed -n 's/.*"nextCursor":"\([^"]*\)".*/\1/p' <<<"$page")
done

cases=(
  "two-word search|/api/v1/search?q={word}%20{word}"
  "filtered list with facets and count|/api/v1/figures?metric={metric}&facet=kind,reportedBy&count=true"
  "list, page 1|$list"
  "list, page 1,000 by cursor|$list&cursor=$cursor"
)

# ticks PID...: the CPU ticks of the processes, together.
ticks() { local pid total=0; for pid; do total=$(( total + $(awk '{print $14 + $15}' "/proc/$pid/stat") )); done; echo "$total"; }

# measure BASE PATH PIDS [TICKS_FUNCTION ARG]: warms the case up and measures it; prints requests/s, p50, p99,
# errors, the API's CPU ms per request and, with a ticks function, that one's CPU ms per request too.
measure() {
  local base=$1 path=$2 pid=$3 extra=${4:-} arg=${5:-} before after extra_before=0 extra_after=0 result
  wrk -t"$threads" -c"$connections" -d"${warmup}s" -s bench/wrk/paths.lua "$base" -- "$path" bench/words.txt >/dev/null
  # CPU time the API process spent per request: steadier than requests/s on a shared machine.
  # shellcheck disable=SC2086 # PIDS is a list
  before=$(ticks $pid)
  [ -z "$extra" ] || extra_before=$($extra "$arg")
  result=$(wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 10s -s bench/wrk/paths.lua "$base" -- "$path" bench/words.txt | grep '^RESULT')
  # shellcheck disable=SC2086
  after=$(ticks $pid)
  [ -z "$extra" ] || extra_after=$($extra "$arg")
  IFS=$'\t' read -r _ rps p50 p99 errors <<<"$result"
  awk -v r="$rps" -v p50="$p50" -v p99="$p99" -v e="$errors" -v t="$((after - before))" -v x="$((extra_after - extra_before))" \
    -v hz="$(getconf CLK_TCK)" -v d="$duration" \
    'BEGIN { n = r * d; printf "%s\t%s\t%s\t%s\t%.2f\t%.2f\n", r, p50, p99, e, (n > 0 ? t * 1000 / hz / n : 0), (n > 0 ? x * 1000 / hz / n : 0) }'
}

if [ "$provider" != postgres ]; then
  echo "EnforcementApi read benchmark: $records records of each type, wrk -t$threads -c$connections -d${duration}s, commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)${API_SETTINGS:+, API settings: $API_SETTINGS}"
  printf '| case | requests/s | p50 ms | p99 ms | API CPU ms/request | errors |\n|---|---:|---:|---:|---:|---:|\n'
  for case in "${cases[@]}"; do
    name=${case%%|*}
    path=${case#*|}
    IFS=$'\t' read -r rps p50 p99 errors cpu _ < <(measure "$base" "$path" "$api")
    printf '| %s | %s | %s | %s | %s | %s |\n' "$name" "$rps" "$p50" "$p99" "$cpu" "$errors"
  done
  exit 0
fi

# Both providers: each case on SQLite, then on PostgreSQL, each measure starting when both are idle. The cursor of
# page 1,000 was made by the SQLite API; a cursor works on either engine over the same data, and the two pages are
# compared first (a WARNING line says when they differ).
for check in "$list" "$list&cursor=$cursor" "/api/v1/figures?metric=removals&facet=kind,reportedBy&count=true"; do
  cmp -s <(curl -s "$base$check") <(curl -s "$pg_base$check") || echo "WARNING: SQLite and PostgreSQL answer $check differently" >&2
  # Twice through nginx: once from each process.
  [ -z "${pg2_base:-}" ] || for _ in 1 2; do
    cmp -s <(curl -s "$base$check") <(curl -s "$pg2_base$check") || echo "WARNING: SQLite and PostgreSQL behind nginx answer $check differently" >&2
  done
done
load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
echo "EnforcementApi read benchmark, SQLite and PostgreSQL: $records records of each type, wrk -t$threads -c$connections -d${duration}s, warm-up ${warmup}s per provider and case, commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)${API_SETTINGS:+, API settings: $API_SETTINGS}"
echo "CPU ms per request: of the API process; on PostgreSQL also of the server's processes, and the two together (on SQLite the engine runs inside the API)."
header='| case | SQLite req/s | SQLite p50 ms | SQLite p99 ms | SQLite API CPU ms/req | PG req/s | PG p50 ms | PG p99 ms | PG API CPU ms/req | PG server CPU ms/req | PG API+server CPU ms/req | req/s PG/SQLite | API CPU PG/SQLite | API+server CPU PG/SQLite | errors SQLite/PG |'
rule='|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|'
if [ "$pg_processes" = 2 ]; then
  echo "PG x2: two API processes on the same PostgreSQL database behind nginx (round robin, one worker), measured through nginx; its API CPU is both processes' and nginx's."
  header="$header PG x2 req/s | PG x2 p50 ms | PG x2 p99 ms | PG x2 APIs+nginx CPU ms/req | PG x2 server CPU ms/req | PG x2 all CPU ms/req | req/s PG x2/PG | errors PG x2 |"
  rule="$rule---:|---:|---:|---:|---:|---:|---:|---:|"
fi
printf '%s\n%s\n' "$header" "$rule"
for case in "${cases[@]}"; do
  name=${case%%|*}
  path=${case#*|}
  # shellcheck disable=SC2086 # the pids are a list
  postgres_wait_idle "$api" ${pg2_pids:-$pg_api}
  IFS=$'\t' read -r s_rps s_p50 s_p99 s_errors s_cpu _ < <(measure "$base" "$path" "$api")
  # shellcheck disable=SC2086
  postgres_wait_idle "$api" ${pg2_pids:-$pg_api}
  IFS=$'\t' read -r p_rps p_p50 p_p99 p_errors p_cpu p_server < <(measure "$pg_base" "$path" "$pg_api" postgres_ticks "$pg_dir")
  awk -v n="$name" -v sr="$s_rps" -v s50="$s_p50" -v s99="$s_p99" -v sc="$s_cpu" -v se="$s_errors" \
      -v pr="$p_rps" -v p50="$p_p50" -v p99="$p_p99" -v pc="$p_cpu" -v ps="$p_server" -v pe="$p_errors" 'BEGIN {
    both = pc + ps
    printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %.2f | %.2f | %.2f | %.2f | %s/%s |", n, sr, s50, s99, sc, pr, p50, p99, pc, ps, both,
      (sr > 0 ? pr / sr : 0), (sc > 0 ? pc / sc : 0), (sc > 0 ? both / sc : 0), se, pe }'
  if [ "$pg_processes" = 2 ]; then
    # shellcheck disable=SC2086
    postgres_wait_idle "$api" $pg2_pids
    IFS=$'\t' read -r q_rps q_p50 q_p99 q_errors q_cpu q_server < <(measure "$pg2_base" "$path" "$pg2_pids" postgres_ticks "$pg_dir")
    awk -v pr="$p_rps" -v qr="$q_rps" -v q50="$q_p50" -v q99="$q_p99" -v qc="$q_cpu" -v qs="$q_server" -v qe="$q_errors" 'BEGIN {
      printf " %s | %s | %s | %s | %s | %.2f | %.2f | %s |", qr, q50, q99, qc, qs, qc + qs, (pr > 0 ? qr / pr : 0), qe }'
  fi
  echo
done
[ "$pg_processes" = 1 ] || echo "On $(nproc) cores the second process shares them with the first, PostgreSQL, nginx and wrk: the point of PG x2 is that it works, not a speed-up."
echo "Target on PostgreSQL: uncached reads within 1.5 x the SQLite API's CPU per request (the last ratio column, the API and the server together)."
echo "Machine: $(nproc) cores, load average $load_at_start at the start and $(cut -d' ' -f1-3 /proc/loadavg) at the end; $(postgres_version "$pg_dir")"
