#!/usr/bin/env bash
# The API side by side with a bare baseline (bench/Baseline: the same SQL on the same database file, with
# none of the API's features), in Release, over the generated database. One command:
#
#   bench/compare.sh
#   DURATION=20 WARMUP=15 bench/compare.sh
#
# Settings (environment): RECORDS (100000) and SEED (42) name the database (generated once into bench/data/,
# reused after); CONNECTIONS (16), THREADS (1), DURATION (10 s per measure), WARMUP (10 s per server and case;
# .NET needs several seconds to reach steady speed), PORT (5096, the API), BASELINE_PORT (5097), LOG_LEVEL
# (Information: the API logs a line per request, as shipped; Warning leaves that out, as bench/run.sh does),
# ONLY (measure only the cases whose name contains this text, e.g. ONLY=search), API_SETTINGS (more settings
# for the API as NAME=value words, e.g. API_SETTINGS=Caching__OutputCacheMegabytes=0 to measure without its cache of hot reads). Needs wrk (installed from Debian if missing), curl and python3.
#
# The API's rate limits are lifted. For each case the API is warmed up and measured, then the baseline, each
# run starting when both servers are idle. Random figure ids (2,000 from the database), search words
# (bench/words.txt) and metrics are drawn per request. Before measuring, one request of each case goes to
# both servers and the answers are compared (a WARNING line says when they differ).
#
# Prints a markdown table, one row per case: requests/s, p50 and p99 of each server; ratio, the API's
# requests/s over the baseline's; CPU ms per request of each server and CPU ratio, the baseline's over the
# API's (steadier than requests/s on a shared machine: 1.00 means the API costs what the bare app costs);
# the API's peak RSS so far (VmHWM); errors (for the 304 case, any other status); the issue's targets.
# Then the time from process start to ready (the API's /health/ready answering 200; the baseline's /ready)
# and the CPU time spent by then, the peak RSS of both servers over the run, the machine and the commit.
set -euo pipefail
cd "$(dirname "$0")/.."

records=${RECORDS:-100000}
seed=${SEED:-42}
connections=${CONNECTIONS:-16}
threads=${THREADS:-1}
duration=${DURATION:-10}
warmup=${WARMUP:-10}
log_level=${LOG_LEVEL:-Information}
api_base="http://127.0.0.1:${PORT:-5096}"
baseline_base="http://127.0.0.1:${BASELINE_PORT:-5097}"
db="bench/data/bench-$records-$seed.db"
work=$(mktemp -d)
api_dll=src/EnforcementApi/bin/Release/net10.0/EnforcementApi.dll
baseline_dll=bench/Baseline/bin/Release/net10.0/Baseline.dll

if ! command -v wrk >/dev/null; then
  echo "Installing wrk (Debian package)..."
  (apt-get install -y -qq wrk || (apt-get update -qq && apt-get install -y -qq wrk)) >/dev/null \
    || sudo -n apt-get install -y -qq wrk >/dev/null
fi
command -v python3 >/dev/null || { echo "compare.sh needs python3."; exit 1; }
for base in "$api_base" "$baseline_base"; do
  if curl -s -o /dev/null "$base/"; then echo "Something already listens on $base; set PORT or BASELINE_PORT."; exit 1; fi
done

dotnet build -c Release -v quiet -nologo src/EnforcementApi >/dev/null
dotnet build -c Release -v quiet -nologo bench/Baseline >/dev/null
if [ ! -f "$db" ]; then
  dotnet build -c Release -v quiet -nologo bench/Generator >/dev/null
  dotnet bench/Generator/bin/Release/net10.0/Generator.dll --out "$db" --records "$records" --seed "$seed"
fi

api=""
baseline=""
stop() {
  local pid
  for pid in "$@"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || continue
    wait "$pid" 2>/dev/null || true
  done
}
trap 'stop "$api" "$baseline"; rm -rf "$work"' EXIT

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss() { awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
cpu_ms() { echo $(( $(ticks "$1") * 1000 / $(getconf CLK_TCK) )); }

# The benchmark measures the server, not the public's limits, so it lifts the rate limits.
start_api() {
  (
    # shellcheck disable=SC2086 # API_SETTINGS is a list of NAME=value words
    [ -z "${API_SETTINGS:-}" ] || export ${API_SETTINGS}
    ConnectionStrings__Enforcement="Data Source=$db" Logging__LogLevel__Default="$log_level" \
      Limits__ReadsPerMinute=1000000000 Limits__WritesPerMinute=1000000000 \
      exec -a enforcement-compare-api dotnet "$api_dll" --urls "$api_base" >>"$work/api.log" 2>&1
  ) &
  api=$!
}

# Waits for a URL to answer 200, polling every 10 ms; gives up after $2 seconds or when process $3 ends.
wait_for() {
  local deadline=$(( $(date +%s) + $2 ))
  until curl -sf -o /dev/null --max-time 2 "$1"; do
    [ "$(date +%s)" -lt "$deadline" ] && kill -0 "$3" 2>/dev/null || return 1
    sleep 0.01
  done
}

# A first start migrates the database and gives every record its first revision (minutes on a new
# file); the start that is timed comes after, as every later start of a deployed API would.
start_api
wait_for "$api_base/health/ready" 1800 "$api" || { echo "The API did not start; see its log:"; tail -20 "$work/api.log"; exit 1; }
stop "$api"
started=$(date +%s%N)
start_api
wait_for "$api_base/health/ready" 60 "$api" || { echo "The API did not start again; see its log:"; tail -20 "$work/api.log"; exit 1; }
ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))
ready_cpu_ms=$(cpu_ms "$api")

