#!/usr/bin/env bash
# Forum benchmarks on a generated forum (default 100,000 threads, 1,000,000 posts): anonymous and
# member board and thread pages against the constant route in the same run, Chinese search, and
# 64 members liking 64 posts at once (exact counts checked after). Appends to docs/PERFORMANCE.md.
#
#   bench/forum.sh
#   THREADS=10000 POSTS=100000 bench/forum.sh     # a quicker run
set -euo pipefail
cd "$(dirname "$0")/.."
THREADS=${THREADS:-100000}
POSTS=${POSTS:-1000000}
DURATION=${DURATION:-10s}
source bench/lib.sh
bench_prepare forum "bench member password"
GEN=$(python3 bench/gen_forum.py "$DB" --threads "$THREADS" --posts "$POSTS")
echo "$GEN"

bench_serve

# Members' pages: 1,000 members in turn, each through their own session (bench/member_pages.lua).
# A moderator's page (the admin's, logged in through the form) is rendered for them alone.
JAR="$DIR/cookies"
CSRF=$(curl -fs -c "$JAR" "$BASE/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
curl -fs -b "$JAR" -c "$JAR" -o /dev/null -X POST "$BASE/login" --data-urlencode "_csrf=$CSRF" \
  --data-urlencode "email=bench@canyu.example" --data-urlencode "password=bench member password"
COOKIE=$(awk '$6 == "canyu_session" {print "canyu_session=" $7}' "$JAR")

BOARD=/forum/boards/3
THREAD=/forum/threads/$((THREADS / 2))
latency() {  # path [wrk args] → "rps|p50|p99|p95"
  local out
  out=$(wrk -t2 -c64 -d"$DURATION" --latency "${@:2}" "$BASE$1")
  echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out")|$(awk '$1 == "50%" {print $2}' <<<"$out")|$(awk '$1 == "99%" {print $2}' <<<"$out")|$(awk '$1 == "90%" {print $2}' <<<"$out")"
}
curl -fs "$BASE$BOARD" >/dev/null && curl -fs "$BASE$THREAD" >/dev/null
IFS='|' read -r PING_RPS PING_P50 PING_P99 _ <<<"$(latency /ping)"
IFS='|' read -r ABOARD_RPS ABOARD_P50 ABOARD_P99 _ <<<"$(latency "$BOARD")"
IFS='|' read -r ATHREAD_RPS ATHREAD_P50 ATHREAD_P99 _ <<<"$(latency "$THREAD")"
IFS='|' read -r MBOARD_RPS MBOARD_P50 MBOARD_P99 _ <<<"$(latency "$BOARD" -s bench/member_pages.lua)"
IFS='|' read -r MTHREAD_RPS MTHREAD_P50 MTHREAD_P99 _ <<<"$(latency "$THREAD" -s bench/member_pages.lua)"
IFS='|' read -r OTHREAD_RPS OTHREAD_P50 OTHREAD_P99 _ <<<"$(latency "$THREAD" -H "Cookie: $COOKIE")"
# Search (the API and the page): the p95 is read from wrk's full distribution (bench/percentiles.lua).
percentiles() {  # wrk output → "rps|p50|p95|p99|non-2xx"
  echo "$(awk '/Requests\/sec/ {print $2}' <<<"$1")|$(awk '$1 == "p50" {print $2}' <<<"$1")|$(awk '$1 == "p95" {print $2}' <<<"$1")|$(awk '$1 == "p99" {print $2}' <<<"$1")|$(awk '/Non-2xx/ {print $NF}' <<<"$1")"
}
search() {  # path [wrk script] → percentiles
  percentiles "$(wrk -t2 -c64 -d"$DURATION" --latency -s "${2:-bench/percentiles.lua}" "$BASE$1")"
}
IFS='|' read -r SEARCH_RPS SEARCH_P50 SEARCH_P95 SEARCH_P99 _ <<<"$(search "/api/v1/search?q=%E7%9B%B8%E6%9C%BA")"
IFS='|' read -r SPAGE_RPS SPAGE_P50 SPAGE_P95 SPAGE_P99 _ <<<"$(search "/search?q=%E7%9B%B8%E6%9C%BA")"
IFS='|' read -r MSPAGE_RPS MSPAGE_P50 MSPAGE_P95 MSPAGE_P99 _ <<<"$(search "/search?q=%E7%9B%B8%E6%9C%BA" bench/member_pages.lua)"
PING2_RPS=$(latency /ping | cut -d'|' -f1)

FIRST_POST=$(python3 -c "import sqlite3; print(sqlite3.connect('$DB').execute('SELECT MIN(id) FROM posts WHERE floor = 1 AND thread_id > 1000').fetchone()[0])")
sed "s/first_post + /$FIRST_POST + /" bench/like.lua > "$DIR/like.lua"
LIKE_OUT=$(wrk -t2 -c64 -d"$DURATION" --latency -s "$DIR/like.lua" "$BASE")
LIKE_RPS=$(awk '/Requests\/sec/ {print $2}' <<<"$LIKE_OUT")
LIKE_ERRORS=$(awk '/Non-2xx/ {print $NF}' <<<"$LIKE_OUT")
sleep 1
LIKES=$(python3 - "$DB" "$FIRST_POST" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
first = int(sys.argv[2])
rows = db.execute("""SELECT p.id, p.like_count, (SELECT COUNT(*) FROM post_likes l WHERE l.post_id = p.id)
  FROM posts p WHERE p.id BETWEEN ? AND ?""", (first, first + 63)).fetchall()
wrong = [r for r in rows if r[1] != r[2]]
total = sum(r[2] for r in rows)
print(f"{total}|{'exact' if not wrong else f'MISMATCH {wrong[:3]}'}")
PY
)
IFS='|' read -r LIKED EXACT <<<"$LIKES"

# Search again on a node with the search cache off (every request runs its query): the same
# word, then searches that change from one request to the next (bench/search_words.lua).
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
export CANYU_LIST_CACHE_SECONDS=0
bench_serve
curl -fs "$BASE/api/v1/search?q=%E7%9B%B8%E6%9C%BA" >/dev/null
IFS='|' read -r USEARCH_RPS USEARCH_P50 USEARCH_P95 USEARCH_P99 USEARCH_ERR <<<"$(search "/api/v1/search?q=%E7%9B%B8%E6%9C%BA")"
IFS='|' read -r USPAGE_RPS USPAGE_P50 USPAGE_P95 USPAGE_P99 _ <<<"$(search "/search?q=%E7%9B%B8%E6%9C%BA")"
IFS='|' read -r VSEARCH_RPS VSEARCH_P50 VSEARCH_P95 VSEARCH_P99 VSEARCH_ERR <<<"$(search "" bench/search_words.lua)"
pct() { python3 -c "print(f'{100 * $1 / $2:.0f}')"; }

{
  echo
  echo "### $(date -u +%Y-%m-%d) — forum: pages, search, likes"
  echo
  echo "Command: \`THREADS=$THREADS POSTS=$POSTS bench/forum.sh\` (release build, SQLite, \`wrk -t2 -c64 -d$DURATION --latency\`, server and wrk on the same $(nproc) cores, commit $(git rev-parse --short HEAD)). Dataset: $GEN. Board page: \`$BOARD\`; thread page: \`$THREAD\`. Members: 1,000 of them in turn, each with their own session (\`bench/member_pages.lua\`)."
  echo
  echo "| route | req/s | share of \`/ping\` | p50 | p99 |"
  echo "|---|---:|---:|---:|---:|"
  echo "| \`/ping\` (constant) | $PING_RPS | 100 % | $PING_P50 | $PING_P99 |"
  echo "| board page, visitor | $ABOARD_RPS | $(pct "$ABOARD_RPS" "$PING_RPS") % | $ABOARD_P50 | **$ABOARD_P99** |"
  echo "| thread page, visitor | $ATHREAD_RPS | $(pct "$ATHREAD_RPS" "$PING_RPS") % | $ATHREAD_P50 | **$ATHREAD_P99** |"
  echo "| board page, member | $MBOARD_RPS | **$(pct "$MBOARD_RPS" "$PING_RPS") %** | $MBOARD_P50 | $MBOARD_P99 |"
  echo "| thread page, member | $MTHREAD_RPS | **$(pct "$MTHREAD_RPS" "$PING_RPS") %** | $MTHREAD_P50 | $MTHREAD_P99 |"
  echo "| thread page, moderator (rendered for them) | $OTHREAD_RPS | $(pct "$OTHREAD_RPS" "$PING_RPS") % | $OTHREAD_P50 | $OTHREAD_P99 |"
  echo "| \`/api/v1/search?q=相机\` | $SEARCH_RPS | | $SEARCH_P50 | $SEARCH_P99 (**p95 $SEARCH_P95**) |"
  echo "| the same, search cache off | $USEARCH_RPS | | $USEARCH_P50 | $USEARCH_P99 (**p95 $USEARCH_P95**) |"
  echo "| search page \`/search?q=相机\`, visitor | $SPAGE_RPS | | $SPAGE_P50 | $SPAGE_P99 (**p95 $SPAGE_P95**) |"
  echo "| search page, member | $MSPAGE_RPS | | $MSPAGE_P50 | $MSPAGE_P99 (**p95 $MSPAGE_P95**) |"
  echo "| search page, visitor, search cache off | $USPAGE_RPS | | $USPAGE_P50 | $USPAGE_P99 (**p95 $USPAGE_P95**) |"
  echo "| varying searches, search cache off (\`bench/search_words.lua\`) | $VSEARCH_RPS | | $VSEARCH_P50 | $VSEARCH_P99 (**p95 $VSEARCH_P95**) |"
  echo
  echo "\`/ping\` again after the pages: $PING2_RPS req/s. Likes: 64 members × 64 posts through \`PUT /api/v1/posts/{id}/like\` for $DURATION at $LIKE_RPS req/s (non-2xx ${LIKE_ERRORS:-0}): $LIKED likes stored, counts **$EXACT**. Searches with the cache off ran on a second node over the same database (non-2xx: ${USEARCH_ERR:-0} and ${VSEARCH_ERR:-0})."
} | tee -a docs/PERFORMANCE.md
