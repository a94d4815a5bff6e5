#!/usr/bin/env bash
# Ideas benchmarks on a generated product of 100,000 ideas: the idea list in hot order (API and
# page) against the constant route, then votes from 64 connections, each request a different
# voter, on random ideas and on one hot idea; totals and budgets are checked afterwards.
# Appends to docs/PERFORMANCE.md.
#
#   bench/ideas.sh
#   IDEAS=10000 VOTERS=20000 DURATION=5s bench/ideas.sh     # a quicker run
set -euo pipefail
cd "$(dirname "$0")/.."
IDEAS=${IDEAS:-100000}
VOTERS=${VOTERS:-100000}
DURATION=${DURATION:-10s}
source bench/lib.sh
bench_prepare ideas "bench admin password"
GEN=$(python3 bench/gen_ideas.py "$DB" --ideas "$IDEAS" --voters "$VOTERS" --open-ideas "$DIR/open_ideas.txt")
echo "$GEN"
FIRST=$(sed -n 's/.*first_open_idea=\([0-9]*\).*/\1/p' <<<"$GEN")
LAST=$(sed -n 's/.*last_idea=\([0-9]*\).*/\1/p' <<<"$GEN")

bench_serve
latency() {  # path [wrk args] → "rps|p50|p99"
  local out
  out=$(wrk -t2 -c64 -d"$DURATION" --latency "${@:2}" "$BASE$1")
  echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out")|$(awk '$1 == "50%" {print $2}' <<<"$out")|$(awk '$1 == "99%" {print $2}' <<<"$out")|$(awk '/Non-2xx/ {print $NF}' <<<"$out")"
}
curl -fs "$BASE/api/v1/products/bench/ideas?sort=hot" >/dev/null
IFS='|' read -r PING_RPS PING_P50 PING_P99 _ <<<"$(latency /ping)"
IFS='|' read -r API_RPS API_P50 API_P99 _ <<<"$(latency "/api/v1/products/bench/ideas?sort=hot")"
IFS='|' read -r PAGE_RPS PAGE_P50 PAGE_P99 _ <<<"$(latency "/products/bench?sort=hot")"
IFS='|' read -r PAGE2_RPS PAGE2_P50 PAGE2_P99 _ <<<"$(latency "/products/bench?sort=hot&page=40")"

vote() {  # extra lua settings → "rps|p50|p99|non2xx"
  sed "s#^local counter = 0#$1\nlocal counter = 0#" bench/vote.lua > "$DIR/vote.lua"
  latency / -s "$DIR/vote.lua"
}
vote_rows() { python3 -c "import sqlite3; print(sqlite3.connect('$DB').execute('SELECT COUNT(*) FROM idea_votes').fetchone()[0])"; }
per_second() { python3 -c "print(round(($2 - $1) / ${DURATION%s}))"; }  # counted votes a second
ROWS0=$(vote_rows)
IFS='|' read -r SPREAD_RPS SPREAD_P50 SPREAD_P99 SPREAD_ERR <<<"$(vote "first_idea, last_idea, voters, open_ideas_file = $FIRST, $LAST, $VOTERS, \"$DIR/open_ideas.txt\"")"
sleep 1  # the requests wrk left in flight
ROWS1=$(vote_rows)
IFS='|' read -r HOT_RPS HOT_P50 HOT_P99 HOT_ERR <<<"$(vote "first_idea, last_idea, voters, hot_idea = $FIRST, $LAST, $VOTERS, $FIRST")"
sleep 1
ROWS2=$(vote_rows)
SPREAD_COUNTED=$(per_second "$ROWS0" "$ROWS1")
HOT_COUNTED=$(per_second "$ROWS1" "$ROWS2")
sleep 2
CHECK=$(python3 - "$DB" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN")
votes = db.execute("SELECT COUNT(*) FROM idea_votes").fetchone()[0]
wrong = db.execute("""SELECT COUNT(*) FROM ideas i JOIN bench_idea_baseline b ON b.id = i.id
  WHERE i.vote_count != b.vote_count + (SELECT COUNT(*) FROM idea_votes v WHERE v.idea_id = i.id)
     OR i.weighted_score != b.weighted_score + (SELECT COALESCE(SUM(weight), 0) FROM idea_votes v WHERE v.idea_id = i.id)""").fetchone()[0]
budgets = db.execute("""SELECT COUNT(*) FROM idea_voters w
  WHERE w.open_votes != (SELECT COUNT(*) FROM idea_votes v WHERE v.user_id = w.user_id AND v.open)""").fetchone()[0]
print(f"{votes}|{'exact' if wrong == 0 and budgets == 0 else f'MISMATCH ideas={wrong} budgets={budgets}'}")
PY
)
IFS='|' read -r VOTES EXACT <<<"$CHECK"
pct() { python3 -c "print(f'{100 * $1 / $2:.0f}')"; }
{
  echo
  echo "### $(date -u +%Y-%m-%d) — ideas: hot list, votes"
  echo
  echo "Command: \`IDEAS=$IDEAS VOTERS=$VOTERS bench/ideas.sh\` (release build, SQLite, \`wrk -t2 -c64 -d$DURATION --latency\`, server and wrk on the same $(nproc) cores, commit $(git rev-parse --short HEAD)). Dataset: $GEN."
  echo
  echo "| what | req/s | p50 | p99 |"
  echo "|---|---:|---:|---:|"
  echo "| \`/ping\` (constant) | $PING_RPS | $PING_P50 | $PING_P99 |"
  echo "| \`GET /api/v1/products/bench/ideas?sort=hot\` | $API_RPS ($(pct "$API_RPS" "$PING_RPS") %) | $API_P50 | **$API_P99** |"
  echo "| \`/products/bench?sort=hot\` page | $PAGE_RPS | $PAGE_P50 | **$PAGE_P99** |"
  echo "| the same, page 40 | $PAGE2_RPS | $PAGE2_P50 | **$PAGE2_P99** |"
  echo "| votes, 64 connections, random open ideas (\`PUT /api/v1/ideas/{id}/vote\`) | $SPREAD_RPS, **$SPREAD_COUNTED counted** | $SPREAD_P50 | $SPREAD_P99 |"
  echo "| votes, 64 connections, one hot idea | $HOT_RPS, **$HOT_COUNTED counted** | $HOT_P50 | $HOT_P99 |"
  echo
  echo "Counted: new vote rows a second of the run. Non-2xx (409: the idea is closed, or the voter's budget is spent): ${SPREAD_ERR:-0} and ${HOT_ERR:-0}. Afterwards $VOTES vote rows; every idea's count and weighted score against its rows, and every voter's open-vote count: **$EXACT**."
} | tee -a docs/PERFORMANCE.md
