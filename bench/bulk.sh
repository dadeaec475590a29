#!/usr/bin/env bash
# Bulk benchmark: N figures (one citation each) imported from NDJSON by the command line, 100,000 of them through
# the API (as a job), then all N exported as NDJSON and CSV through the API; and the reads of a bulk-imported
# database against one loaded row by row. Prints records/s, seconds and the peak memory (VmHWM) of the process
# that did the work, and each rate against a bare baseline measured in the same run (bench/BulkBaseline: the
# same rows into the same tables of a migrated database, one prepared command per table in one transaction,
# the secondary indexes dropped first and made after), with the issue's target and whether it is met.
#
#   bench/bulk.sh                 # 1,000,000 figures
#   FIGURES=100000 bench/bulk.sh
#
# Settings (environment): FIGURES (1000000), API_FIGURES (100000, at most FIGURES), READ_SECONDS (5 per query and
# database, after as long a warm-up), PORT (5092). Each import runs on a fresh database (bundled records only).
# The NDJSON files are generated once into bench/data/.
#
# With Database__Provider=postgres it runs bench/bulk-postgres.sh instead: the command line's import into SQLite and
# into PostgreSQL side by side, against a bare COPY of the same rows into PostgreSQL (FIGURES as here).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${Database__Provider:-sqlite}" = postgres ]; then exec env -u Database__Provider bash bench/bulk-postgres.sh; fi

figures=${FIGURES:-1000000}
api_figures=${API_FIGURES:-100000}
[ "$api_figures" -gt "$figures" ] && api_figures=$figures
read_seconds=${READ_SECONDS:-5}
port=${PORT:-5092}
base="http://127.0.0.1:$port"
data=bench/data
file="$data/figures-$figures.ndjson"
api_file="$data/figures-$api_figures.ndjson"
mkdir -p "$data"

if ! command -v wrk >/dev/null; then
  echo "Installing wrk (Debian package)..."
  (apt-get install -y -qq wrk || (apt-get update -qq && apt-get install -y -qq wrk)) >/dev/null \
    || sudo -n apt-get install -y -qq wrk >/dev/null
fi

dotnet build -c Release -v quiet -nologo src/EnforcementApi >/dev/null
dotnet build -c Release -v quiet -nologo bench/BulkBaseline >/dev/null
app=src/EnforcementApi/bin/Release/net10.0/EnforcementApi.dll
baseline=bench/BulkBaseline/bin/Release/net10.0/BulkBaseline.dll

# generate N FILE [noids]: with noids the figures have no id and similar ones share their words, so the API makes them.
generate() {
  python3 - "$1" "$2" "${3:-}" <<'PY'
import json, sys
n, path, noids = int(sys.argv[1]), sys.argv[2], sys.argv[3] == "noids"
metrics = ["arrests", "removals", "returns", "book_ins", "encounters"]
with open(path, "w") as f:
    f.write(json.dumps({"type": "source", "id": "bench-bulk-source", "kind": "dataset", "title": "Bench bulk dataset", "language": "en"}) + "\n")
    for i in range(n):
        month = i % 12 + 1
        f.write(json.dumps(({} if noids else {"id": f"bench-bulk-{i}"}) | {"type": "figure", "metric": metrics[i % 5], "kind": "actual", "value": i % 100000,
            "unit": "people", "periodStart": f"2024-{month:02d}-01", "periodEnd": f"2024-{month:02d}-28", "scope": f"Area {i % 25}",
            "reportedBy": {"id": "dhs"}, "citations": [{"sourceId": "bench-bulk-source", "excerpt": f"{i % 100000} people in row {i}"}]}) + "\n")
PY
}
[ -f "$file" ] || generate "$figures" "$file"
[ -f "$api_file" ] || generate "$api_figures" "$api_file"
noids_file="$data/figures-$api_figures-noids.ndjson"
[ -f "$noids_file" ] || generate "$api_figures" "$noids_file" noids