started=$(date +%s%N)
ConnectionStrings__Enforcement="Data Source=$db" \
  exec -a enforcement-compare-baseline dotnet "$baseline_dll" --urls "$baseline_base" >"$work/baseline.log" 2>&1 &
baseline=$!
wait_for "$baseline_base/ready" 60 "$baseline" || { echo "The baseline did not start; see its log:"; tail -20 "$work/baseline.log"; exit 1; }
baseline_ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))
baseline_ready_cpu_ms=$(cpu_ms "$baseline")

# Inputs: random ids; the API's cursor of page 1,000 of a list and, for the baseline, the sort values of
# page 999's last row (the same place); ETags of 500 figures from each server.
python3 bench/compare_inputs.py ids "$db" 2000 >"$work/ids.txt"
# The deep page needs a list of at least 50,000 records: a metric has about 14,000, the actuals 57,000.
deep_list="kind=actual&sort=-periodEnd&limit=50"
IFS=$'\t' read -r cursor after_period_end after_id \
  < <(python3 bench/compare_inputs.py walk "$api_base" "/api/v1/figures?$deep_list" 1000)
python3 bench/compare_inputs.py etags "$api_base/api/v1/figures/{id}" "$work/ids.txt" 500 >"$work/api-etags.txt"
python3 bench/compare_inputs.py etags "$baseline_base/figures/{id}" "$work/ids.txt" 500 >"$work/baseline-etags.txt"

# The pace of one area over one year: the API reads every figure of the metric and keeps those of the
# scope and range, so that is what the baseline does too.
pace="metric={metric}&scope=AOR%207&from=2024-01-01&to=2024-12-31"
# name | API path | baseline path | wrk script arguments | target: min ratio API/baseline | max p99 ms.
# The deep page's own target is to be within 10% of page 1 of the same list.
cases=(
  "get by id|/api/v1/figures/{id}|/figures/{id}|ids=$work/ids.txt|0.7|10"
  "conditional GET, 304|/api/v1/figures/{id}|/figures/{id}|etags=WHO|-|10"
  "50-row list by metric, sorted|/api/v1/figures?metric={metric}&sort=-periodEnd&limit=50|/figures?metric={metric}&limit=50||0.6|10"
  "list of actuals, page 1|/api/v1/figures?$deep_list|/figures?kind=actual&limit=50||0.6|10"
  "list of actuals, page 1,000 by cursor|/api/v1/figures?$deep_list&cursor=$cursor|/figures?kind=actual&limit=50&afterPeriodEnd=$after_period_end&afterId=$after_id||-|10"
  "two-word search|/api/v1/search?q={word}%20{word}|/search?q={word}%20{word}|bench/words.txt|0.6|25"
  "pace, one area over a year|/api/v1/figures/pace?$pace|/pace?$pace|||10"
)

# Same records from both, for one request of each case (the same words, metric and id for both); two
# words that find something.
for _ in $(seq 1 20); do
  words=$(shuf -n 2 bench/words.txt | paste -sd ' ' | sed 's/ /%20/')
  curl -sf "$api_base/api/v1/search?q=$words" | grep -q '"items":\[{' && break
done
first_id=$(head -1 "$work/ids.txt")
fill() { sed -e "s/{id}/$first_id/g" -e "s/{metric}/removals/g" -e "s/{word}%20{word}/$words/g" <<<"$1"; }
for case in "${cases[@]}"; do
  IFS='|' read -r name api_path baseline_path _ <<<"$case"
  if [[ $name == conditional* ]]; then
    python3 bench/compare_inputs.py conditional "$name" "$api_base$(fill "$api_path")" "$(head -1 "$work/api-etags.txt" | cut -f2)" \
      "$baseline_base$(fill "$baseline_path")" "$(head -1 "$work/baseline-etags.txt" | cut -f2)"
  else
    python3 bench/compare_inputs.py same "$name" "$api_base$(fill "$api_path")" "$baseline_base$(fill "$baseline_path")"
  fi
done

