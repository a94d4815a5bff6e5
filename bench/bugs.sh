#!/usr/bin/env bash
# Bug tracker benchmarks over 200,000 bugs: filtered lists (random filters, as served and with
# the list cache off) against the constant route, then "me too"s from 64 connections, each
# request a different member, on random bugs of a pool of new ones; afterwards every bug's
# counts are checked against its rows, and every pool bug that reached the crowd confirmation
# must be confirmed with exactly one confirmation in its history. Appends to docs/PERFORMANCE.md.
#
#   bench/bugs.sh
#   BUGS=20000 MEMBERS=100000 DURATION=5s bench/bugs.sh     # a quicker run
set -euo pipefail
cd "$(dirname "$0")/.."
BUGS=${BUGS:-200000}
MEMBERS=${MEMBERS:-200000}
POOL=${POOL:-2000}
DURATION=${DURATION:-10s}
source bench/lib.sh
bench_prepare bugs "bench admin password"
GEN=$(python3 bench/gen_bugs.py "$DB" --bugs "$BUGS" --members "$MEMBERS" --pool "$POOL" --pool-file "$DIR/pool.txt")
echo "$GEN"

latency() {  # path [wrk args] → "rps|p50|p99|non2xx"
  local out
  out=$(wrk -t2 -c64 -d"$DURATION" --latency "${@:2}" "$BASE$1")
  echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out")|$(awk '$1 == "50%" {print $2}' <<<"$out")|$(awk '$1 == "99%" {print $2}' <<<"$out")|$(awk '/Non-2xx/ {print $NF}' <<<"$out")"
}

# Lists with the cache off first: every request runs its queries.
CANYU_LIST_CACHE_SECONDS=0 bench_serve
curl -fs "$BASE/api/v1/products/bench/bugs" >/dev/null
IFS='|' read -r RAW_RPS RAW_P50 RAW_P99 RAW_ERR <<<"$(latency / -s bench/bug_lists.lua)"
kill $SERVER; wait $SERVER 2>/dev/null || true

bench_serve
curl -fs "$BASE/api/v1/products/bench/bugs" >/dev/null
IFS='|' read -r PING_RPS PING_P50 PING_P99 _ <<<"$(latency /ping)"
IFS='|' read -r LIST_RPS LIST_P50 LIST_P99 LIST_ERR <<<"$(latency / -s bench/bug_lists.lua)"
IFS='|' read -r PAGE_RPS PAGE_P50 PAGE_P99 _ <<<"$(latency "/products/bench/bugs?status=open&module=camera")"

sed "s#^local counter = 0#pool_file, members = \"$DIR/pool.txt\", $MEMBERS\nlocal counter = 0#" bench/me_too.lua > "$DIR/me_too.lua"
rows() { python3 -c "import sqlite3; print(sqlite3.connect('$DB').execute('SELECT COUNT(*) FROM bug_me_toos').fetchone()[0])"; }
ROWS0=$(rows)
IFS='|' read -r ME_RPS ME_P50 ME_P99 ME_ERR <<<"$(latency / -s "$DIR/me_too.lua")"
sleep 2  # the requests wrk left in flight
ROWS1=$(rows)
COUNTED=$(python3 -c "print(round(($ROWS1 - $ROWS0) / ${DURATION%s}))")
CHECK=$(python3 - "$DB" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN")
wrong = db.execute("""SELECT COUNT(*) FROM bugs b JOIN bench_bug_baseline s ON s.id = b.id WHERE
  b.me_too_count != s.me_too_count + (SELECT COUNT(*) FROM bug_me_toos m WHERE m.bug_id = b.id) OR
  b.qualified_me_too_count != s.qualified_me_too_count + (SELECT COUNT(*) FROM bug_me_toos m WHERE m.bug_id = b.id AND m.qualified) OR
  b.follower_count != s.follower_count + (SELECT COUNT(*) FROM bug_follows f WHERE f.bug_id = b.id)""").fetchone()[0]
# Pool bugs (new at the start): confirmed exactly when five count, with one confirmation each.
pool = db.execute("""SELECT b.id, b.status, b.qualified_me_too_count, (SELECT COUNT(*) FROM bug_events e WHERE e.bug_id = b.id AND e.kind = 'confirmed')
  FROM bugs b JOIN bench_bug_baseline s ON s.id = b.id WHERE s.status = 'new'""").fetchall()
bad = [row for row in pool if (row[2] >= 5) != (row[1] == "confirmed") or row[3] != (1 if row[1] == "confirmed" else 0)]
confirmed = sum(1 for row in pool if row[1] == "confirmed")
credits = db.execute("SELECT COUNT(*) FROM credit_entries WHERE rule = 'bug_confirmed'").fetchone()[0]
exact = wrong == 0 and not bad and credits == confirmed
print(f"{db.execute('SELECT COUNT(*) FROM bug_me_toos').fetchone()[0]}|{confirmed}|{credits}|{'exact' if exact else f'MISMATCH counts={wrong} confirmations={bad[:5]}'}")
PY
)
IFS='|' read -r TOTAL CONFIRMED CREDITS EXACT <<<"$CHECK"
{
  echo
  echo "### $(date -u +%Y-%m-%d) — bugs: filtered lists, \"me too\""
  echo
  echo "Command: \`BUGS=$BUGS MEMBERS=$MEMBERS bench/bugs.sh\` (release build, SQLite, \`wrk -t2 -c64 -d$DURATION --latency\`, server and wrk on the same $(nproc) cores, commit $(git rev-parse --short HEAD)). Dataset: $GEN."
  echo
  echo "| what | req/s | p50 | p99 |"
  echo "|---|---:|---:|---:|"
  echo "| \`/ping\` (constant) | $PING_RPS | $PING_P50 | $PING_P99 |"
  echo "| filtered lists, random status/module/severity/sort/page (\`bench/bug_lists.lua\`) | $LIST_RPS | $LIST_P50 | **$LIST_P99** |"
  echo "| the same with the list cache off (\`CANYU_LIST_CACHE_SECONDS=0\`) | $RAW_RPS | $RAW_P50 | **$RAW_P99** |"
  echo "| list page \`/products/bench/bugs?status=open&module=camera\` | $PAGE_RPS | $PAGE_P50 | $PAGE_P99 |"
  echo "| \"me too\", 64 connections, each a new member on a random bug of $POOL new ones (\`PUT /api/v1/bugs/{id}/me-too\`) | $ME_RPS, **$COUNTED counted** | $ME_P50 | $ME_P99 |"
  echo
  echo "Counted: new \"me too\" rows a second of the run. Non-2xx: ${LIST_ERR:-0} + ${RAW_ERR:-0} (lists), ${ME_ERR:-0} (\"me too\"). Afterwards $TOTAL \"me too\" rows; $CONFIRMED pool bugs confirmed by the crowd, $CREDITS \"bug confirmed\" credits paid; every bug's \"me too\", qualified and follower counts against its rows, and one confirmation for each pool bug that reached five and none for the others: **$EXACT**."
} | tee -a docs/PERFORMANCE.md
