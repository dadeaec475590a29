#!/usr/bin/env bash
# The draft pipeline's quality and speed: precision and recall of figures (value and qualifier right) and of
# quotations (words right), attribution of quotations, on the hand-annotated evaluation set (the rules were
# tuned on it) and on the held-out set (annotated after), with the entities of a fresh database that has the
# bundled dataset; then the time to draft each text and a 1,000-word article. Usage: bench/drafts.sh [REPEAT]
set -euo pipefail
cd "$(dirname "$0")/.."
repeat="${1:-200}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dotnet build src/EnforcementApi -c Release -v quiet -nologo >/dev/null
export ConnectionStrings__Enforcement="Data Source=$work/drafts.db"
run() { dotnet src/EnforcementApi/bin/Release/net10.0/EnforcementApi.dll drafts evaluate "$@"; }
echo "== evaluation set (tests/EnforcementApi.Tests/Drafts/Evaluation)"
run --set "$PWD/tests/EnforcementApi.Tests/Drafts/Evaluation" --corpus "$PWD/db/corpus" --repeat "$repeat"
echo
echo "== held-out set (tests/EnforcementApi.Tests/Drafts/HeldOut)"
run --set "$PWD/tests/EnforcementApi.Tests/Drafts/HeldOut" --corpus "$PWD/db/corpus" --repeat "$repeat" --misses