# A server that fell behind keeps working on queued requests after wrk stops: wait until neither uses
# more than a tick (10 ms) of CPU in a quarter second, for at most 15 s.
wait_idle() {
  local a b a2 b2
  for _ in $(seq 1 60); do
    a=$(ticks "$api"); b=$(ticks "$baseline")
    sleep 0.25
    a2=$(ticks "$api"); b2=$(ticks "$baseline")
    [ $((a2 - a)) -le 1 ] && [ $((b2 - b)) -le 1 ] && return 0
  done
}

# Warms one server up on a case, measures it, and prints: requests/s, p50, p99, errors, CPU ms/request.
measure() {
  local pid=$1 base=$2 path=$3 script_args=$4 before after result
  local args=()
  [ -n "$script_args" ] && args=("$script_args")
  [[ $script_args == etags=* ]] && args+=("status=304")
  wait_idle
  wrk -t"$threads" -c"$connections" -d"${warmup}s" --timeout 10s -s bench/wrk/paths.lua "$base" -- "$path" "${args[@]}" >/dev/null
  wait_idle
  before=$(ticks "$pid")
  result=$(wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 10s --latency -s bench/wrk/paths.lua "$base" -- "$path" "${args[@]}" | grep '^RESULT')
  after=$(ticks "$pid")
  IFS=$'\t' read -r _ rps p50 p99 errors <<<"$result"
  awk -v r="$rps" -v p50="$p50" -v p99="$p99" -v e="$errors" -v t="$((after - before))" -v hz="$(getconf CLK_TCK)" -v d="$duration" \
    'BEGIN { printf "%s\t%s\t%s\t%s\t%.2f\n", r, p50, p99, e, (r > 0 ? t * 1000 / hz / (r * d) : 0) }'
}

load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
echo
echo "EnforcementApi against bench/Baseline: $records records of each type, wrk -t$threads -c$connections -d${duration}s (warm-up ${warmup}s per server and case), API log level $log_level${API_SETTINGS:+, API settings: $API_SETTINGS}"
printf '| case | API req/s | API p50 ms | API p99 ms | baseline req/s | baseline p50 ms | baseline p99 ms | ratio | API CPU ms/req | baseline CPU ms/req | CPU ratio | API peak RSS MB | errors API/baseline | target |\n'
printf '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n'
page1_rps=""
for case in "${cases[@]}"; do
  IFS='|' read -r name api_path baseline_path script_args min_ratio max_p99 <<<"$case"
  [[ $name == *"${ONLY:-}"* ]] || continue
  IFS=$'\t' read -r a_rps a_p50 a_p99 a_errors a_cpu < <(measure "$api" "$api_base" "$api_path" "${script_args/WHO/$work/api-etags.txt}")
  IFS=$'\t' read -r b_rps b_p50 b_p99 b_errors b_cpu < <(measure "$baseline" "$baseline_base" "$baseline_path" "${script_args/WHO/$work/baseline-etags.txt}")
  a_rss=$(rss "$api")
  ratio=$(awk -v a="$a_rps" -v b="$b_rps" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
  cpu_ratio=$(awk -v a="$a_cpu" -v b="$b_cpu" 'BEGIN { printf "%.2f", (a > 0 ? b / a : 0) }')
  [[ $name == *"page 1"* && $name != *"1,000"* ]] && page1_rps=$a_rps
  target=$(awk -v r="$ratio" -v min="$min_ratio" -v p="$a_p99" -v max="$max_p99" -v a="$a_rps" -v p1="$page1_rps" -v n="$name" 'BEGIN {
    t = ""; ok = 1
    if (min != "" && min != "-") { t = "ratio >= " min ", "; if (r + 0 < min + 0) ok = 0 }
    if (n ~ /1,000/ && p1 + 0 > 0) { t = t ">= 0.9 of page 1 (" sprintf("%.2f", a / p1) "), "; if (a / p1 < 0.9) ok = 0 }
    if (p + 0 >= max + 0 || a + 0 == 0) ok = 0
    printf "%sp99 < %s ms: %s", t, max, ok ? "met" : "NOT met" }')
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s/%s | %s |\n' \
    "$name" "$a_rps" "$a_p50" "$a_p99" "$b_rps" "$b_p50" "$b_p99" "$ratio" "$a_cpu" "$b_cpu" "$cpu_ratio" "$a_rss" "$a_errors" "$b_errors" "$target"
done

echo
echo "API start to ready: $ready_ms ms, $ready_cpu_ms ms of CPU (target: within 2000 ms); baseline: $baseline_ready_ms ms, $baseline_ready_cpu_ms ms of CPU"
echo "API peak RSS: $(rss "$api") MB (target: under 250 MB); baseline peak RSS: $(rss "$baseline") MB"
echo "Machine: $(nproc) cores, $(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), load average $load_at_start at the start and $(cut -d' ' -f1-3 /proc/loadavg) at the end; commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
