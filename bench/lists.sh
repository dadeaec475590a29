#!/usr/bin/env bash
# Every list's every filter with every sort (each way, and the default), one request at a time against the API in
# Release with its output cache off, so every request reads the database; then each figures sort's page 200 by
# cursor against its page 1. The cases come from the checked-in contract (bench/lists.py), as the plan tests' do.
#
#   bench/lists.sh                                 # 1,000,000 figures
#   FIGURES=100000 REQUESTS=50 bench/lists.sh
#
# Settings (environment): FIGURES (1000000), OTHERS (20000 statements and as many events), SEED (42), REQUESTS (100
# per case, after 3 to warm up), TARGET_MS (25, the p99 target), PORT (5094). The database is generated once into
# bench/data/ by bench/Generator (several minutes for a million figures) and reused after.
set -euo pipefail
cd "$(dirname "$0")/.."

figures=${FIGURES:-1000000}
others=${OTHERS:-20000}
seed=${SEED:-42}
requests=${REQUESTS:-100}
target_ms=${TARGET_MS:-25}
base="http://127.0.0.1:${PORT:-5094}"
db="bench/data/lists-$figures-$seed.db"
log=$(mktemp)

if curl -s -o /dev/null "$base/"; then echo "Something already listens on $base; set PORT."; exit 1; fi
dotnet build -c Release -v quiet -nologo src/EnforcementApi >/dev/null
if [ ! -f "$db" ]; then
  dotnet build -c Release -v quiet -nologo bench/Generator >/dev/null
  dotnet bench/Generator/bin/Release/net10.0/Generator.dll --out "$db" --records "$figures" --others "$others" --seed "$seed"
fi

ConnectionStrings__Enforcement="Data Source=$db" Caching__OutputCacheMegabytes=0 Logging__LogLevel__Default=Warning \
  Limits__ReadsPerMinute=1000000000 \
  dotnet src/EnforcementApi/bin/Release/net10.0/EnforcementApi.dll --urls "$base" >"$log" 2>&1 &
api=$!
trap 'kill $api 2>/dev/null; wait $api 2>/dev/null; rm -f "$log"' EXIT
# A first start on a new file gives every record its first revision: minutes at a million figures.
deadline=$(( $(date +%s) + 3600 ))
until curl -sf -o /dev/null --max-time 2 "$base/health/ready"; do
  kill -0 $api 2>/dev/null && [ "$(date +%s)" -lt "$deadline" ] || { echo "The API did not start:"; tail -20 "$log"; exit 1; }
  sleep 0.2
done

echo "EnforcementApi lists benchmark: $figures figures, $others statements and events; output cache off; one connection;"
echo "$requests requests per case; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo
python3 bench/lists.py "$base" "$requests" "$target_ms"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
