#!/usr/bin/env python3
"""Fills a migrated Canyu SQLite database with a forum for the benchmarks: members (64 of them
with known API tokens `bench-token-N`, 1,000 with browser sessions `bench-session-N`), boards, threads and posts in Chinese and English, and
the search index built with the same rules as `SearchTerms` (Latin words; CJK bigrams plus the
run's last character). Deterministic (seeded). Usage:

    gen_forum.py DB --threads 100000 --posts 1000000
"""
import argparse
import hashlib
import random
import sqlite3
import time
import unicodedata

parser = argparse.ArgumentParser()
parser.add_argument("db")
parser.add_argument("--threads", type=int, default=100_000)
parser.add_argument("--posts", type=int, default=1_000_000)
parser.add_argument("--members", type=int, default=10_000)
args = parser.parse_args()

rng = random.Random(20261124)
now = time.time()
db = sqlite3.connect(args.db)
db.execute("PRAGMA journal_mode = WAL")
db.execute("PRAGMA synchronous = OFF")
start = time.time()
first_id = db.execute("SELECT COALESCE(MAX(id), 0) FROM users").fetchone()[0] + 1
password_hash = (db.execute("SELECT password_hash FROM users LIMIT 1").fetchone() or ["x"])[0]
db.executemany(
    "INSERT INTO users (id, email, email_key, name, name_key, password_hash, role, bio, locale, time_zone, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
    ((first_id + n, f"m{first_id + n}@bench", f"m{first_id + n}@bench", f"米粉{first_id + n}", f"米粉{first_id + n}", password_hash, "member", "", None, None, now - 86400 * 400, now)
     for n in range(args.members)))
members = list(range(first_id, first_id + args.members))
# Members above the lowest tier, so the pyramid's posting interval for new members doesn't apply.
db.executemany("INSERT INTO member_tiers (user_id, tier, since, missed_duty_weeks) VALUES (?, 'fan', ?, 0)", ((m, now) for m in members[:64]))
db.executemany("INSERT INTO user_tokens (user_id, label, token_hash, token_hint, created_at) VALUES (?,?,?,?,?)",
               ((members[n], "bench", hashlib.sha256(f"bench-token-{n}".encode()).hexdigest(), "bench", now) for n in range(64)))
# Browser sessions for the first SESSIONS members (cookies `bench-session-N`), fresh for 30 days.
SESSIONS = min(1000, args.members)
db.executemany("INSERT INTO web_sessions (id, user_id, csrf_token, created_at, expires_at) VALUES (?,?,?,?,?)",
               ((hashlib.sha256(f"bench-session-{n}".encode()).hexdigest(), members[n], f"bench-csrf-{n}", now, now + 30 * 86400) for n in range(SESSIONS)))

db.execute("INSERT INTO forum_categories (id, name_zh, name_en, position, created_at) VALUES (1, '交流', 'Community', 0, ?)", (now,))
BOARDS = 10
db.executemany("INSERT INTO boards (id, category_id, name_zh, name_en, description_zh, description_en, icon, position, archived, thread_count, post_count, created_at) VALUES (?,1,?,?,?,?,?,?,0,0,0,?)",
               ((b, f"版块{b}", f"Board {b}", "基准测试", "Benchmark", "💬", b, now) for b in range(1, BOARDS + 1)))

PRODUCTS = ["小米", "红米", "手环", "平板", "MIUI", "Xiaomi", "Redmi"]
TOPICS = ["相机", "续航", "充电", "信号", "更新", "发热", "屏幕", "指纹", "夜景", "人像", "battery", "camera", "update", "signal"]
WORDS_ZH = ["今天", "试了", "一下", "感觉", "不错", "希望", "下个", "版本", "能够", "改进", "我的", "手机", "用了", "一周", "还是", "很好", "有点", "问题", "谢谢", "分享"]
WORDS_EN = ["the", "phone", "works", "great", "after", "update", "battery", "lasts", "all", "day", "camera", "night", "mode", "is", "better", "than", "before"]

def sentence():
    if rng.random() < 0.3:
        return " ".join(rng.choice(WORDS_EN) for _ in range(rng.randint(6, 14))) + "."
    return "".join(rng.choice(WORDS_ZH) for _ in range(rng.randint(5, 12))) + rng.choice(TOPICS) + "。"

def is_cjk(ch):
    c = ord(ch)
    return 0x3040 <= c <= 0x30FF or 0x3400 <= c <= 0x4DBF or 0x4E00 <= c <= 0x9FFF or 0xAC00 <= c <= 0xD7AF or 0xF900 <= c <= 0xFAFF or 0x20000 <= c <= 0x2FA1F

