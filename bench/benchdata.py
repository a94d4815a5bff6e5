"""What the data generators share: a fast connection, the `bench` product, and members with
known API tokens (`bench-<token>-N`, N from 0), all with the first user's password."""
import hashlib
import sqlite3


def open_db(path):
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = OFF")
    return db


def add_product(db, now, modules=(("camera", "相机", "Camera"),)):
    """The product `bench` with its modules; returns its id and the modules' ids."""
    db.execute("INSERT INTO products (slug, name_zh, name_en, description_zh, description_en, icon, created_at) VALUES ('bench', '基准', 'Bench', '', '', '📱', ?)", (now,))
    product = db.execute("SELECT id FROM products WHERE slug = 'bench'").fetchone()[0]
    ids = []
    for key, zh, en in modules:
        db.execute("INSERT INTO product_modules (product_id, key, name_zh, name_en, team) VALUES (?,?,?,?,?)", (product, key, zh, en, en + " team"))
        ids.append(db.execute("SELECT last_insert_rowid()").fetchone()[0])
    return product, ids


def add_members(db, count, now, email, name, token, days_old):
    """`count` members: `email.format(n)`, `name.format(n)`, API token `bench-<token>-n`, joined
    `days_old` days ago. Returns the first one's id (the others follow in order)."""
    first = db.execute("SELECT COALESCE(MAX(id), 0) FROM users").fetchone()[0] + 1
    password_hash = (db.execute("SELECT password_hash FROM users LIMIT 1").fetchone() or ["x"])[0]
    db.executemany(
        "INSERT INTO users (id, email, email_key, name, name_key, password_hash, role, bio, locale, time_zone, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        ((first + n, email.format(n), email.format(n), name.format(n), name.format(n), password_hash, "member", "", None, None, now - 86400 * days_old, now)
         for n in range(count)))
    db.executemany("INSERT INTO user_tokens (user_id, label, token_hash, token_hint, created_at) VALUES (?,?,?,?,?)",
                   ((first + n, "bench", hashlib.sha256(f"bench-{token}-{n}".encode()).hexdigest(), "bench", now) for n in range(count)))
    return first
