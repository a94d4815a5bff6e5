#!/usr/bin/env bash
# Releases benchmarks on a build whose four-grid report holds 100,000 reports: its results page
# and summary, update checks from random devices against the constant route, then report
# submissions from 64 connections, each request a different weekly-ring member filing for the
# first time; every count of the build is checked against its reports afterwards.
# Appends to docs/PERFORMANCE.md.
#
#   bench/releases.sh
#   REPORTS=10000 MEMBERS=60000 DURATION=5s bench/releases.sh     # a quicker run
set -euo pipefail
cd "$(dirname "$0")/.."
REPORTS=${REPORTS:-100000}
MEMBERS=${MEMBERS:-200000}
DURATION=${DURATION:-10s}
source bench/lib.sh
bench_prepare releases "bench admin password"
GEN=$(python3 bench/gen_releases.py "$DB" --reports "$REPORTS" --members "$MEMBERS")
echo "$GEN"
RELEASE=$(sed -n 's/.*release=\([0-9]*\).*/\1/p' <<<"$GEN")
FIRST=$(sed -n 's/.*first_fresh_member=\([0-9]*\).*/\1/p' <<<"$GEN")
CHANGES=$(sed -n 's/.*changes=\([0-9,]*\).*/\1/p' <<<"$GEN")
IDEA=$(sed -n 's/.*idea=\([0-9]*\).*/\1/p' <<<"$GEN")

