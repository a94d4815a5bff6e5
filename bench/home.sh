#!/usr/bin/env bash
# Benchmarks the anonymous home page against the server's constant route (/ping, the framework's
# floor on this machine) in the same run, and appends the numbers to docs/PERFORMANCE.md.
#
#   bench/home.sh            # builds release, seeds the demo dataset, runs wrk -t2 -c64 -d10s
#
# Needs wrk (apt-get install wrk). SCRATCH=.build-release selects the release build folder.
set -euo pipefail
cd "$(dirname "$0")/.."
SCRATCH=${SCRATCH:-.build-release}
DURATION=${DURATION:-10s}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

swift build -c release --scratch-path "$SCRATCH" --product canyu
BIN="$SCRATCH/release/canyu"

# The dataset: the deterministic demo community (200 members), in its own file.
"$BIN" demo --no-serve --env production >/dev/null
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
CANYU_SQLITE_PATH=canyu-demo.sqlite "$BIN" serve --env production --port "$PORT" --no-migrate >/tmp/canyu-bench-server.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null' EXIT
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done

# Warm up both routes (template cache, connections), then measure each.
wrk -t2 -c64 -d3s "http://127.0.0.1:$PORT/" >/dev/null
wrk -t2 -c64 -d3s "http://127.0.0.1:$PORT/ping" >/dev/null

# A logged-in demo member, for the page as members get it (always rendered afresh).
JAR=$(mktemp)
CSRF=$(curl -fs -c "$JAR" "http://127.0.0.1:$PORT/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
curl -fs -b "$JAR" -c "$JAR" -o /dev/null --data-urlencode "_csrf=$CSRF" --data-urlencode "email=fan@canyu.example" \
  --data-urlencode "password=canyu-demo" "http://127.0.0.1:$PORT/login"
SESSION=$(awk '$6 == "canyu_session" {print $7}' "$JAR")
wrk -t2 -c64 -d3s -H "Cookie: canyu_session=$SESSION" "http://127.0.0.1:$PORT/" >/dev/null

measure() {
  local out
  out=$(wrk -t2 -c64 -d"$DURATION" --latency "${@:2}" "http://127.0.0.1:$PORT$1")
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  echo "$1|$rps|$p50|$p99|${errors:-0}"
}

HOME_ROW=$(measure /)
MEMBER_ROW=$(measure / -H "Cookie: canyu_session=$SESSION")
PING_ROW=$(measure /ping)
IFS='|' read -r _ home_rps home_p50 home_p99 home_err <<<"$HOME_ROW"
IFS='|' read -r _ member_rps member_p50 member_p99 member_err <<<"$MEMBER_ROW"
IFS='|' read -r _ ping_rps ping_p50 ping_p99 ping_err <<<"$PING_ROW"
RATIO=$(python3 -c "print(f'{$home_rps / $ping_rps * 100:.0f}')")
MEMBER_RATIO=$(python3 -c "print(f'{$member_rps / $ping_rps * 100:.0f}')")

{
  echo
  echo "### $(date -u +%Y-%m-%d) — anonymous home page vs constant route"
  echo
  echo "Command: \`bench/home.sh\` (release build, \`wrk -t2 -c64 -d$DURATION --latency\`, server and wrk on the same $(nproc)-core machine, demo dataset of 200 members, commit $(git rev-parse --short HEAD))."
  echo
  echo "| route | req/s | p50 | p99 | non-2xx |"
  echo "|---|---:|---:|---:|---:|"
  echo "| \`/\` (anonymous home page, anonymous page cache) | $home_rps | $home_p50 | $home_p99 | $home_err |"
  echo "| \`/\` (logged-in member, rendered every time) | $member_rps | $member_p50 | $member_p99 | $member_err |"
  echo "| \`/ping\` (constant) | $ping_rps | $ping_p50 | $ping_p99 | $ping_err |"
  echo
  echo "Anonymous home page: **$RATIO %** of the constant route (target: at least 50 %); a member's home page: $MEMBER_RATIO %."
} >> docs/PERFORMANCE.md
tail -12 docs/PERFORMANCE.md
