#!/usr/bin/env bash
# The claims check's agreement and speed: each claim of the checked-in set (tests/EnforcementApi.Tests/Claims/claim-set.json:
# real sentences quoted verbatim from the bundled sources, and sentences written to test the rules, each with the verdict a
# careful reader gives against the bundled records) is checked as of its own day, and the verdicts are compared; then a
# 100-word text made of the set's real claims is checked REPEAT times (the whole check as the endpoint runs it: the
# database's reads, the pipeline, the comparison; not the HTTP round trip), on a fresh database with the bundled dataset,
# in a Release build. Prints every verdict, the agreement, and p50/p95. Usage: bench/claims.sh [REPEAT]
set -euo pipefail
cd "$(dirname "$0")/.."
repeat="${1:-200}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dotnet build src/EnforcementApi -c Release -v quiet -nologo >/dev/null
export ConnectionStrings__Enforcement="Data Source=$work/claims.db"
dotnet src/EnforcementApi/bin/Release/net10.0/EnforcementApi.dll claims evaluate --set "$PWD/tests/EnforcementApi.Tests/Claims/claim-set.json" --repeat "$repeat"
