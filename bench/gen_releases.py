#!/usr/bin/env python3
"""Fills a migrated Canyu SQLite database for the releases benchmarks: a product `bench` with
six changes in a build at the weekly ring whose four-grid report is open and already holds
`--reports` reports (its counts kept as filing keeps them), eleven earlier builds for the
rating trend, a stable build mid-rollout, and members in the weekly ring with known API tokens
`bench-member-N`: the first `--reports` filed already, the rest have not. Deterministic.

    gen_releases.py DB --reports 100000 --members 200000
"""
import argparse
import random
import time

from benchdata import add_members, add_product, open_db

parser = argparse.ArgumentParser()
parser.add_argument("db")
parser.add_argument("--reports", type=int, default=100_000)
parser.add_argument("--members", type=int, default=200_000)
args = parser.parse_args()
assert args.members > args.reports

rng = random.Random(20261127)
now = time.time()
start = time.time()
db = open_db(args.db)
product, _ = add_product(db, now)
staff = db.execute("SELECT id FROM users ORDER BY id LIMIT 1").fetchone()[0]
first_user = add_members(db, args.members, now, "m{}@bench", "内测{}", "member", days_old=200)
members = range(first_user, first_user + args.members)
db.executemany("INSERT INTO member_tiers (user_id, tier, since, missed_duty_weeks) VALUES (?, 'core_fan', ?, 0)", ((u, now - 86400 * 100) for u in members))
db.executemany("INSERT INTO weekly_ring_members (product_id, user_id, joined_at) VALUES (?,?,?)", ((product, u, now - 86400 * 50) for u in members))
ideas = []
for n in range(20):
    db.execute("""INSERT INTO ideas (product_id, author_id, title, body, body_html, status, vote_count, weighted_score, hot_rank, created_at, status_changed_at)
                  VALUES (?,?,?,?,?,'proposed',0,0,0,?,?)""", (product, first_user + n, f"期待的想法 {n}", "", "", now, now))
    ideas.append(db.execute("SELECT last_insert_rowid()").fetchone()[0])

RELEASE_COLUMNS = """product_id, version, notes, notes_html, download_url, ring, created_by, created_at, weekly_at, stable_at, rollout_percent, rollout_step,
  rollout_next_at, rollout_paused, report_opens_at, report_closes_at, report_closed_at, report_count, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5"""

def build(version, weeks_ago, ring="weekly", percent=0):
    friday = now - weeks_ago * 7 * 86400
    closed = None if weeks_ago == 0 else friday + 4 * 86400
    db.execute(f"INSERT INTO releases ({RELEASE_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
               (product, version, "notes", "<p>notes</p>", "https://example.com/b.zip", ring, staff, friday - 4 * 86400, friday,
                friday + 86400 if ring == "stable" else None, percent, 4 if percent == 20 else 0, now + 3600 if 0 < percent < 100 else None, False,
                friday, friday + 4 * 86400 if weeks_ago else now + 4 * 86400, closed, 0, 0, 0, 0, 0, 0, 0))
    release = db.execute("SELECT last_insert_rowid()").fetchone()[0]
    changes = []
    for position in range(1, 7):
        db.execute("""INSERT INTO release_changes (release_id, position, title, description, module_id, team, idea_id, half_finished, liked_count, weak_count)
                      VALUES (?,?,?,?,NULL,?,NULL,?,0,0)""", (release, position, f"更新 {position}", "", ["Camera team", "Power team", "UI team"][position % 3], position == 6))
        changes.append(db.execute("SELECT last_insert_rowid()").fetchone()[0])
    return release, changes

def reports(release, changes, count):
    rows = []
    for n in range(count):
        liked = changes[0] if rng.random() < 0.4 else rng.choice(changes)
        weak = rng.choice([c for c in changes if c != liked])
        idea = rng.choice(ideas) if rng.random() < 0.9 else None
        rows.append((release, first_user + n, liked, weak, idea, "" if idea else "更多功能", rng.choice([2, 3, 3, 4, 4, 4, 5, 5]), now - 3600, now - 3600))
    db.executemany("""INSERT INTO four_grid_reports (release_id, user_id, liked_change_id, weak_change_id, anticipated_idea_id, anticipated_text, rating, created_at, updated_at)
                      VALUES (?,?,?,?,?,?,?,?,?)""", rows)
    # The counts, as filing one report at a time keeps them.
    ratings = ", ".join(f"rating_{r} = (SELECT COUNT(*) FROM four_grid_reports WHERE release_id = {release} AND rating = {r})" for r in range(1, 6))
    db.execute(f"""UPDATE releases SET report_count = (SELECT COUNT(*) FROM four_grid_reports WHERE release_id = {release}),
                   rating_sum = (SELECT COALESCE(SUM(rating), 0) FROM four_grid_reports WHERE release_id = {release}), {ratings} WHERE id = {release}""")
    db.execute(f"""UPDATE release_changes SET liked_count = (SELECT COUNT(*) FROM four_grid_reports r WHERE r.liked_change_id = release_changes.id),
                   weak_count = (SELECT COUNT(*) FROM four_grid_reports r WHERE r.weak_change_id = release_changes.id) WHERE release_id = {release}""")
    db.execute(f"""INSERT INTO release_anticipations (release_id, idea_id, count) SELECT release_id, anticipated_idea_id, COUNT(*) FROM four_grid_reports
                   WHERE release_id = {release} AND anticipated_idea_id IS NOT NULL GROUP BY release_id, anticipated_idea_id""")

for weeks_ago in range(11, 0, -1):
    ring, percent = ("stable", 20) if weeks_ago == 3 else ("weekly", 0)
    release, changes = build(f"1.{12 - weeks_ago}.0", weeks_ago, ring, percent)
    reports(release, changes, 2_000)
current, changes = build("1.12.0", 0)
reports(current, changes, args.reports)
db.commit()
print(f"reports={args.reports} members={args.members} release={current} first_fresh_member={args.reports} "
      f"changes={','.join(map(str, changes))} idea={ideas[0]} in {time.time() - start:.1f}s")