def terms(text):
    out, latin, cjk = [], "", []
    def flush():
        nonlocal latin, cjk
        if latin and len(latin) <= 40: out.append(latin)
        latin = ""
        if cjk:
            if len(cjk) == 1: out.append(cjk[0])
            else:
                out.extend(cjk[i] + cjk[i + 1] for i in range(len(cjk) - 1)); out.append(cjk[-1])
            cjk = []
    for ch in text:
        if is_cjk(ch):
            if latin: flush()
            cjk.append(ch)
        elif unicodedata.category(ch)[0] in "LN":
            if cjk: flush()
            latin += ch.lower()
        else:
            flush()
    flush()
    return " ".join(out)

post_id = db.execute("SELECT COALESCE(MAX(id), 0) FROM posts").fetchone()[0] + 1
per_thread = max(1, args.posts // args.threads)
threads, posts, docs, fts = [], [], [], []
board_counts = {b: [0, 0] for b in range(1, BOARDS + 1)}
def flush_rows():
    db.executemany("INSERT INTO forum_threads (id, board_id, author_id, title, pinned, featured, locked, deleted, floor_count, reply_count, view_count, last_post_at, last_poster_id, created_at) VALUES (?,?,?,?,?,?,0,0,?,?,?,?,?,?)", threads)
    db.executemany("INSERT INTO posts (id, thread_id, floor, author_id, body, body_html, quote_post_id, like_count, state, state_reason, edited_at, created_at) VALUES (?,?,?,?,?,?,NULL,0,'visible',NULL,NULL,?)", posts)
    db.executemany("INSERT INTO search_documents (post_id, thread_id, board_id, author_id, visible, created_at) VALUES (?,?,?,?,1,?)", docs)
    db.executemany("INSERT INTO search_fts (rowid, title, body) VALUES (?,?,?)", fts)
    threads.clear(); posts.clear(); docs.clear(); fts.clear()

for t in range(1, args.threads + 1):
    board = rng.randint(1, BOARDS)
    author = rng.choice(members)
    created = now - rng.uniform(1, 365) * 86400
    title = f"{rng.choice(PRODUCTS)}{rng.choice(TOPICS)}{rng.choice(['体验', '求助', '分享', '讨论'])} {t}"
    count = per_thread if t < args.threads else args.posts - per_thread * (args.threads - 1)
    when = created
    last_poster = author
    for floor in range(1, count + 1):
        poster = author if floor == 1 else rng.choice(members)
        body = " ".join(sentence() for _ in range(rng.randint(1, 4)))
        posts.append((post_id, t, floor, poster, body, "<p>" + body + "</p>", when))
        docs.append((post_id, t, board, poster, when))
        fts.append((post_id, terms(title) if floor == 1 else "", terms(body)))
        last_poster = poster
        post_id += 1
        when += rng.uniform(60, 3600)
    threads.append((t, board, author, title, 1 if t % 5000 == 0 else 0, 1 if t % 97 == 0 else 0, count, count - 1, rng.randint(0, 5000), when, last_poster, created))
    board_counts[board][0] += 1
    board_counts[board][1] += count
    if len(posts) >= 50_000:
        flush_rows()
flush_rows()
db.executemany("UPDATE boards SET thread_count = ?, post_count = ? WHERE id = ?", ((c[0], c[1], b) for b, c in board_counts.items()))

def token_count(sz):
    """The app's canyu_token_count: the sum of the SQLite varints in FTS5's docsize record."""
    total, value, used = 0, 0, 0
    for byte in sz:
        if used == 8:
            total, value, used = total + (value << 8 | byte), 0, 0
            continue
        value = value << 7 | (byte & 0x7F)
        used += 1
        if byte & 0x80 == 0:
            total, value, used = total + value, 0, 0
    return total

# Each document's length beside it, as the app's SearchIndex keeps it (SearchRankFunction).
db.create_function("canyu_token_count", 1, token_count, deterministic=True)
db.execute("UPDATE search_documents SET length = (SELECT canyu_token_count(sz) FROM search_fts_docsize WHERE id = post_id) WHERE post_id IN (SELECT id FROM search_fts_docsize)")
db.commit()
db.execute("PRAGMA optimize")
print(f"generated members={args.members} threads={args.threads} posts={post_id - 1} in {time.time() - start:.1f}s")
