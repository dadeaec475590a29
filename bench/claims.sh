#!/usr/bin/env bash
# The claims check's agreement and speed: each claim of the checked-in set (tests/EnforcementApi.Tests/Claims/claim-set.json:
# real sentences quoted verbatim from the bundled sources, and sentences written to test the rules, each with the verdict a
# careful reader gives against the bundled records) is checked as of its own day, and the verdicts are compared; then a
# 100-word text made of the set's real claims is checked REPEAT times (the whole check as the endpoint runs it: the
# database's reads, the pipeline, the comparison; not the HTTP round trip), on a fresh database with the bundled dataset,
# in a Release build; then the held-out set (annotated before the check first ran on it). Prints every verdict, the
# agreement, and p50/p95. Usage: bench/claims.sh [REPEAT]
set -euo pipefail
cd "$(dirname "$0")/.."
repeat="${1:-200}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dotnet build src/EnforcementApi -c Release -v quiet -nologo >/dev/null
export ConnectionStrings__Enforcement="Data Source=$work/claims.db"
echo "== claim set (tests/EnforcementApi.Tests/Claims/claim-set.json)"
dotnet src/EnforcementApi/bin/Release/net10.0/EnforcementApi.dll claims evaluate --set "$PWD/tests/EnforcementApi.Tests/Claims/claim-set.json" --repeat "$repeat"
echo
echo "== held-out set (tests/EnforcementApi.Tests/Claims/holdout-set.json; its timing line is of its own texts)"
dotnet src/EnforcementApi/bin/Release/net10.0/EnforcementApi.dll claims evaluate --set "$PWD/tests/EnforcementApi.Tests/Claims/holdout-set.json" --repeat 20
echo

# The same 100-word text over HTTP: POSTed (a POST is never answered from the cache) to the Release server on the same database.
port="${CLAIMS_BENCH_PORT:-5394}"
Limits__ReadsPerMinute=1000000000 Logging__LogLevel__Default=Warning \
  dotnet src/EnforcementApi/bin/Release/net10.0/EnforcementApi.dll --urls "http://127.0.0.1:$port" >"$work/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
python3 - "$port" "$repeat" "$PWD/tests/EnforcementApi.Tests/Claims/claim-set.json" <<'PY'
import json, sys, time, urllib.request
port, repeat, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
claims = [c for c in json.load(open(path, encoding='utf-8'))['claims'] if c['written'] is None]
words = [w for c in claims for w in c['text'].split()][:100]
text = ' '.join(words).encode('utf-8')
url = f'http://127.0.0.1:{port}/api/v1/claims/check?asOf=2025-06-01'
def post():
    request = urllib.request.Request(url, data=text, headers={'Content-Type': 'text/plain'}, method='POST')
    with urllib.request.urlopen(request) as response:
        return json.load(response)
for _ in range(10): answer = post()
times = []
for _ in range(repeat):
    start = time.perf_counter(); post(); times.append((time.perf_counter() - start) * 1000)
times.sort()
print(f"over HTTP, text of {len(words)} words ({len(answer['claims'])} claims): p50 {times[len(times)//2]:.3f} ms, "
      f"p95 {times[int(len(times)*0.95)]:.3f} ms, max {times[-1]:.3f} ms over {repeat} POSTs")
PY
