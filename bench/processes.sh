# shellcheck shell=bash disable=SC2034 # sourced; started_pid, nginx_dir and nginx_pid are for the caller
# API processes and nginx for the benchmarks (sourced by bench/run.sh and bench/cluster.sh): an API in Release in
# the background with the rate limits lifted, a wait until it is ready, and Debian's nginx on 127.0.0.1 in front of
# several API processes (round robin), with its own prefix in a temp folder.

# The rate limit is for the public; the benchmark measures the server, so it lifts it.
# start_api NAME BASE CONNECTION_STRING [NAME=value...]: starts an API in the background, its pid in $started_pid,
# its log in /tmp/NAME.log. API_SETTINGS (NAME=value words) are more settings for every API.
start_api() {
  local name=$1 url=$2 connection=$3
  shift 3
  (
    # shellcheck disable=SC2086,SC2163 # API_SETTINGS is a list of NAME=value words
    [ -z "${API_SETTINGS:-}" ] || export ${API_SETTINGS}
    # shellcheck disable=SC2163 # the arguments are NAME=value words
    [ $# -eq 0 ] || export "$@"
    ConnectionStrings__Enforcement="$connection" Logging__LogLevel__Default=Warning \
      Limits__ReadsPerMinute=1000000000 Limits__WritesPerMinute=1000000000 \
      exec -a "$name" dotnet src/EnforcementApi/bin/Release/net10.0/EnforcementApi.dll --urls "$url" >"/tmp/$name.log" 2>&1
  ) &
  started_pid=$!
}

# wait_ready BASE PID SECONDS: a first start on a new file gives every record its first revision (minutes).
wait_ready() {
  local deadline=$(( $(date +%s) + $3 ))
  until curl -sf -o /dev/null "$1/health/ready"; do
    [ "$(date +%s)" -lt "$deadline" ] && kill -0 "$2" 2>/dev/null || return 1
    sleep 0.1
  done
}

# Debian's nginx, as bench/run.sh installs wrk; sets nginx_bin (a user's PATH may lack /usr/sbin).
nginx_install() {
  if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
    echo "Installing nginx (Debian package)..." >&2
    (apt-get install -y -qq nginx || (apt-get update -qq && apt-get install -y -qq nginx)) >/dev/null \
      || sudo -n sh -c 'apt-get update -qq && apt-get install -y -qq nginx' >/dev/null
  fi
  nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
}

# nginx_start PORT UPSTREAM...: nginx on 127.0.0.1:PORT passing every request to the UPSTREAMs (host:port) in turn,
# in the foreground of a background job (its pid in $nginx_pid), its config, pid file, temp folders and error log in
# $nginx_dir. One worker: on two cores it shares them with the APIs and PostgreSQL. A failed upstream is a 502, not
# retried on the other (proxy_next_upstream off), so that the load's clients see every failure. Each answer names
# the process that gave it (X-Upstream).
nginx_start() {
  local port=$1 upstream
  shift
  nginx_dir=$(mktemp -d)
  chmod 755 "$nginx_dir" # as root the worker runs as nobody, and writes its temp folders here
  {
    echo "worker_processes 1;"
    echo "pid $nginx_dir/nginx.pid;"
    echo "error_log $nginx_dir/error.log warn;"
    echo "events { worker_connections 1024; }"
    echo "http {"
    echo "  access_log off;"
    echo "  client_body_temp_path $nginx_dir/body; proxy_temp_path $nginx_dir/proxy; fastcgi_temp_path $nginx_dir/fastcgi;"
    echo "  uwsgi_temp_path $nginx_dir/uwsgi; scgi_temp_path $nginx_dir/scgi;"
    echo "  client_max_body_size 0;"
    echo "  upstream api {"
    for upstream in "$@"; do echo "    server $upstream;"; done
    echo "    keepalive 64;"
    echo "  }"
    echo "  server {"
    echo "    listen 127.0.0.1:$port;"
    echo "    location / {"
    echo "      proxy_pass http://api;"
    echo "      proxy_http_version 1.1;"
    echo "      proxy_set_header Connection \"\";"
    echo "      proxy_set_header Host \$http_host;"
    echo "      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;"
    echo "      proxy_next_upstream off;"
    echo "      add_header X-Upstream \$upstream_addr always;" # which process answered: bench/MixedLoad counts them
    echo "    }"
    echo "  }"
    echo "}"
  } >"$nginx_dir/nginx.conf"
  "$nginx_bin" -p "$nginx_dir" -c "$nginx_dir/nginx.conf" -g 'daemon off;' 2>>"$nginx_dir/error.log" &
  nginx_pid=$!
  wait_ready "http://127.0.0.1:$port" "$nginx_pid" 30 || { cat "$nginx_dir/error.log" >&2; return 1; }
}

# Stops nginx (its pid only) and removes its folder; nothing when it was not started.
nginx_stop() {
  [ -z "${nginx_pid:-}" ] || { kill "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true; }
  [ -z "${nginx_dir:-}" ] || rm -rf "$nginx_dir"
  nginx_pid=""
}
