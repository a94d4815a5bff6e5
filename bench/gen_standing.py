#!/usr/bin/env python3
"""Fills a migrated Canyu SQLite database with members, ledger entries, balances and check-ins
for the standing benchmarks. Deterministic (seeded). Usage:

    gen_standing.py DB --users 100000 --entries 1000000
"""
import argparse
import random
import sqlite3
import time
from collections import defaultdict
from datetime import datetime
from zoneinfo import ZoneInfo

parser = argparse.ArgumentParser()
parser.add_argument("db")
parser.add_argument("--users", type=int, default=100_000)
parser.add_argument("--entries", type=int, default=1_000_000)
args = parser.parse_args()

rng = random.Random(20261124)
now = time.time()
db = sqlite3.connect(args.db)
db.execute("PRAGMA journal_mode = WAL")
db.execute("PRAGMA synchronous = OFF")
start = time.time()
first_id = (db.execute("SELECT COALESCE(MAX(id), 0) FROM users").fetchone()[0]) + 1
hash_row = db.execute("SELECT password_hash FROM users LIMIT 1").fetchone()
password_hash = hash_row[0] if hash_row else "x"

def users():
    for n in range(args.users):
        uid = first_id + n
        joined = now - rng.uniform(0, 730) * 86400
        yield (uid, f"bench{uid}@canyu.example", f"bench{uid}@canyu.example", f"Bench {uid}", f"bench {uid}",
               password_hash, "member", "", None, None, joined, joined)

db.executemany("INSERT INTO users (id, email, email_key, name, name_key, password_hash, role, bio, locale, time_zone, created_at, updated_at) "
               "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", users())
db.commit()
last_id = first_id + args.users - 1

ZONE = ZoneInfo("Asia/Shanghai")
totals = defaultdict(int)

def periods(ts):
    """The ISO week and the month, as Canyu keys them (community time zone)."""
    moment = datetime.fromtimestamp(ts, ZONE)
    year, week, _ = moment.isocalendar()
    return f"w{year:04d}-{week:02d}", f"m{moment.year:04d}-{moment.month:02d}"

def entries():
    for n in range(args.entries):
        thread = rng.random() < 0.3
        rule = "new_thread" if thread else "reply"
        # Skewed: a few members write most, as in any forum.
        uid = first_id + min(args.users - 1, int(rng.paretovariate(1.2)) - 1) if rng.random() < 0.5 else rng.randint(first_id, last_id)
        when = now - rng.uniform(0, 60) * 86400
        amount = 2 if thread else 1
        week, month = periods(when)
        totals[(week, uid)] += amount
        totals[(month, uid)] += amount
        yield (uid, "credits", amount, rule, "", f"bench:{n}", f"{rule}:{uid}:bench:{n}", None, None, when)

db.executemany("INSERT INTO credit_entries (user_id, currency, amount, rule, reason, source, idempotency_key, cap_key, actor_id, created_at) "
               "VALUES (?,?,?,?,?,?,?,?,?,?)", entries())
db.execute("DELETE FROM credit_balances")
db.execute("INSERT INTO credit_balances (user_id, currency, balance) SELECT user_id, currency, SUM(amount) FROM credit_entries GROUP BY user_id, currency")

db.execute("DELETE FROM credit_period_totals")
db.executemany("INSERT INTO credit_period_totals (currency, period, user_id, total) VALUES ('credits', ?, ?, ?)",
               ((period, uid, total) for (period, uid), total in totals.items()))

def check_ins():
    for uid in range(first_id, last_id + 1, 7):
        length = rng.randint(1, 40)
        for k in range(length):
            day = time.strftime("%Y-%m-%d", time.gmtime(now - (length - 1 - k) * 86400))
            yield (uid, day, k + 1, now - (length - 1 - k) * 86400)

db.executemany("INSERT INTO check_ins (user_id, day, streak, created_at) VALUES (?,?,?,?)", check_ins())
db.execute("INSERT INTO member_streaks (user_id, longest) SELECT user_id, MAX(streak) FROM check_ins GROUP BY user_id")
db.commit()
counts = [db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("users", "credit_entries", "check_ins")]
print(f"generated users={counts[0]} ledger={counts[1]} check_ins={counts[2]} in {time.time() - start:.1f}s")
