#!/usr/bin/env bash
# Speed of the HTML pages, in Release, over the generated database of bench/run.sh. One command:
#
#   bench/pages.sh            # 100,000 records of each type (the database is generated once, ~1 min)
#   RECORDS=10000 REQUESTS=200 bench/pages.sh
#
# Each case sends REQUESTS (300) requests one after another on one kept-alive connection, after WARMUP (100)
# of the same, and prints the server time the page reports (Server-Timing: page;dur=, from the handler's
# start to the last byte rendered: queries and rendering), p50 and p95, and the wall time of the page and
# of the API's JSON for the same query, measured in the same run: the ratio says what the HTML costs on
# top of the query. The output cache is off, so every request renders; the counts' cache (QueryCache) is
# on, as in production. Settings: RECORDS (100000), SEED (42), REQUESTS (300), WARMUP (100), PORT (5093).
set -euo pipefail
cd "$(dirname "$0")/.."

records=${RECORDS:-100000}
seed=${SEED:-42}
requests=${REQUESTS:-300}
warmup=${WARMUP:-100}
port=${PORT:-5093}
base="http://127.0.0.1:$port"
db="bench/data/bench-$records-$seed.db"

dotnet build -c Release -v quiet -nologo src/EnforcementApi >/dev/null
dotnet build -c Release -v quiet -nologo bench/Generator >/dev/null
if [ ! -f "$db" ]; then
  dotnet bench/Generator/bin/Release/net10.0/Generator.dll --out "$db" --records "$records" --seed "$seed"
fi

ConnectionStrings__Enforcement="Data Source=$db" Logging__LogLevel__Default=Warning Caching__OutputCacheMegabytes=0 \
  Limits__ReadsPerMinute=1000000000 Limits__WritesPerMinute=1000000000 \
  exec -a enforcement-bench-pages dotnet src/EnforcementApi/bin/Release/net10.0/EnforcementApi.dll --urls "$base" >/tmp/enforcement-bench-pages.log 2>&1 &
api=$!
trap 'kill $api 2>/dev/null || true' EXIT
for _ in $(seq 1 1200); do  # the first start over a new database migrates it and loads the bundled records
  curl -sf "$base/health/ready" >/dev/null && break
  sleep 0.1
done
curl -sf "$base/health/ready" >/dev/null || { echo "The API did not start; see /tmp/enforcement-bench-pages.log"; exit 1; }

figure=$(curl -sf "$base/api/v1/figures?limit=1&fields=id" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
metric=$(curl -sf "$base/api/v1/metrics" | sed -n 's/^{"items":\[{"id":"\([^"]*\)".*/\1/p')

echo "EnforcementApi pages benchmark: $records records of each type, $requests requests per case after $warmup, commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
python3 - "$port" "$requests" "$warmup" "$figure" "$metric" <<'PY'
import http.client, statistics, sys, time

port, requests, warmup, figure, metric = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
cases = [
    ("figures page, 50 rows", "/figures?limit=50", "/api/v1/figures?limit=50&count=true"),
    ("figures page, 50 rows, filtered and sorted", f"/figures?limit=50&metric={metric}&kind=actual&sort=-value",
     f"/api/v1/figures?limit=50&metric={metric}&kind=actual&sort=-value&count=true"),
    ("one figure", f"/figures/{figure}", f"/api/v1/figures/{figure}"),
    ("series chart", f"/charts/series?metric={metric}&interval=month", f"/api/v1/figures/series?metric={metric}&interval=month"),
]
connection = http.client.HTTPConnection("127.0.0.1", port)

def fetch(path):
    started = time.perf_counter()
    connection.request("GET", path, headers={"Accept": "text/html" if not path.startswith("/api") else "application/json"})
    response = connection.getresponse()
    response.read()
    wall = (time.perf_counter() - started) * 1000
    if response.status != 200:
        raise SystemExit(f"{path} answered {response.status}")
    timing = response.getheader("Server-Timing")
    server = float(timing.split("dur=")[1]) if timing else None
    return wall, server

def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]

print("| case | page server p50 ms | page server p95 ms | page wall p50 ms | API JSON wall p50 ms | page ÷ API |")
print("|---|---:|---:|---:|---:|---:|")
for name, page, api in cases:
    for _ in range(warmup):
        fetch(page); fetch(api)
    page_wall, page_server, api_wall = [], [], []
    # Interleaved, so that a noisy neighbour slows both alike.
    for _ in range(requests):
        wall, server = fetch(page)
        page_wall.append(wall); page_server.append(server)
        api_wall.append(fetch(api)[0])
    p50 = statistics.median(page_wall)
    a50 = statistics.median(api_wall)
    print(f"| {name} | {statistics.median(page_server):.2f} | {pct(page_server, 95):.2f} | {p50:.2f} | {a50:.2f} | {p50 / a50:.2f} |")
PY
