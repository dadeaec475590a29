#!/usr/bin/env bash
# The bulk import on both providers, side by side: N figures (one citation each) imported from NDJSON by the command
# line into a fresh SQLite file and into a fresh PostgreSQL database (each with the bundled records only), and, as
# the baseline, a bare COPY of the same rows into a fresh PostgreSQL database: the figures, their citations and
# their revisions as three CSV files, by psql's \copy in one transaction, with the same triggers and the same
# search refresh at the end (the import defers it the same way, db/postgres/020). Prints seconds and records/s of
# each, and the PostgreSQL import's rate against the bare COPY's, with the issue's target (>= 0.5).
#
#   FIGURES=100000 bench/bulk-postgres.sh      # default 1,000,000
#
# A throwaway PostgreSQL cluster is started (.ci/postgres.sh, which installs Debian's postgresql when missing) and
# stopped at the end. The NDJSON file is bench/bulk.sh's (bench/data/figures-N.ndjson), generated if missing.
set -euo pipefail
cd "$(dirname "$0")/.."

figures=${FIGURES:-1000000}
data=bench/data
file="$data/figures-$figures.ndjson"
mkdir -p "$data"
if [ ! -f "$file" ]; then
  python3 - "$figures" "$file" <<'PY'
import json, sys
n, path = int(sys.argv[1]), sys.argv[2]
metrics = ["arrests", "removals", "returns", "book_ins", "encounters"]
with open(path, "w") as f:
    f.write(json.dumps({"type": "source", "id": "bench-bulk-source", "kind": "dataset", "title": "Bench bulk dataset", "language": "en"}) + "\n")
    for i in range(n):
        month = i % 12 + 1
        f.write(json.dumps({"id": f"bench-bulk-{i}", "type": "figure", "metric": metrics[i % 5], "kind": "actual", "value": i % 100000,
            "unit": "people", "periodStart": f"2024-{month:02d}-01", "periodEnd": f"2024-{month:02d}-28", "scope": f"Area {i % 25}",
            "reportedBy": {"id": "dhs"}, "citations": [{"sourceId": "bench-bulk-source", "excerpt": f"{i % 100000} people in row {i}"}]}) + "\n")
PY
fi

dotnet build -c Release -v quiet -nologo src/EnforcementApi >/dev/null
app=$PWD/src/EnforcementApi/bin/Release/net10.0/EnforcementApi.dll
work=$(mktemp -d)
chmod 755 "$work"
cluster="$work/cluster"
trap 'bash .ci/postgres.sh stop "$cluster" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
server=$(bash .ci/postgres.sh start "$cluster")
port=$(sed 's/.*Port=\([0-9]*\).*/\1/' <<<"$server")
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
psql() { "$pgbin/psql" -h 127.0.0.1 -p "$port" -U enforcement -v ON_ERROR_STOP=1 -qAt "$@"; }
pg() { echo "${server/Database=postgres/Database=$1}"; }

# fresh DB: a migrated database with the bundled records (the app's own first start), as each import starts from.
fresh() {
  psql postgres -c "create database $1"
  Database__Provider=postgres ConnectionStrings__Enforcement="$(pg "$1")" dotnet "$app" migrate >/dev/null
}
seconds() { python3 -c "import sys; print(f'{float(sys.argv[1]):.1f}')" "$1"; }
timed() { local start=$(date +%s.%N); "$@" >/dev/null; python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$start" "$(date +%s.%N)"; }

echo "EnforcementApi bulk import on both providers: $figures figures, $(nproc) cores, PostgreSQL $(psql postgres -c 'show server_version'), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"

sqlite_file="$work/sqlite.db"
ConnectionStrings__Enforcement="Data Source=$sqlite_file" dotnet "$app" migrate >/dev/null
sqlite_s=$(ConnectionStrings__Enforcement="Data Source=$sqlite_file" timed dotnet "$app" import --quiet "$file")

fresh bulk_api
pg_s=$(Database__Provider=postgres ConnectionStrings__Enforcement="$(pg bulk_api)" timed dotnet "$app" import --quiet "$file")
[ "$(psql bulk_api -c "select count(*) from figures where id like 'bench-bulk-%'")" = "$figures" ] || { echo "the PostgreSQL import did not write every figure"; exit 1; }

# The baseline's rows: what the import writes for each line, as CSV.
python3 - "$file" "$work" <<'PY'
import csv, json, sys
path, out = sys.argv[1], sys.argv[2]
now = "2026-01-01T00:00:00.000Z"
with open(path) as f, open(out + "/figures.csv", "w", newline="") as fig, open(out + "/citations.csv", "w", newline="") as cit, open(out + "/revisions.csv", "w", newline="") as rev:
    figures, citations, revisions = csv.writer(fig), csv.writer(cit), csv.writer(rev)
    for line in f:
        r = json.loads(line)
        if r["type"] != "figure": continue
        figures.writerow([r["id"], r["metric"], r["kind"], r["value"], "exact", r["unit"], r["periodStart"], r["periodEnd"], r["scope"], r["reportedBy"]["id"], "normal"])
        for c in r["citations"]:
            citations.writerow([c["sourceId"], "figure", r["id"], c["excerpt"]])
        revisions.writerow(["figure", r["id"], 1, "created", line.strip(), "bench", now])
PY
fresh bulk_bare
psql bulk_bare -c "insert into sources (id, kind, title, language) values ('bench-bulk-source', 'dataset', 'Bench bulk dataset', 'en')"
cat > "$work/copy.sql" <<SQL
select set_config('enforcement.search_deferred', 'on', true);
\\copy figures (id, metric, kind, value, value_qualifier, unit, period_start, period_end, scope, reported_by, rank) from '$work/figures.csv' csv
\\copy citations (source_id, record_type, record_id, excerpt) from '$work/citations.csv' csv
\\copy revisions (record_type, record_id, revision, change, record, key_name, changed_at) from '$work/revisions.csv' csv
select search_refresh_pending();
SQL
bare_s=$(timed psql -1 bulk_bare -f "$work/copy.sql")

printf '%-44s %10s %12s\n' "import of $figures figures" "seconds" "records/s"
for row in "command line, SQLite:$sqlite_s" "command line, PostgreSQL:$pg_s" "bare COPY, PostgreSQL (baseline):$bare_s"; do
  name=${row%%:*}; s=${row##*:}
  printf '%-44s %10s %12s\n' "$name" "$(seconds "$s")" "$(python3 -c "import sys; print(round(int(sys.argv[1]) / float(sys.argv[2])))" "$figures" "$s")"
done
python3 - "$bare_s" "$pg_s" <<'PY'
import sys
bare, api = float(sys.argv[1]), float(sys.argv[2])
ratio = bare / api
print(f"PostgreSQL import rate against bare COPY: {ratio:.2f} (target >= 0.5: {'met' if ratio >= 0.5 else 'not met'})")
PY
