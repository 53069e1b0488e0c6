#!/usr/bin/env bash
# Browser end-to-end tests: start the platform on a fresh SQLite database with the demo data,
# run the Playwright script in web/e2e against it, stop the server.
set -euo pipefail
bin=${1:-./target/debug/ranjian}
dir=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export RANJIAN_DATABASE_URL="sqlite://$dir/e2e.db" RANJIAN_LISTEN="127.0.0.1:$port" RANJIAN_CONFIG=/nonexistent RANJIAN_LOG=warn RANJIAN_DATA_DIR="$dir"
"$bin" migrate >/dev/null
"$bin" demo --scale small >/dev/null
"$bin" serve >"$dir/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null || { cat "$dir/server.log"; exit 1; }
cd web && BASE_URL="http://127.0.0.1:$port" npm run --silent test:e2e