echo "EnforcementApi bulk benchmark: $figures figures ($(($(stat -c %s "$file") / 1024 / 1024)) MiB of NDJSON), $(nproc) cores, commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { print b - a }'; }
peak() { awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$1/status" 2>/dev/null || echo "?"; }
fresh() { rm -f "$1" "$1"-*; ConnectionStrings__Enforcement="Data Source=$1" dotnet "$app" migrate >/dev/null; }

# Runs a command and notes its wall time, CPU time (user + system) and peak RSS: sets ran_seconds, ran_cpu, ran_peak.
run_timed() {
  /usr/bin/time -f '%e %U %S %M' -o /tmp/enforcement-bulk-time "$@"
  read -r ran_seconds user sys kb </tmp/enforcement-bulk-time
  ran_cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
  ran_peak=$((kb / 1024))
}
# CPU seconds (user + system) a process has used so far.
cpu_of() { awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$1/stat"; }

rows=()
# row OPERATION RECORDS SECONDS CPU_SECONDS PEAK BASELINE_RATE RATE_TARGET RATIO_TARGET [WHAT_THE_RATIO_IS_TO]
row() {
  rows+=("$(awk -v op="$1" -v n="$2" -v s="$3" -v c="$4" -v m="$5" -v b="$6" -v t="$7" -v rt="$8" -v rn="${9:-baseline}" 'BEGIN {
    rate = n / s
    ratio = b == "" ? "" : sprintf("%.2f", rate / b)
    target = (t == "" ? "" : "≥ " t " records/s") (rt == "" ? "" : (t == "" ? "" : ", ") "≥ " rt " of " rn)
    met = (t == "" || rate >= t) && (rt == "" || ratio >= rt) ? "yes" : "no"
    if (t == "" && rt == "") met = ""
    printf "| %s | %.0f | %.1f | %.1f | %s | %s | %s | %s |", op, rate, s, c, m, ratio, target, met
  }')")
}

# start_api DATABASE [SETTING=VALUE...]
start_api() {
  local db=$1; shift
  # The request timeout (30 s by default) would stop a long export; the benchmark lifts it, and the rate limit.
  env "$@" ConnectionStrings__Enforcement="Data Source=$db" Api__MaxImportBytes=$(($(stat -c %s "$file") + 1)) Limits__RequestTimeoutSeconds=3600 \
    Limits__ReadsPerMinute=1000000000 Limits__WritesPerMinute=1000000000 Logging__LogLevel__Default=Warning \
    dotnet "$app" --urls "$base" >/tmp/enforcement-bulk.log 2>&1 &
  api=$!
  for _ in $(seq 1 200); do curl -sf "$base/health/ready" >/dev/null && return; sleep 0.1; done
  echo "The API did not start; see /tmp/enforcement-bulk.log"; exit 1
}
stop_api() { kill $api; wait $api 2>/dev/null || true; }
trap 'kill ${api:-} 2>/dev/null || true' EXIT

# The baseline: the same rows, bare.
db="$data/bulk-baseline.db"; fresh "$db"
run_timed dotnet "$baseline" "$db" "$file" >/dev/null 2>&1
baseline_rate=$(awk -v n="$((figures + 1))" -v s="$ran_seconds" 'BEGIN { print n / s }')
row "baseline: bare load (bench/BulkBaseline)" $((figures + 1)) "$ran_seconds" "$ran_cpu" "$ran_peak" "" "" ""

# The command line, on a fresh database.
db="$data/bulk-cli.db"; fresh "$db"
run_timed env ConnectionStrings__Enforcement="Data Source=$db" dotnet "$app" import --quiet "$file" >/tmp/enforcement-bulk-cli.json
row "import, command line" $((figures + 1)) "$ran_seconds" "$ran_cpu" "$ran_peak" "$baseline_rate" 50000 0.5

# The API, on another fresh database: one POST as a job (Prefer: respond-async), timed until the job has ended.
# Then the same figures without ids, on a fresh database: the API makes each id (issue 24: ≥ 0.9 of the import with ids).
api_import() { # FILE DATABASE: sets seconds and cpu
  fresh "$2"
  key=$(ConnectionStrings__Enforcement="Data Source=$2" dotnet "$app" keys create --name bench --scope write | tail -n 1)
  start_api "$2"
  c0=$(cpu_of $api)
  t0=$(now)
  location=$(curl -sf -X POST "$base/api/v1/import" -H "Authorization: Bearer $key" -H 'Content-Type: application/x-ndjson' \
    -H 'Prefer: respond-async' -H 'Expect:' --data-binary @"$1" -o /dev/null -w '%header{location}')
  while :; do
    state=$(curl -sf "$base$location" -H "Authorization: Bearer $key" | sed -n 's/.*"state":"\([a-z]*\)".*/\1/p')
    [ "$state" = succeeded ] || [ "$state" = failed ] && break
    sleep 0.1
  done
  seconds=$(since "$t0")
  [ "$state" = succeeded ] || { echo "The API import failed: $(curl -s "$base$location" -H "Authorization: Bearer $key")"; exit 1; }
  cpu=$(awk -v a="$c0" -v b="$(cpu_of $api)" 'BEGIN { print b - a }')
}
api_import "$api_file" "$data/bulk-api.db"
row "import, API (job)" $((api_figures + 1)) "$seconds" "$cpu" "$(peak $api)" "$baseline_rate" 20000 ""
with_ids_rate=$(awk -v n="$((api_figures + 1))" -v s="$seconds" 'BEGIN { print n / s }')
stop_api
api_import "$noids_file" "$data/bulk-api-noids.db"
row "import, API (job), without ids (ratio: to the API with ids)" $((api_figures + 1)) "$seconds" "$cpu" "$(peak $api)" "$with_ids_rate" 10000 0.9 "the API with ids"
stop_api

# Exports of the command line's database, from one API process (peak RSS is the process's since start).
start_api "$data/bulk-cli.db"
for format in ndjson csv; do
  c0=$(cpu_of $api)
  t0=$(now)
  curl -sf "$base/api/v1/export/figures?format=$format" -o /tmp/enforcement-bulk-export.$format
  seconds=$(since "$t0")
  exported=$(wc -l </tmp/enforcement-bulk-export.$format)
  [ $format = csv ] && exported=$((exported - 1)) # the header
  row "export $format, API" "$exported" "$seconds" "$(awk -v a="$c0" -v b="$(cpu_of $api)" 'BEGIN { print b - a }')" "$(peak $api)" "" 150000 ""
done
stop_api
rm -f /tmp/enforcement-bulk-export.*

echo
printf '| operation | records/s | seconds | CPU s | peak RSS MB | ratio to baseline | target | met |\n|---|---:|---:|---:|---:|---:|---|---|\n'
printf '%s\n' "${rows[@]}"

# Reads: the API's database (imported in bulk) against the same records loaded row by row by the baseline, with
# every index and the search index kept up to date at each insert. The same queries on both, served by two API
# processes at once (without the output cache) and measured in turn (bulk, row by row, bulk, row by row), so
# that both meet the same load.
db="$data/bulk-rows.db"; fresh "$db"
run_timed dotnet "$baseline" "$db" "$api_file" --row-by-row >/dev/null 2>&1
rows_seconds=$ran_seconds
# The server-side cache of hot reads is off: every request runs its SQL on the database.
start_api "$data/bulk-api.db" Caching__OutputCacheMegabytes=0; api_bulk=$api
base_bulk=$base
port=$((port + 1)); base="http://127.0.0.1:$port"
start_api "$data/bulk-rows.db" Caching__OutputCacheMegabytes=0; api_rows=$api
base_rows=$base
trap 'kill $api_bulk $api_rows 2>/dev/null || true' EXIT
cases=(
  "filtered list with facets and count|/api/v1/figures?metric=removals&facet=kind,reportedBy&count=true"
  "list sorted by value, page 1|/api/v1/figures?sort=-value&limit=50"
  "list by period, page 1|/api/v1/figures?sort=-periodEnd&limit=50"
  "two-word search|/api/v1/search?q={word}%20{word}"
)
measure() {
  wrk -t1 -c4 -d"${read_seconds}s" --timeout 10s -s bench/wrk/paths.lua "$1" -- "$2" bench/words.txt | grep '^RESULT' | cut -f2
}
echo
echo "Reads on $api_figures figures, bulk-imported (API) against loaded row by row (bench/BulkBaseline --row-by-row, $(awk -v s="$rows_seconds" 'BEGIN { printf "%.0f", s }') s), wrk -t1 -c4 -d${read_seconds}s, output cache off, two runs each in turn, mean:"
printf '| query | requests/s, bulk import | requests/s, row by row | ratio | target | met |\n|---|---:|---:|---:|---|---|\n'
for case in "${cases[@]}"; do
  name=${case%%|*}
  path=${case#*|}
  measure "$base_bulk" "$path" >/dev/null; measure "$base_rows" "$path" >/dev/null # warm-up
  b1=$(measure "$base_bulk" "$path"); r1=$(measure "$base_rows" "$path")
  b2=$(measure "$base_bulk" "$path"); r2=$(measure "$base_rows" "$path")
  awk -v n="$name" -v b1="$b1" -v b2="$b2" -v r1="$r1" -v r2="$r2" 'BEGIN {
    b = (b1 + b2) / 2; r = (r1 + r2) / 2; ratio = b / r
    printf "| %s | %.0f | %.0f | %.2f | ≥ 0.90 | %s |\n", n, b, r, ratio, (ratio >= 0.9 ? "yes" : "no")
  }'
done
kill $api_bulk $api_rows; wait $api_bulk $api_rows 2>/dev/null || true
