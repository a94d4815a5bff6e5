#!/usr/bin/env bash
# Standing benchmarks: awarding credits through the API (wrk, 64 connections, then an exactness
# check), the leaderboards (page and API), and a full tier review. Appends to docs/PERFORMANCE.md.
#
#   bench/standing.sh                       # 100,000 members, 1,000,000 ledger entries
#   USERS=1000000 ENTRIES=10000000 bench/standing.sh
set -euo pipefail
cd "$(dirname "$0")/.."
USERS=${USERS:-100000}
ENTRIES=${ENTRIES:-1000000}
DURATION=${DURATION:-10s}
source bench/lib.sh
bench_prepare standing "bench admin password"
GEN=$(python3 bench/gen_standing.py "$DB" --users "$USERS" --entries "$ENTRIES")
echo "$GEN"

REVIEW_START=$(date +%s.%N)
REVIEW=$("$BIN" standing review --all --env production)
REVIEW_SECONDS=$(python3 -c "print(f'{$(date +%s.%N) - $REVIEW_START:.1f}')")
echo "$REVIEW ($REVIEW_SECONDS s)"

bench_serve
TOKEN=$(curl -fs -X POST "http://127.0.0.1:$PORT/api/v1/tokens" -H 'Content-Type: application/json' \
  -d '{"email":"bench@canyu.example","password":"bench admin password","label":"bench"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

latency() {  # path → "rps|p50|p99"
  local out
  out=$(wrk -t2 -c64 -d"$DURATION" --latency "${@:2}" "http://127.0.0.1:$PORT$1")
  echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out")|$(awk '$1 == "50%" {print $2}' <<<"$out")|$(awk '$1 == "99%" {print $2}' <<<"$out")"
}

BEFORE=$(python3 -c "import sqlite3; print(sqlite3.connect('$DB').execute(\"SELECT COUNT(*) FROM credit_entries WHERE rule='manual'\").fetchone()[0])")
AWARD_OUT=$(sed "s/first_member, last_member/2, $((USERS + 1))/" bench/award.lua > "$DIR/award.lua" && \
  wrk -t2 -c64 -d"$DURATION" --latency -s "$DIR/award.lua" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "http://127.0.0.1:$PORT")
AWARD_RPS=$(awk '/Requests\/sec/ {print $2}' <<<"$AWARD_OUT")
AWARD_P99=$(awk '$1 == "99%" {print $2}' <<<"$AWARD_OUT")
AWARD_ERRORS=$(awk '/Non-2xx/ {print $NF}' <<<"$AWARD_OUT")
sleep 2  # let the requests wrk left in flight finish
CHECK=$(python3 - "$DB" "$BEFORE" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN")  # one snapshot for every count below
manual = db.execute("SELECT COUNT(*) FROM credit_entries WHERE rule='manual'").fetchone()[0] - int(sys.argv[2])
ledger = db.execute("SELECT SUM(amount) FROM credit_entries").fetchone()[0]
balances = db.execute("SELECT SUM(balance) FROM credit_balances").fetchone()[0]
mismatched = db.execute("""SELECT COUNT(*) FROM credit_balances b
  WHERE b.balance != (SELECT COALESCE(SUM(amount), 0) FROM credit_entries e WHERE e.user_id = b.user_id AND e.currency = b.currency)""").fetchone()[0]
print(f"{manual}|{'exact' if ledger == balances and mismatched == 0 else f'MISMATCH ledger={ledger} balances={balances} rows={mismatched}'}")
PY
)
IFS='|' read -r AWARDED EXACT <<<"$CHECK"

IFS='|' read -r WEEK_RPS WEEK_P50 WEEK_P99 <<<"$(latency /api/v1/leaderboards/week)"
IFS='|' read -r ALL_RPS ALL_P50 ALL_P99 <<<"$(latency /api/v1/leaderboards/all)"
IFS='|' read -r PAGE_RPS PAGE_P50 PAGE_P99 <<<"$(latency /pyramid)"

{
  echo
  echo "### $(date -u +%Y-%m-%d) — standing: awards, leaderboards, tier review"
  echo
  echo "Command: \`USERS=$USERS ENTRIES=$ENTRIES bench/standing.sh\` (release build, SQLite, \`wrk -t2 -c64 -d$DURATION\`, server and wrk on the same $(nproc) cores, commit $(git rev-parse --short HEAD)). Dataset: $GEN."
  echo
  echo "| what | result |"
  echo "|---|---|"
  echo "| awards through \`POST /api/v1/users/{id}/credits\` (64 connections) | **$AWARD_RPS awards/s**, p99 $AWARD_P99, non-2xx ${AWARD_ERRORS:-0}; $AWARDED awards written, balances **$EXACT** afterwards |"
  echo "| \`GET /api/v1/leaderboards/week\` | $WEEK_RPS req/s, p50 $WEEK_P50, **p99 $WEEK_P99** |"
  echo "| \`GET /api/v1/leaderboards/all\` | $ALL_RPS req/s, p50 $ALL_P50, **p99 $ALL_P99** |"
  echo "| \`/pyramid\` page (pyramid + four leaderboards) | $PAGE_RPS req/s, p50 $PAGE_P50, **p99 $PAGE_P99** |"
  echo "| full tier review (\`canyu standing review --all\`) | **$REVIEW_SECONDS s** — $REVIEW |"
} >> docs/PERFORMANCE.md
tail -12 docs/PERFORMANCE.md
