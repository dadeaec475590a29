#!/usr/bin/env bash
# The outside checks: clients generated from the checked-in contract by tools we did not write, run against
# the real API on a new database with the bundled records, and a validating proxy in front of it.
#   1. Kiota (C#): every GET with real ids, a cursor, the curation flow through decompressing handlers,
#      draft items accepted and read typed.
#   2. NSwag (C#, System.Text.Json): the drafts, the six exports and the download, an import (sync and job).
#   3. Prism (proxy mode): a corpus of requests over every operation; 0 contract violations.
#   4. openapi-typescript: the types compile under tsc --strict, and so do the README's request bodies.
# Every tool's version is pinned (.config/dotnet-tools.json, .ci/clients/package-lock.json); their installs are
# cached (~/.nuget/packages, ~/.npm), so a second run downloads nothing. Needs the .NET SDK and Node.js/npm.
# Prints one line per check, then "clients: N passed, N failed" last; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/../.."
here=.ci/clients
generated=$here/generated
work=$(mktemp -d)
passed=0
failed=0
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

step() { # step NAME COMMAND...: runs the command, counts it
  local name=$1 started=$SECONDS
  shift
  if "$@"; then
    passed=$((passed + 1)); echo "== $name: passed ($((SECONDS - started)) s)"
  else
    failed=$((failed + 1)); echo "== $name: FAILED ($((SECONDS - started)) s)"
  fi
}
finish() {
  echo "clients: $passed passed, $failed failed"
  [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
  exit $?
}
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
wait_for() { # wait_for URL SECONDS (node's fetch: the machine may have no curl)
  for _ in $(seq 1 "$2"); do
    node -e 'fetch(process.argv[1]).then(() => process.exit(0), () => process.exit(1))' "$1" && return 0
    sleep 1
  done
  return 1
}

echo "== tools (pinned; cached after the first run)"
if ! dotnet tool restore >"$work/tools.log" 2>&1 || ! (cd $here && npm ci --prefer-offline --no-audit --no-fund >"$work/npm.log" 2>&1); then
  cat "$work/tools.log" "$work/npm.log" 2>/dev/null
  failed=$((failed + 1)); echo "== tools: FAILED"; finish
fi

echo "== generate clients from openapi/enforcement-api.v1.json"
rm -rf "$generated" && mkdir -p "$generated"
generate() {
  # Kiota: merge patches are JSON (the PATCH and accept bodies); without the setting they would be streams.
  KIOTA_UPDATE__DISABLED=true dotnet kiota generate -l CSharp -d openapi/enforcement-api.v1.json -o "$generated/kiota" \
    -c EnforcementClient -n EnforcementApi.Kiota -m "application/merge-patch+json" -m "application/json;q=0.9" -m "text/plain;q=0.5" \
    --ebc --co --ll Error >"$work/kiota.log" 2>&1 || { cat "$work/kiota.log"; return 1; }
  # NSwag: System.Text.Json at 9.0 writes enums by their wire names (JsonStringEnumMemberName); at 8.0, C# names.
  dotnet nswag openapi2csclient /input:openapi/enforcement-api.v1.json /output:"$generated/NswagClient.cs" \
    /namespace:EnforcementApi.Nswag /className:EnforcementClient /JsonLibrary:SystemTextJson /JsonLibraryVersion:9.0 \
    /GenerateClientInterfaces:false /UseBaseUrl:false /GenerateOptionalParameters:true >"$work/nswag.log" 2>&1 \
    || { cat "$work/nswag.log"; return 1; }
  # openapi-typescript: a field with a default may be left out of a write body, so it stays optional.
  (cd $here && npx --no-install openapi-typescript ../../openapi/enforcement-api.v1.json -o generated/api.d.ts \
    --default-non-nullable false >"$work/ts.log" 2>&1) || { cat "$work/ts.log"; return 1; }
}
step "generate (Kiota 1.38.0, NSwag 14.8.0, openapi-typescript 7.13.0)" generate || true

typescript() {
  (cd $here && node readme-bodies.mjs ../../README.md ../../openapi/enforcement-api.v1.json generated/readme-bodies.ts \
    && npx --no-install tsc -p tsconfig.json)
}
step "TypeScript: the types and the README's request bodies under tsc --strict" typescript

echo "== build the API and the client checks"
if ! dotnet build src/EnforcementApi -v quiet -nologo >"$work/build.log" 2>&1 \
  || ! dotnet build $here/ClientChecks -v quiet -nologo >>"$work/build.log" 2>&1; then
  grep -E "error|Error" "$work/build.log" | sort -u | head -40
  failed=$((failed + 1)); echo "== build: FAILED"; finish
fi
app=src/EnforcementApi/bin/Debug/net10.0/EnforcementApi.dll
checks=$here/ClientChecks/bin/Debug/net10.0/ClientChecks.dll

echo "== start the API on a new database with the bundled records"
export ConnectionStrings__Enforcement="Data Source=$work/enforcement.db"
export Limits__ReadsPerMinute=100000 Limits__WritesPerMinute=100000
write_key=$(dotnet "$app" keys create --name ci-clients --scope write | tail -n 1)
admin_key=$(dotnet "$app" keys create --name ci-clients-admin --scope admin | tail -n 1)
dotnet "$app" keys create --name ci-revocable --scope write >/dev/null
api_port=$(free_port)
dotnet "$app" --urls "http://127.0.0.1:$api_port" >"$work/api.log" 2>&1 &
pids+=($!)
if ! wait_for "http://127.0.0.1:$api_port/health/ready" 120; then
  cat "$work/api.log"; failed=$((failed + 1)); echo "== API: FAILED to start"; finish
fi
api="http://127.0.0.1:$api_port"

step "Kiota client: every GET, a cursor, the curation flow, drafts accepted" dotnet "$checks" kiota "$api" "$write_key" "$admin_key"
step "NSwag client: drafts, the six exports and the download, an import" dotnet "$checks" nswag "$api" "$write_key" "$admin_key"

prism_port=$(free_port)
$here/node_modules/.bin/prism proxy openapi/enforcement-api.v1.json "$api" -h 127.0.0.1 -p "$prism_port" >"$work/prism.log" 2>&1 &
pids+=($!)
if wait_for "http://127.0.0.1:$prism_port/health/live" 60; then
  step "Prism 5.14.2 proxy: a corpus over every operation, 0 contract violations" \
    dotnet "$checks" corpus "http://127.0.0.1:$prism_port" "$write_key" "$admin_key" "$api" openapi/enforcement-api.v1.json
else
  cat "$work/prism.log"; failed=$((failed + 1)); echo "== Prism: FAILED to start"
fi
finish
