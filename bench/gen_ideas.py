#!/usr/bin/env python3
"""Fills a migrated Canyu SQLite database for the ideas benchmarks: a product `bench` with
100,000 ideas across the statuses (hot ranks computed as `IdeaRanking.hot` does), and voters
with known API tokens `bench-voter-N` (N from 0). Deterministic (seeded). Usage:

    gen_ideas.py DB --ideas 100000 --voters 100000
"""
import argparse
import math
import random
import time

from benchdata import add_members, add_product, open_db

parser = argparse.ArgumentParser()
parser.add_argument("db")
parser.add_argument("--ideas", type=int, default=100_000)
parser.add_argument("--voters", type=int, default=100_000)
parser.add_argument("--open-ideas", help="write the ids of the ideas open to votes here, one a line")
args = parser.parse_args()

rng = random.Random(20261124)
now = time.time()
start = time.time()
db = open_db(args.db)
product, _ = add_product(db, now)
first_user = add_members(db, args.voters, now, "v{}@bench", "投票者{}", "voter", days_old=100)

STATUSES = [("proposed", 0.6), ("under_review", 0.1), ("planned", 0.08), ("in_progress", 0.06), ("in_beta", 0.04), ("shipped", 0.07), ("declined", 0.05)]
WORDS = ["相机", "夜景", "续航", "充电", "通知栏", "锁屏", "桌面", "短信", "battery", "camera", "gestures", "widgets"]

def hot(score, created):
    order = math.log10(max(abs(score), 1))
    sign = 1 if score > 0 else (-1 if score < 0 else 0)
    return round((sign * order + created / 45000) * 1e7) / 1e7

def ideas():
    for n in range(args.ideas):
        roll, status = rng.random(), "proposed"
        for name, share in STATUSES:
            roll -= share
            if roll < 0:
                status = name
                break
        created = now - rng.uniform(3600, 365 * 86400)
        score = int(rng.random() ** 4 * 500)
        title = f"{rng.choice(WORDS)}{rng.choice(WORDS)} idea {n}"
        yield (product, first_user + rng.randrange(args.voters), title, "", "", status, score, score, hot(score, created), created, created)

db.executemany("""INSERT INTO ideas (product_id, author_id, title, body, body_html, status, vote_count, weighted_score, hot_rank, created_at, status_changed_at)
                  VALUES (?,?,?,?,?,?,?,?,?,?,?)""", ideas())
# The generated counts stand for earlier votes that are not rows; the exactness check afterwards
# compares each idea's counts with its rows plus this baseline, kept here.
db.execute("CREATE TABLE bench_idea_baseline AS SELECT id, vote_count, weighted_score FROM ideas WHERE product_id = ?", (product,))
db.commit()
open_ids = [row[0] for row in db.execute("SELECT id FROM ideas WHERE product_id = ? AND status IN ('proposed','under_review','planned','in_progress','in_beta') ORDER BY id", (product,))]
first, last = open_ids[0], open_ids[-1]
if args.open_ideas:
    # The ideas one can vote on, for the vote benchmark to pick from (closed ideas refuse votes).
    with open(args.open_ideas, "w") as out:
        out.write("\n".join(map(str, open_ids)) + "\n")
print(f"ideas={args.ideas} voters={args.voters} first_open_idea={first} last_idea={last} in {time.time() - start:.1f}s")
