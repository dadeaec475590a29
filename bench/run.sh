#!/usr/bin/env bash
# Read benchmark of the API in Release over a generated database. One command:
#
#   bench/run.sh            # 100,000 figures, statements and events (the database is generated once, ~1 min)
#   RECORDS=10000 bench/run.sh
#
# Settings (environment): RECORDS (100000), SEED (42), CONNECTIONS (8), THREADS (1), DURATION (10 s per
# case), WARMUP (15 s per case; .NET needs it to reach steady speed), PORT (5091). Prints one row per case: requests/s, p50 and p99 in ms.
set -euo pipefail
cd "$(dirname "$0")/.."

records=${RECORDS:-100000}
seed=${SEED:-42}
connections=${CONNECTIONS:-8}
threads=${THREADS:-1}
duration=${DURATION:-10}
warmup=${WARMUP:-15}
port=${PORT:-5091}
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

# The rate limit is for the public; the benchmark measures the server, so it lifts it.
ConnectionStrings__Enforcement="Data Source=$db" Logging__LogLevel__Default=Warning \
  Limits__ReadsPerMinute=1000000000 Limits__WritesPerMinute=1000000000 \
  exec -a enforcement-bench-api dotnet src/EnforcementApi/bin/Release/net10.0/EnforcementApi.dll --urls "$base" >/tmp/enforcement-bench.log 2>&1 &
api=$!
trap 'kill $api 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -sf "$base/health/ready" >/dev/null && break
  sleep 0.1
done
curl -sf "$base/health/ready" >/dev/null || { echo "The API did not start; see /tmp/enforcement-bench.log"; exit 1; }

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

echo "EnforcementApi read benchmark: $records records of each type, wrk -t$threads -c$connections -d${duration}s, commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
printf '| case | requests/s | p50 ms | p99 ms | API CPU ms/request | errors |\n|---|---:|---:|---:|---:|---:|\n'
for case in "${cases[@]}"; do
  name=${case%%|*}
  path=${case#*|}
  wrk -t"$threads" -c"$connections" -d"${warmup}s" -s bench/wrk/paths.lua "$base" -- "$path" bench/words.txt >/dev/null
  # CPU time the API process spent per request: steadier than requests/s on a shared machine.
  before=$(awk '{print $14 + $15}' "/proc/$api/stat")
  result=$(wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 10s -s bench/wrk/paths.lua "$base" -- "$path" bench/words.txt | grep '^RESULT')
  after=$(awk '{print $14 + $15}' "/proc/$api/stat")
  IFS=$'\t' read -r _ rps p50 p99 errors <<<"$result"
  cpu=$(awk -v t="$((after - before))" -v hz="$(getconf CLK_TCK)" -v n="$rps" -v d="$duration" 'BEGIN { printf "%.2f", t * 1000 / hz / (n * d) }')
  printf '| %s | %s | %s | %s | %s | %s |\n' "$name" "$rps" "$p50" "$p99" "$cpu" "$errors"
done
