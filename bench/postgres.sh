# PostgreSQL for the read benchmark (sourced by bench/run.sh): a throwaway cluster (.ci/postgres.sh), the
# benchmark's SQLite file copied into it (bench/ToPostgres: the migrations, every row, VACUUM ANALYZE), and the
# CPU time of the server's processes, which do the engine's work that SQLite does inside the API.

# Starts the cluster; sets pg_dir (stopped by run.sh's exit trap) and pg_server (its connection string).
postgres_start() {
  pg_dir=$(mktemp -d)
  pg_server=$(bash .ci/postgres.sh start "$pg_dir")
}

# postgres_copy FILE: a database "bench" holding a copy of FILE; sets pg_connection to it.
postgres_copy() {
  dotnet build -c Release -v quiet -nologo bench/ToPostgres >/dev/null
  local port
  port=$(cat "$pg_dir/port")
  psql -q -h 127.0.0.1 -p "$port" -U enforcement -d postgres -c "create database bench" >/dev/null
  pg_connection="${pg_server/Database=postgres/Database=bench}"
  # The copy of the revisions is one long COPY: no command timeout.
  dotnet bench/ToPostgres/bin/Release/net10.0/ToPostgres.dll "$1" "$pg_connection;Command Timeout=0"
}

# postgres_ticks DIR: CPU ticks of the postmaster, the children it has reaped, and its live children (backends,
# checkpointer, walwriter, autovacuum...).
postgres_ticks() {
  local postmaster child total
  postmaster=$(head -1 "$1/data/postmaster.pid")
  total=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$postmaster/stat")
  for child in $(pgrep -P "$postmaster"); do
    total=$(( total + $(awk '{print $14 + $15}' "/proc/$child/stat" 2>/dev/null || echo 0) ))
  done
  echo "$total"
}

# postgres_wait_idle PID...: until none of the processes (the APIs, nginx) uses more than a tick in a quarter second,
# nor the server more than two (a server that fell behind works on after wrk stops), for at most 15 s.
postgres_wait_idle() {
  local pid p p2 busy
  local -A before
  for _ in $(seq 1 60); do
    for pid; do before[$pid]=$(ticks "$pid"); done
    p=$(postgres_ticks "$pg_dir")
    sleep 0.25
    busy=0
    for pid; do [ $(( $(ticks "$pid") - before[$pid] )) -le 1 ] || busy=1; done
    p2=$(postgres_ticks "$pg_dir")
    [ "$busy" = 0 ] && [ $((p2 - p)) -le 2 ] && return 0
  done
}

postgres_version() {
  psql -At -h 127.0.0.1 -p "$(cat "$1/port")" -U enforcement -d postgres -c "show server_version" | sed 's/^/PostgreSQL /'
}
