#!/usr/bin/env bash
# Bulk benchmark: import N figures from NDJSON through the API and through the command line, then export
# them as NDJSON and CSV (API). Prints records/s and the peak memory (VmHWM) of the process that did the work.
#
#   bench/bulk.sh                 # 1,000,000 figures
#   FIGURES=100000 bench/bulk.sh
#
# Each import runs on a fresh database (bundled records only). The NDJSON file is generated once into bench/data/.
set -euo pipefail
cd "$(dirname "$0")/.."

figures=${FIGURES:-1000000}
port=${PORT:-5092}
base="http://127.0.0.1:$port"
data=bench/data
file="$data/figures-$figures.ndjson"
mkdir -p "$data"

dotnet build -c Release -v quiet -nologo src/EnforcementApi >/dev/null
app=src/EnforcementApi/bin/Release/net10.0/EnforcementApi.dll

if [ ! -f "$file" ]; then
  python3 - "$figures" "$file" <<'PY'
import json, sys
n, path = int(sys.argv[1]), sys.argv[2]
metrics = ["arrests", "removals", "returns", "book_ins", "encounters"]
with open(path, "w") as f:
    f.write(json.dumps({"type": "source", "id": "bench-bulk-source", "kind": "dataset", "title": "Bench bulk dataset", "language": "en"}) + "\n")
    for i in range(n):
        month = i % 12 + 1
        f.write(json.dumps({"type": "figure", "id": f"bench-bulk-{i}", "metric": metrics[i % 5], "kind": "actual", "value": i % 100000,
            "unit": "people", "periodStart": f"2024-{month:02d}-01", "periodEnd": f"2024-{month:02d}-28", "scope": f"Area {i % 25}",
            "reportedBy": {"id": "dhs"}, "citations": [{"sourceId": "bench-bulk-source", "excerpt": f"{i % 100000} people in row {i}"}]}) + "\n")
PY
fi
bytes=$(stat -c %s "$file")
echo "EnforcementApi bulk benchmark: $figures figures ($((bytes / 1024 / 1024)) MiB of NDJSON), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
printf '| operation | records/s | seconds | peak RSS MB |\n|---|---:|---:|---:|\n'

peak() { awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$1/status" 2>/dev/null || echo "?"; }
row() { awk -v n="$figures" -v s="$2" -v m="$3" -v op="$1" 'BEGIN { printf "| %s | %.0f | %.1f | %s |\n", op, n / s, s, m }'; }

start_api() {
  # The request timeout (30 s by default) would stop a long import; the benchmark lifts it.
  ConnectionStrings__Enforcement="Data Source=$1" Api__MaxImportBytes=$((bytes + 1)) Limits__RequestTimeoutSeconds=3600 Logging__LogLevel__Default=Warning \
    dotnet "$app" --urls "$base" >/tmp/enforcement-bulk.log 2>&1 &
  api=$!
  for _ in $(seq 1 200); do curl -sf "$base/health/ready" >/dev/null && return; sleep 0.1; done
  echo "The API did not start; see /tmp/enforcement-bulk.log"; exit 1
}

# Through the API: a fresh database, a key, one POST.
db="$data/bulk-api.db"; rm -f "$db" "$db"-*
key=$(ConnectionStrings__Enforcement="Data Source=$db" dotnet "$app" keys create --name bench --scope write | tail -n 1)
start_api "$db"
trap 'kill $api 2>/dev/null || true' EXIT
t0=$(date +%s.%N)
curl -sf -X POST "$base/api/v1/import" -H "Authorization: Bearer $key" -H 'Content-Type: application/x-ndjson' \
  -H 'Expect:' --data-binary @"$file" >/tmp/enforcement-bulk-import.json
t1=$(date +%s.%N)
row "import, API" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" "$(peak $api)"

# Exports of what was imported, from the same API process (peak RSS is the process's since start).
for format in ndjson csv; do
  t0=$(date +%s.%N)
  curl -sf "$base/api/v1/export/figures?format=$format" -o /tmp/enforcement-bulk-export.$format
  t1=$(date +%s.%N)
  row "export $format, API" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" "$(peak $api)"
done
kill $api; wait $api 2>/dev/null || true

# Through the command line: another fresh database.
db="$data/bulk-cli.db"; rm -f "$db" "$db"-*
ConnectionStrings__Enforcement="Data Source=$db" dotnet "$app" migrate >/dev/null
t0=$(date +%s.%N)
ConnectionStrings__Enforcement="Data Source=$db" dotnet "$app" import "$file" >/tmp/enforcement-bulk-cli.json &
cli=$!
cli_peak=0
while kill -0 $cli 2>/dev/null; do
  p=$(peak $cli); [ "$p" != "?" ] && [ "$p" -gt "$cli_peak" ] && cli_peak=$p
  sleep 0.2
done
wait $cli
t1=$(date +%s.%N)
row "import, command line" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" "$cli_peak"
