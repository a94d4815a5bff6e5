# Shared by the benchmark scripts (source it): a release build, a fresh migrated SQLite database
# with an admin, and then a node serving it on a free port, stopped when the script exits.

bench_prepare() {  # name admin-password → BIN, DIR, DB (and the database's environment)
  command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
  swift build -c release --scratch-path "${SCRATCH:-.build-release}" --product canyu
  BIN="${SCRATCH:-.build-release}/release/canyu"
  DIR=$(mktemp -d "/tmp/canyu-$1-bench.XXXXXX")
  DB="$DIR/bench.sqlite"
  export CANYU_SQLITE_PATH="$DB" CANYU_BCRYPT_COST=10 CANYU_UPLOADS_DIR="$DIR/uploads"
  "$BIN" migrate --env production >/dev/null
  echo "$2" | "$BIN" admin create --email bench@canyu.example --name "Bench Admin" --env production >/dev/null
}

bench_serve() {  # → PORT, SERVER, BASE
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$BIN" serve --env production --port "$PORT" --no-migrate >"$DIR/server.log" 2>&1 &
  SERVER=$!
  trap 'kill $SERVER 2>/dev/null' EXIT
  for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
  BASE="http://127.0.0.1:$PORT"
}
