#!/usr/bin/env bash
# Checks that db/postgres gives PostgreSQL the schema and rows that db/0*.sql give SQLite (see check.py): starts a
# throwaway cluster with .ci/postgres.sh, runs check.py against it, stops it. Exit 0 only when they are the same.
#   db/postgres/check.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

cluster=$(mktemp -d)
trap '"$root/.ci/postgres.sh" stop "$cluster" 2>/dev/null || true' EXIT
connection=$("$root/.ci/postgres.sh" start "$cluster" 2>"$cluster.start.log") || { cat "$cluster.start.log" >&2; exit 1; }
rm -f "$cluster.start.log"
port=${connection#*Port=}
port=${port%%;*}

python3 "$here/check.py" --host 127.0.0.1 --port "$port" --user enforcement