bench_serve
latency() {  # path [wrk args] → "rps|p50|p99|non2xx"
  local out
  out=$(wrk -t2 -c64 -d"$DURATION" --latency "${@:2}" "$BASE$1")
  echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out")|$(awk '$1 == "50%" {print $2}' <<<"$out")|$(awk '$1 == "99%" {print $2}' <<<"$out")|$(awk '/Non-2xx/ {print $NF}' <<<"$out")"
}
curl -fs "$BASE/releases/$RELEASE/results" >/dev/null
# A weekly-ring member (the generator gives every member the admin's password), logged in through
# the form, for the results page as members get it.
MEMBER=$(python3 -c "import sqlite3; print(sqlite3.connect('$DB').execute(\"SELECT email FROM users WHERE email LIKE 'm%@bench' LIMIT 1\").fetchone()[0])")
JAR="$DIR/cookies"
CSRF=$(curl -fs -c "$JAR" "$BASE/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
curl -fs -b "$JAR" -c "$JAR" -o /dev/null -X POST "$BASE/login" --data-urlencode "_csrf=$CSRF" \
  --data-urlencode "email=$MEMBER" --data-urlencode "password=bench admin password"
COOKIE="Cookie: canyu_session=$(awk '$6 == "canyu_session" {print $7}' "$JAR")"
IFS='|' read -r PING_RPS PING_P50 PING_P99 _ <<<"$(latency /ping)"
IFS='|' read -r PAGE_RPS PAGE_P50 PAGE_P99 _ <<<"$(latency "/releases/$RELEASE/results")"
IFS='|' read -r MPAGE_RPS MPAGE_P50 MPAGE_P99 _ <<<"$(latency "/releases/$RELEASE/results" -H "$COOKIE")"
IFS='|' read -r SUM_RPS SUM_P50 SUM_P99 _ <<<"$(latency "/api/v1/releases/$RELEASE/report/summary")"
IFS='|' read -r UPD_RPS UPD_P50 UPD_P99 UPD_ERR <<<"$(latency / -s bench/update_check.lua)"

sed "s#^local counter = 0#release, first_member, members, idea, changes = $RELEASE, $FIRST, $((MEMBERS - REPORTS)), $IDEA, {$CHANGES}\nlocal counter = 0#" bench/report.lua > "$DIR/report.lua"
report_rows() { python3 -c "import sqlite3; print(sqlite3.connect('$DB').execute('SELECT COUNT(*) FROM four_grid_reports WHERE release_id = $RELEASE').fetchone()[0])"; }
ROWS0=$(report_rows)
IFS='|' read -r REP_RPS REP_P50 REP_P99 REP_ERR <<<"$(latency / -s "$DIR/report.lua")"
sleep 2  # the requests wrk left in flight
ROWS1=$(report_rows)
COUNTED=$(python3 -c "print(round(($ROWS1 - $ROWS0) / ${DURATION%s}))")
CHECK=$(python3 - "$DB" "$RELEASE" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
release = int(sys.argv[2])
db.execute("BEGIN")
r = db.execute("SELECT report_count, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5 FROM releases WHERE id = ?", (release,)).fetchone()
rows = db.execute("SELECT COUNT(*), COALESCE(SUM(rating), 0) FROM four_grid_reports WHERE release_id = ?", (release,)).fetchone()
per_rating = [db.execute("SELECT COUNT(*) FROM four_grid_reports WHERE release_id = ? AND rating = ?", (release, k)).fetchone()[0] for k in range(1, 6)]
changes = db.execute("""SELECT COUNT(*) FROM release_changes c WHERE c.release_id = ? AND (
  c.liked_count != (SELECT COUNT(*) FROM four_grid_reports r WHERE r.liked_change_id = c.id) OR
  c.weak_count != (SELECT COUNT(*) FROM four_grid_reports r WHERE r.weak_change_id = c.id))""", (release,)).fetchone()[0]
ideas = db.execute("""SELECT COUNT(*) FROM release_anticipations a WHERE a.release_id = ? AND
  a.count != (SELECT COUNT(*) FROM four_grid_reports r WHERE r.release_id = a.release_id AND r.anticipated_idea_id = a.idea_id)""", (release,)).fetchone()[0]
credits = db.execute("SELECT COUNT(*) FROM credit_entries WHERE rule = 'four_grid_report'").fetchone()[0]
exact = (r[0], r[1]) == rows and list(r[2:]) == per_rating and changes == 0 and ideas == 0
print(f"{rows[0]}|{credits}|{'exact' if exact else f'MISMATCH release={r} rows={rows} ratings={per_rating} changes={changes} ideas={ideas}'}")
PY
)
IFS='|' read -r TOTAL CREDITS EXACT <<<"$CHECK"
pct() { python3 -c "print(f'{100 * $1 / $2:.0f}')"; }
{
  echo
  echo "### $(date -u +%Y-%m-%d) — releases: four-grid results, update checks, report submissions"
  echo
  echo "Command: \`REPORTS=$REPORTS MEMBERS=$MEMBERS bench/releases.sh\` (release build, SQLite, \`wrk -t2 -c64 -d$DURATION --latency\`, server and wrk on the same $(nproc) cores, commit $(git rev-parse --short HEAD)). Dataset: $GEN."
  echo
  echo "| what | req/s | p50 | p99 |"
  echo "|---|---:|---:|---:|"
  echo "| \`/ping\` (constant) | $PING_RPS | $PING_P50 | $PING_P99 |"
  echo "| results page \`/releases/$RELEASE/results\` ($REPORTS reports) | $PAGE_RPS | $PAGE_P50 | **$PAGE_P99** |"
  echo "| the same page for a signed-in weekly-ring member | $MPAGE_RPS | $MPAGE_P50 | **$MPAGE_P99** |"
  echo "| \`GET /api/v1/releases/$RELEASE/report/summary\` | $SUM_RPS | $SUM_P50 | **$SUM_P99** |"
  echo "| update checks, random devices (\`GET /api/v1/products/bench/updates\`) | $UPD_RPS (**$(pct "$UPD_RPS" "$PING_RPS") %** of \`/ping\`) | $UPD_P50 | $UPD_P99 |"
  echo "| four-grid reports, 64 connections, each a new member (\`PUT /api/v1/releases/{id}/report\`) | $REP_RPS, **$COUNTED counted** | $REP_P50 | $REP_P99 |"
  echo
  echo "Counted: new report rows a second of the run. Non-2xx: ${UPD_ERR:-0} (update checks), ${REP_ERR:-0} (reports). Afterwards $TOTAL reports on the build and $CREDITS four-grid credits paid; the build's count, rating sum and per-rating counts, every change's liked and not-good-enough counts and every anticipated idea's count, against the report rows: **$EXACT**."
} | tee -a docs/PERFORMANCE.md
