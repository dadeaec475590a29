#!/usr/bin/env bash
# Remakes the README's screenshots of the pages: docs/screenshots/home.png (the home page) and
# docs/screenshots/figure.png (a figure with its excerpt and the other figures for its metric and period).
#
#   docs/screenshots.sh
#   FIGURE=ice-release-arrests-fy2024 WIDTH=1024 docs/screenshots.sh
#
# It builds the app in Release, starts it on a free loopback port over a new database in a temporary
# directory (the bundled records load at first start), takes each page with headless Chromium (Debian's
# chromium, or CHROMIUM_PATH) and stops the app. Settings: FIGURE (dhs-removals-first-100-days), WIDTH
# (1280), HOME_HEIGHT (1300), FIGURE_HEIGHT (1500).
set -euo pipefail
cd "$(dirname "$0")/.."

figure=${FIGURE:-dhs-removals-first-100-days}
width=${WIDTH:-1280}
home_height=${HOME_HEIGHT:-1300}
figure_height=${FIGURE_HEIGHT:-1500}
out=docs/screenshots

chromium=${CHROMIUM_PATH:-}
if [ -z "$chromium" ]; then
  for candidate in /usr/bin/chromium /usr/bin/chromium-browser; do
    [ -x "$candidate" ] && { chromium=$candidate; break; }
  done
fi
[ -n "$chromium" ] || { echo "Chromium is needed: apt-get install chromium (or set CHROMIUM_PATH)." >&2; exit 1; }

dotnet build -c Release -v quiet -nologo src/EnforcementApi >/dev/null

work=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
ConnectionStrings__Enforcement="Data Source=$work/enforcement.db" Logging__LogLevel__Default=Warning \
  dotnet src/EnforcementApi/bin/Release/net10.0/EnforcementApi.dll --urls "$base" >"$work/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true; wait $app 2>/dev/null || true; rm -rf "$work"' EXIT

for _ in $(seq 1 600); do  # the first start migrates the new database and loads the bundled records
  curl -sf "$base/health/ready" >/dev/null && break
  kill -0 $app 2>/dev/null || break
  sleep 0.1
done
curl -sf "$base/health/ready" >/dev/null || { echo "The app did not start:" >&2; cat "$work/app.log" >&2; exit 1; }
curl -sf -o /dev/null "$base/api/v1/figures/$figure" || { echo "There is no figure $figure in the bundled records; choose one with FIGURE=." >&2; exit 1; }

# shot FILE HEIGHT PATH: the page at WIDTH x HEIGHT, as a person's window shows it (no scroll bars).
# Root in a container needs --no-sandbox; a small /dev/shm needs --disable-dev-shm-usage.
shot() {
  "$chromium" --headless --no-sandbox --disable-dev-shm-usage --disable-gpu --hide-scrollbars \
    --no-first-run --user-data-dir="$work/profile" --force-device-scale-factor=1 \
    --window-size="$width,$2" --screenshot="$out/$1" "$base$3" >"$work/chromium.log" 2>&1 \
    || { echo "Chromium failed on $3:" >&2; cat "$work/chromium.log" >&2; exit 1; }
  [ -s "$out/$1" ] || { echo "Chromium wrote no $out/$1:" >&2; cat "$work/chromium.log" >&2; exit 1; }
  echo "$out/$1: $base$3 at ${width}x$2"
}

mkdir -p "$out"
shot home.png "$home_height" /
shot figure.png "$figure_height" "/figures/$figure"
