#!/usr/bin/env python3
"""Fills a migrated Canyu SQLite database for the bug benchmarks: a product `bench` with three
modules and twelve published builds, `--bugs` bugs across statuses, severities, modules and
builds (heat ranks as `BugHeat.rank` computes them), and members with old accounts and known
API tokens `bench-member-N` (N from 0). The generated counts stand for earlier "me too"s that
are not rows; they are kept in `bench_bug_baseline` for the exactness check. The `--pool` newest
new bugs start with fewer "me too"s than the crowd confirmation needs; their ids go to
`--pool-file`. Deterministic.

    gen_bugs.py DB --bugs 200000 --members 200000 --pool 2000 --pool-file pool.txt
"""
import argparse
import math
import random
import time

from benchdata import add_members, add_product, open_db

parser = argparse.ArgumentParser()
parser.add_argument("db")
parser.add_argument("--bugs", type=int, default=200_000)
parser.add_argument("--members", type=int, default=200_000)
parser.add_argument("--pool", type=int, default=2_000)
parser.add_argument("--pool-file", required=True)
args = parser.parse_args()

rng = random.Random(20261124)
now = time.time()
start = time.time()
db = open_db(args.db)
product, modules = add_product(db, now, (("camera", "相机", "Camera"), ("battery", "电池", "Battery"), ("audio", "音频", "Audio")))
staff = db.execute("SELECT id FROM users ORDER BY id LIMIT 1").fetchone()[0]
builds = []
for n in range(12):
    friday = now - (12 - n) * 7 * 86400
    db.execute("""INSERT INTO releases (product_id, version, notes, notes_html, download_url, ring, created_by, created_at, weekly_at, rollout_percent,
                  rollout_step, rollout_paused, report_count, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5)
                  VALUES (?,?,?,?,?,'weekly',?,?,?,0,0,0,0,0,0,0,0,0,0)""", (product, f"1.{n}.0", "", "", "", staff, friday - 86400, friday))
    builds.append(db.execute("SELECT last_insert_rowid()").fetchone()[0])

first_user = add_members(db, args.members, now, "m{}@bench", "米粉{}", "member", days_old=200)

STATUSES = [("new", 0.35), ("confirmed", 0.2), ("in_progress", 0.1), ("fixed", 0.1), ("verified", 0.1), ("wont_fix", 0.05), ("cannot_reproduce", 0.05),
            ("duplicate", 0.05)]
SEVERITY_POINTS = {"blocker": 40, "critical": 25, "major": 12, "minor": 4, "trivial": 1, None: 8}
WORDS = ["相机", "夜景", "续航", "充电", "通知栏", "锁屏", "蓝牙", "耳机", "camera", "battery", "crash", "freeze"]

def rank(me_too, duplicates, followers, severity, active):
    points = (me_too + 1) * 4 + duplicates * 6 + followers * 2 + SEVERITY_POINTS[severity]
    return round((math.log2(max(points, 1)) + active / (30 * 86400)) * 1e7) / 1e7

def bugs():
    for n in range(args.bugs):
        roll, status = rng.random(), "new"
        for name, share in STATUSES:
            roll -= share
            if roll < 0:
                status = name
                break
        if n >= args.bugs - args.pool:
            status = "new"
        created = now - rng.uniform(3600, 365 * 86400)
        me_too = int(rng.random() ** 4 * 60)
        if status == "new":
            me_too = min(me_too, 4)
        duplicates = 0 if status == "duplicate" else int(rng.random() ** 6 * 5)
        followers = int(rng.random() ** 3 * me_too / 4)
        severity = None if status == "new" else rng.choice(list(SEVERITY_POINTS))
        build = rng.choice(builds)
        fixed_in = rng.choice(builds) if status in ("fixed", "verified") else None
        title = f"{rng.choice(WORDS)}{rng.choice(WORDS)} bug {n}"
        yield (product, rng.choice(modules), build, first_user + rng.randrange(args.members), title, "steps", "", "", "often", "Aurora", status, severity,
               None, fixed_in, None, me_too, me_too, duplicates, followers, 0, 1 if fixed_in else 0, rank(me_too, duplicates, followers, severity, created),
               created, created, created, None if status in ("new", "cannot_reproduce") else created)

db.executemany("""INSERT INTO bugs (product_id, module_id, release_id, reporter_id, title, steps, expected, actual, frequency, device_model, status, severity,
                  duplicate_of_id, fixed_in_release_id, checked_on_release_id, me_too_count, qualified_me_too_count, duplicate_count, follower_count,
                  verified_count, fix_round, heat_rank, created_at, active_at, status_changed_at, confirmed_at)
                  VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""", bugs())
# The list totals, as filing and moving bugs keep them (BugTallies).
db.execute("""INSERT INTO bug_tallies (product_id, status, module_id, severity, release_id, count)
              SELECT product_id, status, COALESCE(module_id, 0), COALESCE(severity, ''), COALESCE(release_id, 0), COUNT(*) FROM bugs WHERE product_id = ?
              GROUP BY product_id, status, COALESCE(module_id, 0), COALESCE(severity, ''), COALESCE(release_id, 0)""", (product,))
db.execute("""INSERT INTO bug_tallies (product_id, status, module_id, severity, release_id, count)
              SELECT product_id, status, COALESCE(module_id, 0), COALESCE(severity, ''), -1, COUNT(*) FROM bugs WHERE product_id = ?
              GROUP BY product_id, status, COALESCE(module_id, 0), COALESCE(severity, '')""", (product,))
db.execute("""CREATE TABLE bench_bug_baseline AS SELECT id, status, me_too_count, qualified_me_too_count, follower_count FROM bugs WHERE product_id = ?""", (product,))
db.commit()
pool = [row[0] for row in db.execute("SELECT id FROM bugs WHERE product_id = ? ORDER BY id DESC LIMIT ?", (product, args.pool))]
with open(args.pool_file, "w") as out:
    out.write("\n".join(map(str, pool)) + "\n")
print(f"bugs={args.bugs} members={args.members} pool={len(pool)} builds={len(builds)} first_build={builds[0]} in {time.time() - start:.1f}s")
